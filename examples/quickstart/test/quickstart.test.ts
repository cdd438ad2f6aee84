import { startTestServer, type TestServer } from '@ews/test-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runQuickstart } from '../src/quickstart.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ port: 0, seed: 'demo' });
});
afterAll(async () => {
  await server.close();
});

it('reads the inbox, a week of calendar and the rooms of the demo company', async () => {
  const [user] = server.credentials;
  if (!user) throw new Error('no demo user');
  const lines: string[] = [];
  const result = await runQuickstart({
    url: server.url,
    username: user.username,
    password: user.password,
    print: (line) => lines.push(line),
  });
  expect(result.serverBuild).toMatch(/^15\.\d+\.\d+\.\d+$/);
  expect(result.inbox.total).toBeGreaterThan(0);
  expect(result.events.length).toBeGreaterThan(0);
  for (const event of result.events) expect(Date.parse(event.start)).toBeLessThan(Date.parse(event.end));
  expect(result.rooms.length).toBe(server.roomLists.reduce((sum, list) => sum + list.rooms.length, 0));
  expect(lines.join('\n')).toContain('Inbox:');
});

it('refuses a wrong password with an auth error', async () => {
  const [user] = server.credentials;
  await expect(
    runQuickstart({ url: server.url, username: user?.username ?? '', password: 'wrong', print: () => {} }),
  ).rejects.toMatchObject({ code: 'EWS_AUTH' });
});
