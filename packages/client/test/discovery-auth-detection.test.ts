import { inspect } from 'node:util';
import { AutodiscoverError } from '@ews/autodiscover';
import { startTestServer, type TestServer } from '@ews/test-server';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerDetectingAuth } from '../src/discovery-auth.js';
import {
  Account,
  AccountDiscovery,
  type AccountDiscoveryOptions,
  Configuration,
  Credentials,
  closeConnections,
  discover,
  EwsInvalidArgumentError,
  type ModuleLoader,
} from '../src/index.js';

// Account.create({ credentials, autodiscover }) with no authType: the scheme is taken from the
// Autodiscover endpoint's WWW-Authenticate offer. @ews/test-server over https with NTLM only
// (as an on-premises Exchange with Basic disabled), found through an injected SRV record
// `_autodiscover._tcp.contoso.test → localhost:PORT`; a Bearer-only server for the refusal.

const NOW = new Date('2026-03-02T08:00:00Z');
const recorder = createEnvelopeRecorder();
const closeLater: (Account | AccountDiscovery)[] = [];
let ntlmServer: TestServer;
let bearerServer: TestServer;

beforeAll(async () => {
  [ntlmServer, bearerServer] = await Promise.all([
    startTestServer({ tls: true, seed: 'demo', now: () => NOW, auth: ['ntlm'] }),
    startTestServer({ tls: true, seed: 'demo', now: () => NOW, auth: ['bearer'] }),
  ]);
});

afterAll(async () => {
  await closeConnections(...closeLater);
  await Promise.all([ntlmServer?.close(), bearerServer?.close()]);
  expect(recorder.size).toBeGreaterThanOrEqual(2);
  await recorder.assertAllValid();
});

function credentials(server: TestServer, address: string): Credentials {
  const mailbox = server.mailboxes.find((entry) => entry.address === address);
  if (!mailbox) throw new Error(`no demo mailbox ${address}`);
  return new Credentials(address, mailbox.password);
}

function optionsFor(
  server: TestServer,
  extra: AccountDiscoveryOptions['configuration'] = {},
  srvHost = 'localhost',
): AccountDiscoveryOptions {
  const port = Number(new URL(server.url).port);
  return {
    discovery: {
      dns: {
        resolveSrv: async (name) =>
          name === '_autodiscover._tcp.contoso.test' ? [{ priority: 0, weight: 0, port, name: srvHost }] : [],
      },
      redirectPolicy: { allowHosts: [srvHost] },
      stepTimeoutMs: 10_000,
    },
    configuration: { tls: { ca: server.tls?.ca ?? '' }, policies: [recorder.policy], ...extra },
  };
}

describe('discovery detects the auth scheme the Autodiscover endpoint offers', () => {
  it('an NTLM-only server: discovery signs in with NTLM and the account reads its inbox with it', async () => {
    const account = await Account.create({
      primarySmtpAddress: 'alice@contoso.test',
      credentials: credentials(ntlmServer, 'alice@contoso.test'),
      autodiscover: optionsFor(ntlmServer),
    });
    closeLater.push(account);
    const port = new URL(ntlmServer.url).port;
    expect(account.autodiscoverResult).toMatchObject({
      ewsUrl: ntlmServer.url,
      autodiscoverUrl: `https://localhost:${port}/autodiscover/autodiscover.svc`,
    });
    // Autodiscover (localhost) and EWS (127.0.0.1) are different origins, whose virtual
    // directories may be set up differently: the EWS endpoint is probed for its own offer.
    expect(account.config.authType).toBeUndefined();
    const inbox = await account.inbox.get();
    expect(inbox.totalCount).toBeGreaterThan(0);
    expect(account.client.serverVersion?.build?.toString()).toBe(ntlmServer.serverVersion.build);
  });

  it('a shared AccountDiscovery and discover() detect NTLM as well', async () => {
    // Autodiscover found at the EWS origin (127.0.0.1): the scheme it took is handed over.
    const discovery = new AccountDiscovery(optionsFor(ntlmServer, {}, '127.0.0.1'));
    closeLater.push(discovery);
    const service = credentials(ntlmServer, 'ews.service@contoso.test');
    const [alice, room] = await Promise.all([
      Account.create({
        primarySmtpAddress: 'alice@contoso.test',
        credentials: service,
        autodiscover: discovery,
        accessType: 'impersonation',
      }),
      Account.create({
        primarySmtpAddress: 'room.oslo@contoso.test',
        credentials: service,
        autodiscover: discovery,
        accessType: 'impersonation',
      }),
    ]);
    expect(alice.config.authType).toBe('ntlm');
    const calendar = await room.calendar.get();
    expect(typeof calendar.totalCount).toBe('number');

    const found = await discover('bob@contoso.test', credentials(ntlmServer, 'bob@contoso.test'), {
      ...optionsFor(ntlmServer),
      timeoutMs: 30_000,
    });
    expect(found).toMatchObject({ ewsUrl: ntlmServer.url, smtpAddress: 'bob@contoso.test' });
  });

  it('NTLM offered without @ews/auth-ntlm installed: the step says which package to install', async () => {
    const withoutNtlm: ModuleLoader = async (name) => {
      if (name === '@ews/auth-ntlm') {
        throw Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' });
      }
      return (await import(name)) as Record<string, unknown>;
    };
    const error = await Account.create({
      primarySmtpAddress: 'alice@contoso.test',
      credentials: credentials(ntlmServer, 'alice@contoso.test'),
      autodiscover: optionsFor(ntlmServer, { loadModule: withoutNtlm }),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AutodiscoverError);
    expect((error as Error).message).toContain(
      "authType 'ntlm' needs the optional package @ews/auth-ntlm: npm install @ews/auth-ntlm",
    );
  });

  it('an offer with no scheme a password can answer: the error names what the server offered', async () => {
    const password = bearerServer.mailboxes.find((entry) => entry.address === 'alice@contoso.test')?.password;
    const error = await Account.create({
      primarySmtpAddress: 'alice@contoso.test',
      credentials: credentials(bearerServer, 'alice@contoso.test'),
      autodiscover: optionsFor(bearerServer),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AutodiscoverError);
    const message = (error as Error).message;
    const port = new URL(bearerServer.url).port;
    expect(message).toContain(
      `dns-srv: POST https://localhost:${port}/autodiscover/autodiscover.svc [soap] -> failed: ` +
        `The server at localhost:${port} offers Bearer (install @ews/auth-oauth2); a user name and password can sign in with Basic, Digest or NTLM only.`,
    );
    expect(password).toBeTruthy();
    expect(message + inspect(error)).not.toContain(password);
  });
});

describe('OfferDetectingAuth', () => {
  it('refuses to send a Basic password over plain http, and answers NTLM there', async () => {
    const basicHttp = await startTestServer({ seed: 'empty', now: () => NOW, auth: ['basic'] });
    const ntlmHttp = await startTestServer({ seed: 'empty', now: () => NOW, auth: ['ntlm'] });
    const configs: Configuration[] = [];
    try {
      const basic = new Configuration({
        serviceEndpoint: basicHttp.url,
        auth: offerDetectingAuth(credentials(basicHttp, 'alice@contoso.test')),
        policies: [recorder.policy],
      });
      configs.push(basic);
      const refused = await new Account({ primarySmtpAddress: 'alice@contoso.test', config: basic }).inbox
        .get()
        .catch((caught: unknown) => caught);
      expect(refused).toBeInstanceOf(EwsInvalidArgumentError);
      expect((refused as Error).message).toMatch(
        /^Basic authentication sends a reusable password; refusing to send it over plain http to 127\.0\.0\.1:\d+/,
      );

      const ntlm = new Configuration({
        serviceEndpoint: ntlmHttp.url,
        auth: offerDetectingAuth(credentials(ntlmHttp, 'alice@contoso.test')),
        policies: [recorder.policy],
      });
      configs.push(ntlm);
      const inbox = await new Account({ primarySmtpAddress: 'alice@contoso.test', config: ntlm }).inbox.get();
      expect(inbox.totalCount).toBe(0);
    } finally {
      await closeConnections(...configs);
      await Promise.all([basicHttp.close(), ntlmHttp.close()]);
    }
  });
});
