import {
  type AuthStrategy,
  child,
  childText,
  createBasicAuth,
  EwsClient,
  type ExchangeVersion,
} from '@ews/core';
import { startTestServer, type TestServer } from '@ews/test-server';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Autodiscover,
  AutodiscoverError,
  type AutodiscoverOptions,
  type AutodiscoverResult,
  discover,
} from '../src/index.js';

// Discovery end to end against @ews/test-server over HTTPS (its self-signed certificate trusted
// through `tls.ca`): contoso.test does not resolve, so the domain steps fail, and an injected SRV
// record `_autodiscover._tcp.contoso.test → localhost:PORT` points to the test server, as a hoster's
// SRV record would. Then real EWS calls with the URL and version found, their envelopes
// validated against the EWS schema.

const M = 'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"';
const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';

let server: TestServer;
let ca: string;
let port: number;
let alice: { readonly username: string; readonly password: string };
const recorder = createEnvelopeRecorder();

beforeAll(async () => {
  server = await startTestServer({ tls: true, serverVersion: 'Exchange2016' });
  ca = server.tls?.ca ?? '';
  port = Number(new URL(server.url).port);
  const first = server.credentials.find((entry) => entry.username === 'alice@contoso.test');
  if (!first) throw new Error('the test server has no alice');
  alice = first;
});

afterAll(async () => {
  await server?.close();
  expect(recorder.size).toBeGreaterThanOrEqual(3);
  await recorder.assertAllValid();
});

/** The SRV record a hoster would publish, here naming the loopback test server. */
function options(auth: AuthStrategy, extra: AutodiscoverOptions = {}): AutodiscoverOptions {
  return {
    auth,
    tls: { ca },
    dns: {
      resolveSrv: async (name) =>
        name === '_autodiscover._tcp.contoso.test'
          ? [{ priority: 0, weight: 0, port, name: 'localhost' }]
          : [],
    },
    redirectPolicy: { allowHosts: ['localhost'] },
    stepTimeoutMs: 10_000,
    ...extra,
  };
}

const basic = (password = alice.password) => createBasicAuth({ username: alice.username, password });

async function inboxTotal(found: AutodiscoverResult, version: ExchangeVersion | undefined): Promise<number> {
  await using ews = new EwsClient({
    url: found.ewsUrl,
    auth: basic(),
    version,
    tls: { ca },
    policies: [recorder.policy],
    timeoutMs: 20_000,
  });
  const response = await ews.send({
    operation: 'GetFolder',
    body: `<m:GetFolder ${M} ${T}><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>`,
  });
  expect(response.messages[0]?.responseClass).toBe('Success');
  if (version !== undefined) expect(ews.requestVersion).toBe(version);
  expect(ews.serverVersion?.build?.toString()).toBe(server.serverVersion.build);
  return Number(childText(child(response.messages[0]?.node, 'Folders', 'Folder'), 'TotalCount'));
}

describe('discovery against @ews/test-server over https, then EWS', () => {
  it('SOAP GetUserSettings: the EWS URL, the build and the API version, and the URL works', async () => {
    const found = await discover(alice.username, options(basic()));
    expect(found).toMatchObject({
      protocol: 'soap',
      ewsUrl: server.url,
      smtpAddress: alice.username,
      autodiscoverUrl: `https://localhost:${port}/autodiscover/autodiscover.svc`,
      fromCache: false,
    });
    expect(found.serverVersion?.build.toString()).toBe(server.serverVersion.build);
    expect(found.serverVersion?.apiVersion).toBe('Exchange2016');
    expect(found.userSettings).toMatchObject({
      UserDisplayName: 'Alice Adams',
      ExternalEwsUrl: server.url,
      CasVersion: server.serverVersion.build,
    });
    expect(found.userSettings.EwsSupportedSchemas).toContain('Exchange2016');
    // The domain's own hosts do not exist; the SRV record leads to the server that answered.
    expect(
      found.trace.map((step) => `${step.source} ${step.action} ${step.protocol ?? ''} ${step.outcome}`),
    ).toEqual([
      'domain POST soap failed',
      'autodiscover-host POST soap failed',
      'http-redirect GET  failed',
      'dns-srv SRV  redirect',
      'dns-srv POST soap settings',
    ]);
    expect(await inboxTotal(found, found.serverVersion?.apiVersion)).toBeGreaterThan(0);
  });

  it('POX: the test server answers autodiscover.xml, then EWS', async () => {
    const found = await discover(alice.username, options(basic(), { protocols: ['pox'] }));
    expect(found).toMatchObject({
      protocol: 'pox',
      ewsUrl: server.url,
      autodiscoverUrl: `https://localhost:${port}/autodiscover/autodiscover.xml`,
    });
    expect(found.userSettings.UserDisplayName).toBe('Alice Adams');
    // The EXCH protocol's ServerVersion (hex) carries major, minor and major build; not the minor build.
    const [major, minor, build] = server.serverVersion.build.split('.');
    expect(found.serverVersion?.build.toString()).toBe(`${major}.${minor}.${build}.0`);
    expect(found.serverVersion?.apiVersion).toBe('Exchange2016');
    expect(await inboxTotal(found, found.serverVersion?.apiVersion)).toBeGreaterThan(0);
  });

  it('an instance caches the endpoint: the next mailbox of the domain is asked there directly', async () => {
    await using autodiscover = new Autodiscover(options(basic()));
    await autodiscover.discover(alice.username);
    const bob = await autodiscover.discover('bob@contoso.test');
    expect(bob).toMatchObject({ fromCache: true, ewsUrl: server.url, smtpAddress: 'bob@contoso.test' });
    expect(bob.trace.map((step) => step.source)).toEqual(['cache']);
    expect(await inboxTotal(bob, bob.serverVersion?.apiVersion)).toBeGreaterThan(0);
  });

  it('a wrong password fails with a trace that names every step and why it failed', async () => {
    const error = await discover(alice.username, options(basic('Wrong-Pa55word'))).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AutodiscoverError);
    const failed = error as AutodiscoverError;
    expect(failed.reason).toBe('not-found');
    expect(
      failed.trace.map((step) => `${step.source} ${step.protocol ?? step.action} ${step.outcome}`),
    ).toEqual([
      'domain soap failed',
      'autodiscover-host soap failed',
      'http-redirect GET failed',
      'dns-srv SRV redirect',
      'dns-srv soap failed',
      'dns-srv pox failed',
    ]);
    expect(failed.trace.slice(-2).map((step) => step.errorCode)).toEqual(['EWS_AUTH', 'EWS_AUTH']);
    const lines = failed.message.split('\n');
    expect(lines[0]).toBe(
      `Autodiscover failed for ${alice.username}: no step produced an EWS URL; steps tried:`,
    );
    expect(lines[1]).toMatch(
      /^ 1\. domain: POST https:\/\/contoso\.test\/autodiscover\/autodiscover\.svc \[soap\] -> failed: .*contoso\.test/,
    );
    expect(lines[4]).toBe(
      ` 4. dns-srv: SRV _autodiscover._tcp.contoso.test -> redirect: targets in order: https://localhost:${port}`,
    );
    expect(lines[5]).toMatch(
      new RegExp(
        `^ 5\\. dns-srv: POST https://localhost:${port}/autodiscover/autodiscover\\.svc \\[soap\\] -> failed: .*refused Basic`,
      ),
    );
    expect(lines[6]).toMatch(/^ 6\. dns-srv: POST .*autodiscover\.xml \[pox\] -> failed: /);
    expect(failed.message).not.toContain('Wrong-Pa55word');
  });

  it('an unknown mailbox ends discovery with mailbox-not-found and the server’s words', async () => {
    const error = await discover('nobody@contoso.test', options(basic())).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AutodiscoverError);
    expect(error).toMatchObject({ reason: 'mailbox-not-found', email: 'nobody@contoso.test' });
    expect((error as AutodiscoverError).trace.at(-1)).toMatchObject({
      source: 'dns-srv',
      protocol: 'soap',
      outcome: 'failed',
      detail: expect.stringContaining("Invalid user: 'nobody@contoso.test'"),
    });
  });

  it('without allowHosts the SRV target gets no credentials, and the trace says how to allow it', async () => {
    const error = await discover(alice.username, options(basic(), { redirectPolicy: {} })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AutodiscoverError);
    const last = (error as AutodiscoverError).trace.at(-1);
    expect(last).toMatchObject({ source: 'dns-srv', outcome: 'skipped' });
    expect(last?.detail).toContain('localhost is outside the redirect policy');
    expect((error as Error).message).toContain('redirectPolicy.allowHosts');
  });
});
