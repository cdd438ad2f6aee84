import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { startTestServer, type TestServer, TestServerError, type TestServerOptions } from '../src/index.js';
import { parseXml } from '../src/xml/xml-tree.js';
import { findAll } from './support/harness.js';
import { TrafficLog } from './support/schema-check.js';
import { envelope } from './support/soap-client.js';

const NOW = new Date('2026-03-02T09:30:00Z');
const GET_INBOX =
  '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';
const EXO_PARAMS =
  'client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*", ' +
  'token_types="app_asserted_user_v1 service_asserted_app_v1"';

const servers: TestServer[] = [];
const log = new TrafficLog();
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  const invalid = await log.invalid();
  log.requests.length = 0;
  log.responses.length = 0;
  expect(invalid.map((v) => `${v.name}: ${v.errors}`)).toEqual([]);
});

async function serve(options: TestServerOptions, clock = { now: NOW.getTime() }): Promise<TestServer> {
  const server = await startTestServer({ seed: 'empty', now: () => new Date(clock.now), ...options });
  servers.push(server);
  return server;
}

interface Answer {
  readonly status: number;
  readonly offers: string[];
  readonly body: string;
}

function post(url: string, body: string, authorization?: string): Promise<Answer> {
  log.requests.push({ name: 'request', xml: body });
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'Content-Type': 'text/xml; charset=utf-8' };
    if (authorization !== undefined) headers.Authorization = authorization;
    const req = request(url, { method: 'POST', headers, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode === 200 || res.statusCode === 500)
          log.responses.push({ name: 'response', xml: text });
        // One WWW-Authenticate line per scheme, as sent (res.headers would join them with commas).
        const offers = res.rawHeaders.filter(
          (_, i, all) => i % 2 === 1 && all[i - 1]?.toLowerCase() === 'www-authenticate',
        );
        resolve({
          status: res.statusCode ?? 0,
          offers,
          body: text,
        });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

const responseCodes = (body: string) => findAll(parseXml(body), 'ResponseCode').map((e) => e.text);

describe('Bearer auth', () => {
  it('offers Bearer as Exchange Online does, then the other schemes in the configured order', async () => {
    const server = await serve({ auth: ['bearer', 'ntlm', 'basic'] });
    const anonymous = await post(server.url, envelope(GET_INBOX));
    expect(anonymous.status).toBe(401);
    expect(anonymous.offers).toEqual([
      `Bearer ${EXO_PARAMS}, authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"`,
      'Negotiate',
      'NTLM',
      'Basic realm="127.0.0.1"',
    ]);
    const custom = await serve({
      auth: ['bearer'],
      bearer: { authorizationUri: 'https://login.example/authorize' },
    });
    expect((await post(custom.url, envelope(GET_INBOX))).offers).toEqual([
      `Bearer ${EXO_PARAMS}, authorization_uri="https://login.example/authorize"`,
    ]);
  });

  it('accepts tokens the server issued until they expire by the server clock; refuses others with invalid_token', async () => {
    const clock = { now: NOW.getTime() };
    const server = await serve({ auth: ['bearer', 'basic'] }, clock);
    const token = server.issueBearerToken('alice@contoso.test', { expiresInSeconds: 600 });
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const ok = await post(server.url, envelope(GET_INBOX), `Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(responseCodes(ok.body)).toEqual(['NoError']);

    clock.now += 601_000;
    const expired = await post(server.url, envelope(GET_INBOX), `Bearer ${token}`);
    expect(expired.status).toBe(401);
    expect(expired.offers[0]).toContain(
      'error="invalid_token", error_description="The access token expired"',
    );
    expect(expired.offers[1]).toBe('Basic realm="127.0.0.1"');

    const [head, payload, signature] = token.split('.');
    const forged = Buffer.from(payload ?? '', 'base64url')
      .toString()
      .replace('alice@', 'bob@');
    const tampered = `${head}.${Buffer.from(forged).toString('base64url')}.${signature}`;
    for (const bad of [tampered, 'not-a-jwt', `${token}x`]) {
      const refused = await post(server.url, envelope(GET_INBOX), `Bearer ${bad}`);
      expect(refused.status).toBe(401);
      expect(refused.offers[0]).toContain(
        'error="invalid_token", error_description="The access token is invalid"',
      );
    }
    // Another server's token (another key) is worthless here.
    const other = await serve({ auth: ['bearer'] });
    const foreign = other.issueBearerToken('alice@contoso.test');
    expect((await post(server.url, envelope(GET_INBOX), `Bearer ${foreign}`)).status).toBe(401);
    expect(() => server.issueBearerToken('nobody@contoso.test')).toThrow(TestServerError);
  });

  it('is refused when bearer is not configured; Basic still works next to it', async () => {
    const server = await serve({ auth: ['basic'] });
    const token = server.issueBearerToken('alice@contoso.test');
    const refused = await post(server.url, envelope(GET_INBOX), `Bearer ${token}`);
    expect(refused.status).toBe(401);
    expect(refused.offers).toEqual(['Basic realm="127.0.0.1"']);
  });

  it('uses a pluggable verifier (with a signal) and applies impersonation rules to the token owner', async () => {
    const seen: { token: string; aborted: boolean }[] = [];
    const server = await serve({
      auth: ['bearer'],
      bearer: {
        verify: async (token, { signal }) => {
          seen.push({ token, aborted: signal.aborted });
          if (token === 'app-token') return { mailbox: 'ews.service@contoso.test' };
          if (token === 'alice-token') return { mailbox: 'alice@contoso.test' };
          if (token === 'ghost-token') return { mailbox: 'ghost@contoso.test' };
          return undefined;
        },
      },
    });
    const asService = await post(
      server.url,
      envelope(GET_INBOX, { impersonate: 'bob@contoso.test' }),
      'Bearer app-token',
    );
    expect(asService.status).toBe(200);
    expect(responseCodes(asService.body)).toEqual(['NoError']);
    const asAlice = await post(
      server.url,
      envelope(GET_INBOX, { impersonate: 'bob@contoso.test' }),
      'Bearer alice-token',
    );
    expect(asAlice.status).toBe(500);
    expect(responseCodes(asAlice.body)).toEqual(['ErrorImpersonateUserDenied']);
    // A token for someone without a mailbox here is as good as none.
    const ghost = await post(server.url, envelope(GET_INBOX), 'Bearer ghost-token');
    expect(ghost.status).toBe(401);
    expect(ghost.offers[0]).toContain('error="invalid_token"');
    // The server's own tokens mean nothing to a custom verifier.
    const own = await post(
      server.url,
      envelope(GET_INBOX),
      `Bearer ${server.issueBearerToken('alice@contoso.test')}`,
    );
    expect(own.status).toBe(401);
    expect(seen.map((s) => s.token).slice(0, 3)).toEqual(['app-token', 'alice-token', 'ghost-token']);
    expect(seen.every((s) => !s.aborted)).toBe(true);
  });

  it('aborts a pending token check when the server closes', async () => {
    let aborted = false;
    const server = await startTestServer({
      seed: 'empty',
      auth: ['bearer'],
      bearer: {
        verify: (_token, { signal }) =>
          new Promise((resolve) => {
            signal.addEventListener('abort', () => {
              aborted = true;
              resolve(undefined);
            });
          }),
      },
    });
    const pending = post(server.url, envelope(GET_INBOX), 'Bearer slow-token').catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await server.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(aborted).toBe(true);
    log.requests.length = 0;
  });

  it('the CLI offers bearer and prints a token per person', async () => {
    const lines: string[] = [];
    const server = await runCli(['--auth', 'bearer,basic', '--json', '--seed', 'empty'], (l) =>
      lines.push(l),
    );
    if (server === undefined) throw new Error('no server');
    servers.push(server);
    const printed = JSON.parse(lines[0] ?? '{}') as { bearerTokens?: Record<string, string> };
    const token = printed.bearerTokens?.['alice@contoso.test'];
    expect(token).toBeDefined();
    const ok = await post(server.url, envelope(GET_INBOX), `Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(Object.keys(printed.bearerTokens ?? {})).toHaveLength(server.credentials.length);
  });
});
