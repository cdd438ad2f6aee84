import { Account, Configuration, Credentials } from '@ews/client';
import { startTestServer, type TestServer } from '@ews/test-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runPeopleSearch } from '../src/people-search.js';

let server: TestServer;
let account: Account;

beforeAll(async () => {
  server = await startTestServer({ port: 0, seed: 'demo', now: () => new Date('2026-03-02T08:00:00Z') });
  const alice = server.mailboxes.find((mailbox) => mailbox.address === 'alice@contoso.test');
  if (!alice) throw new Error('no alice');
  account = new Account({
    primarySmtpAddress: alice.address,
    config: new Configuration({
      serviceEndpoint: server.url,
      credentials: new Credentials(alice.address, alice.password),
      allowInsecureHttp: true,
    }),
  });
});
afterAll(async () => {
  await account?.close();
  await server?.close();
});

it('searches people, resolves a name with its card, reads the photo once, expands a nested list', async () => {
  const lines: string[] = [];
  const result = await runPeopleSearch(account, {
    query: 'c',
    resolve: 'carol',
    distributionList: 'dl.product@contoso.test',
    print: (line) => lines.push(line),
  });
  expect(result.directory).toEqual([
    'Carol Chen <carol@contoso.test>',
    'Leadership Circle <dl.circle@contoso.test>',
    'Staff Council <dl.council@contoso.test>',
  ]);
  expect(result.contacts).toEqual([]);
  expect(result.resolved).toEqual(['carol@contoso.test']);
  expect(result.title).toBe('Software Engineer');
  expect(result.photoBytes).toBeGreaterThan(0);
  expect(lines).toContain(`  photo: ${result.photoBytes} bytes, unchanged on the second ask: true`);
  expect(result.members).toEqual([
    'erin@contoso.test',
    'irene@contoso.test',
    'bob@contoso.test',
    'carol@contoso.test',
    'dave@contoso.test',
  ]);
});
