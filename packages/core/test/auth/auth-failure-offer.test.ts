import { afterEach, describe, expect, it } from 'vitest';
import {
  AUTH_SPEC_VERSION,
  type AuthStrategy,
  createBasicAuth,
  createBearerAuth,
  createDigestAuth,
  describeOfferedSchemes,
  EwsAuthError,
  EwsClient,
  offeredSchemes,
} from '../../src/index.js';
import { type FakeEwsServer, startFakeEws } from '../helpers/fake-ews-server.js';

// Issue 12, defect 13: every auth failure lists exactly the schemes the server offered (from
// every WWW-Authenticate header, never a challenge's token), names the package a plugin-only
// scheme needs, and counts the requests that were actually sent.

const GET_INBOX =
  '<m:GetFolder xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';
const PASSWORD = 'Wr0ng-Passw0rd!';
const SECRET_TOKEN = 'oYIBSecretServerToken0123456789abcdef==';

const servers: FakeEwsServer[] = [];
const clients: EwsClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A server that answers every request with 401 and these WWW-Authenticate values. */
async function refusing(offer: string | string[]): Promise<FakeEwsServer> {
  const server = await startFakeEws(() => ({ status: 401, headers: { 'www-authenticate': offer } }));
  servers.push(server);
  return server;
}

async function failure(server: FakeEwsServer, auth: AuthStrategy | undefined): Promise<EwsAuthError> {
  const ews = new EwsClient({ url: server.url, auth, allowInsecureHttp: true });
  clients.push(ews);
  const error = await ews.send({ operation: 'GetFolder', body: GET_INBOX }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof EwsAuthError)) throw new Error(`expected EwsAuthError, got ${String(error)}`);
  return error;
}

function countInMessage(error: EwsAuthError): number {
  const match = /after (\d+) request/.exec(error.message);
  if (!match?.[1]) throw new Error(`no request count in: ${error.message}`);
  return Number(match[1]);
}

const basic = () => createBasicAuth({ username: 'alice', password: PASSWORD });
const DIGEST_CHALLENGE = 'Digest realm="EWS", nonce="abc123", qop="auth", algorithm=MD5';

/** A connection-bound two-leg scheme (as NTLM): a token, then gives up when refused again. */
function twoLegStrategy(scheme: string): AuthStrategy {
  const answered = new WeakSet<object>();
  return {
    specVersion: AUTH_SPEC_VERSION,
    scheme,
    binding: 'connection',
    authorize: () => ({ authorization: `${scheme} TlRMTVNTUAABAAAA` }),
    onChallenge: (challenge) => {
      if (answered.has(challenge.request)) return undefined;
      answered.add(challenge.request);
      return { authorization: `${scheme} TlRMTVNTUAADAAAA` };
    },
  };
}

/** A strategy that answers every 401: only core's round limit ends it. */
const stubborn: AuthStrategy = {
  specVersion: AUTH_SPEC_VERSION,
  scheme: 'Basic',
  binding: 'request',
  authorize: () => ({ authorization: 'Basic YTpi' }),
  onChallenge: () => ({ authorization: 'Basic YTpi' }),
};

describe('auth failures: the count of requests sent', () => {
  const cases: readonly [string, string | string[], () => AuthStrategy, number][] = [
    ['Basic (pre-emptive, refused)', 'Basic realm="EWS"', basic, 1],
    [
      'Digest (probe, answer, refused)',
      DIGEST_CHALLENGE,
      () => createDigestAuth({ username: 'alice', password: PASSWORD }),
      2,
    ],
    ['NTLM (negotiate, authenticate, refused)', 'NTLM', () => twoLegStrategy('NTLM'), 2],
    ['Negotiate (token, token, refused)', 'Negotiate', () => twoLegStrategy('Negotiate'), 2],
    [
      'Bearer (static token, refused)',
      'Bearer error="invalid_token"',
      () => createBearerAuth({ token: 'eyJ0eXAiOiJKV1QifQ.e30.c2ln' }),
      1,
    ],
    [
      'Bearer (token source: one refresh, refused again)',
      'Bearer error="invalid_token"',
      () =>
        createBearerAuth({
          getToken: async () => ({
            token: 'eyJ0eXAiOiJKV1QifQ.e30.c2ln',
            expiresOnTimestamp: Date.now() + 3_600_000,
          }),
        }),
      2,
    ],
    ['an unknown scheme offered to Basic', 'X-Acme-Token realm="r"', basic, 1],
    ["core's round limit (every 401 answered)", 'Basic realm="EWS"', () => stubborn, 4],
  ];

  it.each(cases)(
    '%s: the message counts exactly the requests the server saw',
    async (_name, offer, make, sent) => {
      const server = await refusing(offer);
      const error = await failure(server, make());
      expect(server.requests).toHaveLength(sent);
      expect(countInMessage(error)).toBe(sent);
      expect(error.message).not.toContain(PASSWORD);
    },
  );
});

describe('auth failures: the schemes offered, with the package each needs', () => {
  const cases: readonly [string, string | string[], readonly string[], string][] = [
    ['Basic', 'Basic realm="EWS"', ['Basic'], 'it offers: Basic.'],
    ['Digest', DIGEST_CHALLENGE, ['Digest'], 'it offers: Digest.'],
    ['NTLM', 'NTLM', ['NTLM'], 'it offers: NTLM (install @ews/auth-ntlm).'],
    ['Negotiate only', 'Negotiate', ['Negotiate'], 'it offers: Negotiate (install @ews/auth-kerberos).'],
    [
      'Bearer only',
      'Bearer realm="", error="invalid_token", authorization_uri="https://login.example/authorize"',
      ['Bearer'],
      'it offers: Bearer (install @ews/auth-oauth2).',
    ],
    [
      'an unknown scheme',
      'X-Acme-Token realm="r"',
      ['X-Acme-Token'],
      'it offers: X-Acme-Token (not supported).',
    ],
    [
      'several headers and comma-joined lists, with tokens',
      [`Negotiate ${SECRET_TOKEN}, NTLM`, 'Basic realm="mail.contoso.com", basic realm="again"', 'Bearer'],
      ['Negotiate', 'NTLM', 'Basic', 'Bearer'],
      'it offers: Negotiate (install @ews/auth-kerberos), NTLM (install @ews/auth-ntlm), Basic, Bearer (install @ews/auth-oauth2).',
    ],
    ['nothing', [], [], 'it offers: no scheme.'],
  ];

  it.each(cases)('%s', async (_name, offer, schemes, text) => {
    const server = await refusing(offer);
    const error = await failure(server, basic());
    expect(error.offeredSchemes).toEqual(schemes);
    expect(error.message).toContain(text);
    expect(error.message).not.toContain(SECRET_TOKEN);
    expect(JSON.stringify(error)).not.toContain(SECRET_TOKEN);
  });

  it('without an auth strategy, a 401 names the offered schemes and their packages too', async () => {
    const server = await refusing(['Negotiate', `NTLM ${SECRET_TOKEN}`]);
    const error = await failure(server, undefined);
    expect(error.offeredSchemes).toEqual(['Negotiate', 'NTLM']);
    expect(error.message).toContain('Negotiate (install @ews/auth-kerberos), NTLM (install @ews/auth-ntlm)');
    expect(error.message).not.toContain(SECRET_TOKEN);
  });
});

describe('offeredSchemes / describeOfferedSchemes', () => {
  it('reads any header-name case and repeated headers; each scheme once, in the server order', () => {
    expect(
      offeredSchemes({
        'WWW-Authenticate': ['NTLM', 'Negotiate abc=='],
        'www-authenticate': 'ntlm, Basic realm="x"',
      }),
    ).toEqual(['NTLM', 'Negotiate', 'Basic']);
  });

  it('bounds what a hostile server can put into an error', () => {
    const long = 'X'.repeat(10_000);
    const many = Array.from({ length: 1_000 }, (_, i) => `S${i}`);
    const schemes = offeredSchemes({ 'www-authenticate': [long, ...many] });
    expect(schemes.length).toBeLessThanOrEqual(8);
    expect(schemes.every((scheme) => scheme.length <= 33)).toBe(true);
    expect(describeOfferedSchemes(schemes).length).toBeLessThan(600);
  });

  it('is not fooled by scheme names that are Object.prototype keys', () => {
    expect(describeOfferedSchemes(['constructor', 'toString'])).toBe(
      'constructor (not supported), toString (not supported)',
    );
  });
});
