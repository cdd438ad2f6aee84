import { startTestServer, type TestServer } from '@ews/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, Credentials, closeConnections } from '../src/index.js';

// POX-only discovery (an Exchange whose SOAP Autodiscover is off): the answer's EXCH ServerVersion
// gives the account its API version, as SOAP discovery does, instead of leaving it undefined.

const NOW = new Date('2026-03-02T08:00:00Z');
let server: TestServer;
const accounts: Account[] = [];

beforeAll(async () => {
  server = await startTestServer({ tls: true, seed: 'demo', now: () => NOW, serverVersion: 'Exchange2016' });
});

afterAll(async () => {
  await closeConnections(...accounts);
  await server?.close();
});

describe('POX discovery gives the account a version', () => {
  it('config.version and the discovered build come from the POX answer', async () => {
    const mailbox = server.mailboxes.find((entry) => entry.address === 'alice@contoso.test');
    const port = Number(new URL(server.url).port);
    const account = await Account.create({
      primarySmtpAddress: 'alice@contoso.test',
      credentials: new Credentials('alice@contoso.test', mailbox?.password ?? ''),
      autodiscover: {
        discovery: {
          protocols: ['pox'],
          dns: {
            resolveSrv: async (name) =>
              name === '_autodiscover._tcp.contoso.test'
                ? [{ priority: 0, weight: 0, port, name: 'localhost' }]
                : [],
          },
          redirectPolicy: { allowHosts: ['localhost'] },
          stepTimeoutMs: 10_000,
        },
        configuration: { tls: { ca: server.tls?.ca ?? '' }, authType: 'basic' },
      },
    });
    accounts.push(account);
    expect(account.autodiscoverResult?.protocol).toBe('pox');
    expect(account.config.version).toBe('Exchange2016');
    expect(account.autodiscoverResult?.serverVersion?.build.toString()).toBe('15.1.2507.0');
    expect((await account.inbox.get()).totalCount).toBeGreaterThan(0);
  });
});
