import { inspect } from 'node:util';
import { startTestServer, type TestServer } from '@ews/test-server';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFor } from '../src/auth-types.js';
import {
  Account,
  type CalendarItem,
  Configuration,
  Credentials,
  closeConnections,
  DELEGATE,
  EwsAuthError,
  EwsInvalidArgumentError,
  Identity,
  IMPERSONATION,
  Version,
} from '../src/index.js';

const NOW = new Date('2026-03-02T08:00:00Z');
const DAY = 86_400_000;
let server: TestServer;
const configs: Configuration[] = [];
const recorder = createEnvelopeRecorder();

beforeAll(async () => {
  server = await startTestServer({ port: 0, seed: 'demo', now: () => NOW });
});

afterAll(async () => {
  await closeConnections(...configs);
  await server?.close();
  expect(recorder.size).toBeGreaterThan(10);
  await recorder.assertAllValid();
});

function config(
  username: string,
  extra: Partial<ConstructorParameters<typeof Configuration>[0]> = {},
): Configuration {
  const mailbox = server.mailboxes.find((entry) => entry.address === username);
  if (!mailbox) throw new Error(`no demo mailbox ${username}`);
  const made = new Configuration({
    serviceEndpoint: server.url,
    credentials: new Credentials(username, mailbox.password),
    allowInsecureHttp: true, // loopback test server only
    policies: [recorder.policy],
    ...extra,
  });
  configs.push(made);
  return made;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('the seed guide flows, ported', () => {
  it('connects with Configuration + Credentials (auth type detected) and reads 30 days of calendar', async () => {
    const account = new Account({
      primarySmtpAddress: 'alice@contoso.test',
      config: config('alice@contoso.test'),
      autodiscover: false,
      accessType: DELEGATE,
    });
    const items: CalendarItem[] = await collect(
      account.calendar.view({ start: NOW, end: new Date(NOW.getTime() + 30 * DAY) }),
    );
    expect(items.length).toBeGreaterThan(10);
    expect(items.every((item) => item.start instanceof Date && typeof item.subject === 'string')).toBe(true);
    // Graph-shaped events, as the guide builds them.
    const events = items.map((item) => ({
      subject: item.subject,
      start: { dateTime: item.start?.toISOString(), timeZone: 'UTC' },
      end: { dateTime: item.end?.toISOString(), timeZone: 'UTC' },
      location: { displayName: item.location ?? '' },
    }));
    expect(events[0]?.start.dateTime).toMatch(/^2026-03-0\dT/);
  });

  it('honours an explicit authType: digest against a Basic-only server fails as an auth error', async () => {
    const account = new Account({
      primarySmtpAddress: 'alice@contoso.test',
      config: config('alice@contoso.test', { authType: 'digest' }),
    });
    await expect(account.inbox.get()).rejects.toBeInstanceOf(EwsAuthError);
  });

  it('reports wrong credentials as an auth error without the password in it', async () => {
    const made = new Configuration({
      serviceEndpoint: server.url,
      credentials: new Credentials('alice@contoso.test', 'Wrong-Password-123'),
      authType: 'basic',
      allowInsecureHttp: true,
    });
    configs.push(made);
    const account = new Account({ primarySmtpAddress: 'alice@contoso.test', config: made });
    const error = await account.inbox.get().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EwsAuthError);
    expect(JSON.stringify(error) + String(error) + inspect(error)).not.toContain('Wrong-Password-123');
  });

  it('room availability, booking with attendees, and every room schedule for a day', async () => {
    const service = config('ews.service@contoso.test');
    const organizer = new Account({
      primarySmtpAddress: 'bob@contoso.test',
      config: config('bob@contoso.test'),
    });
    const [list] = await organizer.getRoomLists();
    const rooms = (await organizer.getRooms(list?.emailAddress ?? '')).map((room) => room.emailAddress ?? '');
    expect(rooms).toHaveLength(3);
    const slot = { start: new Date('2026-03-19T21:00:00Z'), end: new Date('2026-03-19T22:00:00Z') };
    const free = await organizer.getAvailability({
      mailboxes: rooms.map((address) => ({ address, attendeeType: 'Room' as const })),
      ...slot,
    });
    const freeRoom = free.find((entry) => entry.ok && entry.value.events.length === 0)?.address;
    expect(freeRoom).toBeDefined();
    await organizer.bookRoom({
      room: freeRoom ?? '',
      subject: 'Architecture review',
      ...slot,
      attendees: ['carol@contoso.test'],
    });
    // All room schedules for that day, read by the service account impersonating each room.
    const day = { start: new Date('2026-03-19T00:00:00Z'), end: new Date('2026-03-20T00:00:00Z') };
    const schedules = await Promise.all(
      rooms.map(async (room) => {
        const account = new Account({ primarySmtpAddress: room, config: service, accessType: IMPERSONATION });
        return { room, events: await collect(account.calendar.view(day)) };
      }),
    );
    const booked = schedules.find((entry) => entry.room === freeRoom);
    expect(booked?.events.map((event) => event.subject)).toContain('Architecture review');
  });

  it('impersonates several users with the service account; others are refused', async () => {
    const service = config('ews.service@contoso.test');
    const counts = await Promise.all(
      ['alice@contoso.test', 'dave@contoso.test', 'jack@contoso.test'].map(async (address) => {
        const account = new Account({
          primarySmtpAddress: address,
          config: service,
          accessType: IMPERSONATION,
        });
        return (await account.inbox.get()).totalCount;
      }),
    );
    expect(counts).toEqual([12, 12, 12]);
    const bySmtp = new Account({
      primarySmtpAddress: 'erin@contoso.test',
      config: service,
      accessType: IMPERSONATION,
      identity: new Identity({ smtpAddress: 'erin@contoso.test' }),
    });
    expect((await bySmtp.contacts.get()).totalCount).toBe(6);
    expect(() => new Identity({})).toThrow(/exactly one/);
    const notAllowed = new Account({
      primarySmtpAddress: 'alice@contoso.test',
      config: config('henry@contoso.test'),
      accessType: IMPERSONATION,
    });
    await expect(notAllowed.inbox.get()).rejects.toMatchObject({
      responseCode: 'ErrorImpersonateUserDenied',
    });
    const noDelegate = new Account({
      primarySmtpAddress: 'alice@contoso.test',
      config: config('irene@contoso.test'),
    });
    await expect(noDelegate.calendar.get()).rejects.toMatchObject({ responseCode: 'ErrorAccessDenied' });
  });

  it('closeConnections closes what accounts share', async () => {
    const made = config('frank@contoso.test');
    const account = new Account({ primarySmtpAddress: 'frank@contoso.test', config: made });
    expect((await account.tasks.get()).totalCount).toBe(4);
    await closeConnections(account);
    await expect(account.tasks.get()).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
  });
});

describe('auth types from optional packages', () => {
  const credentials = new Credentials('CONTOSO\\alice', 'Alice-Demo-2016!');

  it('loads NTLM from @ews/auth-ntlm on demand', async () => {
    const strategy = await createAuthFor('ntlm', credentials);
    expect(strategy.scheme).toBe('NTLM');
    expect(strategy.binding).toBe('connection');
  });

  it('names the package to install when it is missing', async () => {
    const missing = () => Promise.reject(new Error("Cannot find package '@ews/auth-kerberos'"));
    const error = await createAuthFor('kerberos', credentials, missing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EwsInvalidArgumentError);
    expect(String((error as Error).message)).toContain('npm install @ews/auth-kerberos');
    const viaConfig = new Configuration({
      serviceEndpoint: server.url,
      credentials,
      authType: 'NTLM',
      loadModule: () => Promise.reject(new Error('not installed')),
    });
    configs.push(viaConfig);
    const account = new Account({ primarySmtpAddress: 'alice@contoso.test', config: viaConfig });
    await expect(account.inbox.get()).rejects.toThrow(/@ews\/auth-ntlm/);
  });

  it('refuses unknown auth types and missing endpoints up front', () => {
    // @ts-expect-error: not an auth type
    expect(() => new Configuration({ server: 'mail.example.com', authType: 'ntlmv9' })).toThrow(
      /Unknown authType/,
    );
    expect(() => new Configuration({})).toThrow(/server or serviceEndpoint/);
    expect(new Configuration({ server: 'mail.example.com' }).serviceEndpoint.href).toBe(
      'https://mail.example.com/EWS/Exchange.asmx',
    );
    expect(
      new Configuration({ server: 'x.example', version: new Version({ apiVersion: 'Exchange2016' }) })
        .version,
    ).toBe('Exchange2016');
  });

  it('never shows the password', () => {
    const shown = [
      String(credentials),
      JSON.stringify(credentials),
      inspect(credentials),
      inspect({ credentials }),
    ];
    for (const text of shown) expect(text).not.toContain('Alice-Demo-2016!');
    expect(credentials.password).toBe('Alice-Demo-2016!');
  });
});

describe('who signs in: operations that name no mailbox', () => {
  it('knows the owner from credentials named by address, and refuses a delegate on another mailbox', async () => {
    const own = new Account({
      primarySmtpAddress: 'alice@contoso.test',
      config: config('alice@contoso.test'),
    });
    expect(own.signedInAs).toBe('alice@contoso.test');
    expect(Array.isArray(await own.reminders())).toBe(true);
    // Bob, signed in with delegate rights on Alice's mailbox: GetReminders would answer with Bob's.
    const delegate = new Account({
      primarySmtpAddress: 'alice@contoso.test',
      config: config('bob@contoso.test'),
    });
    await expect(delegate.reminders()).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
    // A DOMAIN\user name says nothing about the address: unknown, so refused until signedInAs is given.
    const byDomain = new Account({
      primarySmtpAddress: 'alice@contoso.test',
      config: new Configuration({
        serviceEndpoint: server.url,
        credentials: new Credentials('CONTOSO\\alice', 'unused'),
        allowInsecureHttp: true,
      }),
    });
    configs.push(byDomain.config);
    expect(byDomain.signedInAs).toBeUndefined();
    await expect(byDomain.retentionPolicyTags()).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
  });
});
