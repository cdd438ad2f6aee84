import { EwsAuthError, EwsTransportError } from '@ews/client';
import { startTestServer, type TestServer } from '@ews/test-server';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConnection, connectToExchange, type ExchangeSettings } from '../src/connect.js';

describe('guide Step 1 over HTTPS with a self-signed certificate and NTLM', () => {
  let server: TestServer;
  let alice: { address: string; password: string };
  let host: string;
  let ca: string;
  // What the server holds in alice's inbox, read from its snapshot (no EWS involved).
  let storedInbox: { total: number; unread: number };

  beforeAll(async () => {
    server = await startTestServer({ tls: true, auth: ['ntlm'] });
    const user = server.mailboxes.find((mailbox) => mailbox.kind === 'user');
    if (!user || !server.tls) throw new Error('the demo seed has users and the server has TLS');
    alice = { address: user.address, password: user.password };
    host = new URL(server.url).host;
    ca = server.tls.ca;
    const mailbox = server.snapshot().mailbox(alice.address);
    const items = mailbox.itemsIn(mailbox.folder('inbox').id);
    storedInbox = {
      total: items.length,
      unread: items.filter((item) => item.message?.isRead === false).length,
    };
  });
  // Every request envelope the example sends must satisfy the EWS schema.
  const recorder = createEnvelopeRecorder();
  afterAll(async () => {
    await server?.close();
    expect(recorder.size).toBeGreaterThan(5);
    await recorder.assertAllValid();
  });

  function settings(overrides: Partial<ExchangeSettings> = {}): ExchangeSettings {
    const [user] = alice.address.split('@');
    return {
      server: host,
      username: `CONTOSO\\${user}`,
      password: alice.password,
      email: alice.address,
      tls: { ca },
      authType: 'ntlm',
      policies: [recorder.policy],
      ...overrides,
    };
  }

  async function connect(overrides: Partial<ExchangeSettings> = {}) {
    const account = connectToExchange(settings(overrides));
    try {
      return await checkConnection(account);
    } finally {
      await account.config.close();
    }
  }

  it('signs in with DOMAIN\\user over NTLM, trusting the self-signed certificate', async () => {
    expect(storedInbox.total).toBeGreaterThan(0);
    const report = await connect();
    expect(report).toEqual({
      mailbox: alice.address,
      inboxTotal: storedInbox.total,
      inboxUnread: storedInbox.unread,
      serverBuild: server.serverVersion.build,
    });
  });

  it('also takes the user@domain form', async () => {
    const report = await connect({ username: alice.address });
    expect(report.inboxTotal).toBe(storedInbox.total);
  });

  it('reads the auth type from the server when none is given (the server offers only NTLM)', async () => {
    const report = await connect({ authType: undefined });
    expect(report.inboxTotal).toBe(storedInbox.total);
  });

  it('refuses the self-signed certificate when it is not trusted, with a transport error', async () => {
    const failure = await connect({ tls: undefined }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EwsTransportError);
    expect((failure as EwsTransportError).code).toBe('EWS_TRANSPORT');
    expect(String((failure as Error).message)).not.toContain(alice.password);
  });

  it("connects with verification off only when asked to (the guide's NoVerifyHTTPAdapter)", async () => {
    const report = await connect({ tls: { insecureSkipVerify: true } });
    expect(report.inboxTotal).toBe(storedInbox.total);
  });

  it('reports a wrong password as an auth error that does not carry the password', async () => {
    const failure = await connect({ password: 'Wrong-Passw0rd!' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EwsAuthError);
    expect(JSON.stringify(failure)).not.toContain('Wrong-Passw0rd!');
    expect(String((failure as Error).message)).not.toContain('Wrong-Passw0rd!');
  });
});
