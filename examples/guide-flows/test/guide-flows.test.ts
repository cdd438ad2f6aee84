import { type Configuration, closeConnections, EwsAuthError } from '@ews/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configure } from '../src/connection.js';
import { testConnection } from '../src/connection-test.js';
import { ImpersonationClient } from '../src/impersonation-client.js';
import { OptimizedClient } from '../src/optimized-client.js';
import { RobustClient } from '../src/robust-client.js';
import { type Fixture, NOW, startFixture } from './support.js';

const DAY_MS = 86_400_000;
let fixture: Fixture;
let throttled: Fixture;
const configs: Configuration[] = [];
const config = (settings: Parameters<typeof configure>[0], maxTotalWaitMs?: number) => {
  const made = configure(settings, maxTotalWaitMs);
  configs.push(made);
  return made;
};

beforeAll(async () => {
  fixture = await startFixture();
  // Every other GetFolder / FindItem answered with ErrorServerBusy (not executed), deterministically.
  throttled = await startFixture({
    seed: 7,
    operations: ['GetFolder', 'FindItem'],
    serverBusy: { rate: 0.5, backOffMilliseconds: 20 },
  });
});

afterAll(async () => {
  await closeConnections(...configs);
  await fixture?.server.close();
  await throttled?.server.close();
  // Every request the flows sent is schema-valid.
  await fixture?.recorder.assertAllValid();
  await throttled?.recorder.assertAllValid();
});

describe('connection test (test_exchange_connection.py)', () => {
  it('reports the calendar folder and the number of items the server holds', async () => {
    const report = await testConnection(
      configure(fixture.signIn('alice@contoso.test')),
      'alice@contoso.test',
    );
    const stored = await fixture.storedEvents('alice@contoso.test');
    expect(report.ok).toBe(true);
    expect(report.calendarName).toBe('Calendar');
    expect(report.calendarItems).toBe(stored.length);
    expect(report.lines).toContain(`✓ Calendar items: ${stored.length}`);
  });

  it('fails with the reason on a wrong password', async () => {
    const report = await testConnection(
      configure(fixture.signIn('alice@contoso.test', 'wrong password')),
      'alice@contoso.test',
    );
    expect(report.ok).toBe(false);
    expect(report.lines).toContain('❌ Connection test FAILED!');
    expect(report.lines.join('\n')).not.toContain('wrong password');
  });
});

describe('Step 4: impersonation over several users', () => {
  it("reads each user's week through the service account, and reports a missing mailbox without losing the others", async () => {
    const client = new ImpersonationClient(config(fixture.signIn('ews.service@contoso.test')));
    const users = ['alice@contoso.test', 'bob@contoso.test', 'nobody@contoso.test'];
    const events = await client.multipleUserEvents(users, { start: NOW });
    expect(Object.keys(events)).toEqual(users);
    for (const user of ['alice@contoso.test', 'bob@contoso.test']) {
      const got = events[user];
      if (got === undefined || 'error' in got) throw new Error(`${user}: ${JSON.stringify(got)}`);
      expect(got.length).toBeGreaterThan(0);
      const subjects = new Set((await fixture.storedEvents(user)).flatMap((event) => event.subjects));
      for (const event of got) {
        expect(subjects.has(event.subject)).toBe(true);
        // Overlaps the week from NOW.
        expect(Date.parse(event.end)).toBeGreaterThan(NOW.getTime());
        expect(Date.parse(event.start)).toBeLessThan(NOW.getTime() + 7 * DAY_MS);
      }
    }
    expect(events['nobody@contoso.test']).toEqual({
      error: expect.stringContaining('ErrorNonExistentMailbox'),
    });
  });

  it('is refused for an account without the impersonation role', async () => {
    const client = new ImpersonationClient(config(fixture.signIn('bob@contoso.test')));
    const events = await client.multipleUserEvents(['alice@contoso.test'], { start: NOW });
    expect(events['alice@contoso.test']).toEqual({ error: expect.stringMatching(/Impersonat/) });
  });
});

describe('Step 5: a robust client', () => {
  it('rides out throttling (ErrorServerBusy) and returns the same events as an unthrottled server', async () => {
    const calm = new RobustClient(config(fixture.signIn('alice@contoso.test')));
    await calm.connect('alice@contoso.test');
    const expected = await calm.safeGetEvents(NOW);

    const robust = new RobustClient(config(throttled.signIn('alice@contoso.test'), 10_000));
    const before = throttled.operations.length;
    await robust.connect('alice@contoso.test');
    const events = await robust.safeGetEvents(NOW);
    expect(events.map((event) => [event.subject, event.start?.toISOString()])).toEqual(
      expected.map((event) => [event.subject, event.start?.toISOString()]),
    );
    expect(events.length).toBeGreaterThan(0);
    // The retries happened inside the client: more calls than a calm run, one connect attempt.
    expect(throttled.operations.length - before).toBeGreaterThan(2);
    expect(robust.attempts).toBe(1);
  });

  it('does not retry a refused sign-in, and names no secret', async () => {
    const lines: string[] = [];
    const robust = new RobustClient(config(fixture.signIn('alice@contoso.test', 'not-her-password')), {
      log: (line) => lines.push(line),
    });
    const failure = await robust.connect('alice@contoso.test').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EwsAuthError);
    expect(robust.attempts).toBe(1);
    expect(lines).toEqual(['Access denied to alice@contoso.test. Check permissions.']);
    expect(String((failure as Error).message)).not.toContain('not-her-password');
  });

  it('refuses to read before connect()', async () => {
    const robust = new RobustClient(config(fixture.signIn('alice@contoso.test')));
    await expect(robust.safeGetEvents(NOW)).rejects.toThrow(/connect\(\) first/);
  });
});

describe('performance section: typed query and bulk create', () => {
  it('lists the calendar newest first with only the asked fields (FindItem, then GetItem for location)', async () => {
    const account = await new RobustClient(config(fixture.signIn('carol@contoso.test'))).connect(
      'carol@contoso.test',
    );
    const before = fixture.operations.length;
    const listed = [];
    for await (const item of new OptimizedClient(account).events()) listed.push(item);
    // @ews/models marks CalendarItem.location as not returned by FindItem, so the query fetches
    // it with one GetItem batch (documented in @ews/services' README) instead of silently.
    expect(fixture.operations.slice(before)).toEqual(['FindItem', 'GetItem']);
    const stored = await fixture.storedEvents('carol@contoso.test');
    expect(listed.map((item) => item.start?.getTime())).toEqual(
      stored.map((event) => event.start.getTime()).sort((a, b) => b - a),
    );
    expect(listed.every((item) => item.body === undefined && typeof item.subject === 'string')).toBe(true);
    expect(listed.filter((item) => item.location !== undefined).length).toBeGreaterThan(0);
  });

  it('bulk-creates events, then finds exactly them with a subject filter', async () => {
    const account = await new RobustClient(config(fixture.signIn('dave@contoso.test'))).connect(
      'dave@contoso.test',
    );
    const client = new OptimizedClient(account);
    const base = NOW.getTime() + 3 * DAY_MS;
    const results = await client.bulkCreateEvents(
      [0, 1, 2].map((n) => ({
        subject: `Guide bulk ${n}`,
        start: new Date(base + n * 3_600_000),
        end: new Date(base + n * 3_600_000 + 1_800_000),
      })),
    );
    expect(results.map((result) => result.ok)).toEqual([true, true, true]);
    const found = [];
    for await (const item of client.events('Guide bulk')) found.push(item.subject);
    expect(found).toEqual(['Guide bulk 2', 'Guide bulk 1', 'Guide bulk 0']);
    const stored = (await fixture.storedEvents('dave@contoso.test')).filter((event) =>
      event.subject.startsWith('Guide bulk'),
    );
    expect(stored).toHaveLength(3);
  });
});
