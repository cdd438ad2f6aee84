import { inspect } from 'node:util';
import { AutodiscoverError } from '@ews/autodiscover';
import { startTestServer, type TestServer } from '@ews/test-server';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Account,
  AccountDiscovery,
  type AccountDiscoveryOptions,
  type CalendarItem,
  Credentials,
  closeConnections,
  DELEGATE,
  discover,
  EwsInvalidArgumentError,
  IMPERSONATION,
} from '../src/index.js';

// Account({ autodiscover: true }) end to end: @ews/test-server over https, its certificate trusted
// through `configuration.tls`, and an injected SRV record `_autodiscover._tcp.contoso.test →
// localhost:PORT` (the redirect policy allows localhost) so that alice@contoso.test is found
// on the loopback server. Then calendar items listed through the account.

const NOW = new Date('2026-03-02T08:00:00Z');
const DAY = 86_400_000;
let server: TestServer;
let port: number;
let srvLookups = 0;
const recorder = createEnvelopeRecorder();
const closeLater: (Account | AccountDiscovery)[] = [];

beforeAll(async () => {
  server = await startTestServer({ tls: true, seed: 'demo', now: () => NOW });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await closeConnections(...closeLater);
  await server?.close();
  expect(recorder.size).toBeGreaterThanOrEqual(3);
  await recorder.assertAllValid();
});

function credentials(address: string, password?: string): Credentials {
  const mailbox = server.mailboxes.find((entry) => entry.address === address);
  if (!mailbox) throw new Error(`no demo mailbox ${address}`);
  return new Credentials(address, password ?? mailbox.password);
}

function autodiscoverOptions(extra: AccountDiscoveryOptions['configuration'] = {}): AccountDiscoveryOptions {
  return {
    discovery: {
      dns: {
        resolveSrv: async (name) => {
          srvLookups += 1;
          return name === '_autodiscover._tcp.contoso.test'
            ? [{ priority: 0, weight: 0, port, name: 'localhost' }]
            : [];
        },
      },
      redirectPolicy: { allowHosts: ['localhost'] },
      stepTimeoutMs: 10_000,
    },
    configuration: { tls: { ca: server.tls?.ca ?? '' }, policies: [recorder.policy], ...extra },
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('Account.create({ autodiscover })', () => {
  it("exchangelib's Account(primary_smtp_address, credentials=…, autodiscover=True) lists the calendar", async () => {
    const account = await Account.create({
      primarySmtpAddress: 'alice@contoso.test',
      credentials: credentials('alice@contoso.test'),
      autodiscover: autodiscoverOptions(),
      accessType: DELEGATE,
    });
    closeLater.push(account);
    expect(account.config.serviceEndpoint.href).toBe(server.url);
    expect(account.config.version).toBe('Exchange2016');
    expect(account.autodiscoverResult).toMatchObject({ protocol: 'soap', ewsUrl: server.url });
    const items: CalendarItem[] = await collect(
      account.calendar.view({ start: NOW, end: new Date(NOW.getTime() + 30 * DAY) }),
    );
    expect(items.length).toBeGreaterThan(10);
    expect(items.every((item) => item.start instanceof Date && typeof item.subject === 'string')).toBe(true);
    expect(account.client.serverVersion?.build?.toString()).toBe(server.serverVersion.build);
  });

  it('a shared AccountDiscovery: the second mailbox of the domain skips the search and shares the connection pool', async () => {
    const discovery = new AccountDiscovery(autodiscoverOptions());
    closeLater.push(discovery);
    const service = credentials('ews.service@contoso.test');
    const before = srvLookups;
    const alice = await Account.create({
      primarySmtpAddress: 'alice@contoso.test',
      credentials: service,
      autodiscover: discovery,
      accessType: IMPERSONATION,
    });
    const room = await Account.create({
      primarySmtpAddress: 'room.oslo@contoso.test',
      credentials: service,
      autodiscover: discovery,
      accessType: IMPERSONATION,
    });
    expect(srvLookups - before).toBe(1);
    expect(room.autodiscoverResult?.fromCache).toBe(true);
    expect(room.autodiscoverResult?.trace.map((step) => step.source)).toEqual(['cache']);
    expect(room.config).toBe(alice.config);
    expect(room.client).toBe(alice.client);
    const [aliceInbox, roomCalendar] = await Promise.all([alice.inbox.get(), room.calendar.get()]);
    expect(aliceInbox.totalCount).toBeGreaterThan(0);
    expect(typeof roomCalendar.totalCount).toBe('number');
  });

  it('a wrong password rejects with an AutodiscoverError whose message lists every step, without the password', async () => {
    const error = await Account.create({
      primarySmtpAddress: 'alice@contoso.test',
      credentials: credentials('alice@contoso.test', 'Wrong-Pa55word'),
      autodiscover: autodiscoverOptions(),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AutodiscoverError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^Autodiscover failed for alice@contoso\.test: no step produced an EWS URL; steps tried:\n 1\. domain:/,
    );
    expect(message).toContain(
      `dns-srv: POST https://localhost:${port}/autodiscover/autodiscover.svc [soap] -> failed: The server at localhost:${port} refused Basic authentication`,
    );
    expect(message).toContain('Check the user name and password, or the auth scheme.');
    expect(message + inspect(error) + JSON.stringify(error)).not.toContain('Wrong-Pa55word');
  });

  it('discover(email, credentials) returns the EWS URL, the version and the settings offered', async () => {
    const found = await discover('bob@contoso.test', credentials('bob@contoso.test'), autodiscoverOptions());
    expect(found).toMatchObject({ ewsUrl: server.url, smtpAddress: 'bob@contoso.test', protocol: 'soap' });
    expect(found.serverVersion?.apiVersion).toBe('Exchange2016');
    expect(found.userSettings.EwsSupportedSchemas).toContain('Exchange2013_SP1');
  });

  it('new Account({ autodiscover: true }) says to await Account.create; a missing package is named', async () => {
    expect(
      () =>
        new Account({
          primarySmtpAddress: 'alice@contoso.test',
          credentials: credentials('alice@contoso.test'),
          autodiscover: true,
        }),
    ).toThrow(/await Account\.create/);
    const missing = await Account.create({
      primarySmtpAddress: 'alice@contoso.test',
      credentials: credentials('alice@contoso.test'),
      autodiscover: {
        configuration: {
          loadModule: async (name) => {
            throw Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' });
          },
        },
      },
    }).catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(EwsInvalidArgumentError);
    expect((missing as Error).message).toBe(
      'autodiscover needs the optional package @ews/autodiscover: npm install @ews/autodiscover',
    );
    await expect(
      Account.create({ primarySmtpAddress: 'alice@contoso.test', autodiscover: true }),
    ).rejects.toThrow(/autodiscover needs credentials/);
  });
});
