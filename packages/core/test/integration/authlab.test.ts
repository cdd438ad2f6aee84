import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBasicAuth } from '../../src/auth/basic.js';
import { createClientCertificateAuth } from '../../src/auth/client-certificate.js';
import { createDigestAuth } from '../../src/auth/digest.js';
import type { AuthStrategy } from '../../src/auth/strategy.js';
import { EwsClient, type EwsClientOptions } from '../../src/client/ews-client.js';
import { EwsError } from '../../src/errors/ews-error.js';
import type { EwsHttpRequest } from '../../src/pipeline/http.js';
import { createDriverSession, sendWithAuth } from '../../src/testing/reference-driver.js';
import type { Transport } from '../../src/transport/transport.js';
import { createUndiciTransport } from '../../src/transport/undici-transport.js';
import { type AuthlabDescription, ensureAuthlab, readAuthlab, stopAuthlab } from './authlab-global-setup.js';

// Real Apache mod_auth_basic / mod_auth_digest / mod_ssl from tools/authlab. The globalSetup
// normally starts the lab; this also works when the test file runs on its own.
let lab: AuthlabDescription;
let startedHere = false;
beforeAll(async () => {
  startedHere = await ensureAuthlab();
  lab = readAuthlab();
}, 180_000);
afterAll(() => {
  if (startedHere) stopAuthlab();
});

const GET_FOLDER =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><soap:Body><m:GetFolder/></soap:Body></soap:Envelope>';

function endpoint(name: string): string {
  const found = lab.endpoints[name];
  if (!found) throw new Error(`authlab has no ${name} endpoint (notes: ${lab.notes.join('; ')})`);
  return found.url;
}

function password(user: string): string {
  return lab.users[user] ?? '';
}

async function refusal(promise: Promise<unknown>): Promise<EwsError & { offeredSchemes: string[] }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(EwsError.isInstance(error)).toBe(true);
  return error as EwsError & { offeredSchemes: string[] };
}

describe('authlab: Basic (mod_auth_basic)', () => {
  it('authenticates alice and returns the stand-in EWS response', async () => {
    const result = await sendWithAuth(createBasicAuth({ username: 'alice', password: password('alice') }), {
      url: endpoint('BASIC'),
      body: GET_FOLDER,
    });
    expect(result).toMatchObject({ status: 200, user: 'alice', requests: 1 });
    expect(result.body).toContain('<m:GetFolderResponse');
  });

  it('ends a wrong password with EwsAuthError naming the offered schemes after one request', async () => {
    const error = await refusal(
      sendWithAuth(createBasicAuth({ username: 'alice', password: 'Wrong-Passw0rd' }), {
        url: endpoint('BASIC'),
      }),
    );
    expect(error.code).toBe('EWS_AUTH');
    expect(error.offeredSchemes).toEqual(['Basic']);
    expect(error.message).toContain('it offers: Basic');
    expect(error.message).not.toContain('Wrong-Passw0rd');
  });
});

describe('authlab: Digest (mod_auth_digest, MD5, qop=auth)', () => {
  it('authenticates, then reuses the nonce pre-emptively on the next requests', async () => {
    const auth = createDigestAuth({ username: 'bob', password: password('bob') });
    const session = createDriverSession();
    try {
      const first = await session.send(auth, { url: endpoint('DIGEST'), body: GET_FOLDER });
      expect(first).toMatchObject({ status: 200, user: 'bob', requests: 2 });
      const second = await session.send(auth, { url: `${endpoint('DIGEST')}?second=1`, body: GET_FOLDER });
      expect(second).toMatchObject({ status: 200, user: 'bob', requests: 1 });
      const third = await session.send(auth, { url: endpoint('DIGEST'), body: GET_FOLDER });
      expect(third).toMatchObject({ status: 200, user: 'bob', requests: 1 });
    } finally {
      session.close();
    }
  });

  it('ends a wrong password with EwsAuthError after a bounded number of requests', async () => {
    const error = await refusal(
      sendWithAuth(createDigestAuth({ username: 'alice', password: 'Wrong-Passw0rd' }), {
        url: endpoint('DIGEST'),
        maxRounds: 10,
      }),
    );
    expect(error.code).toBe('EWS_AUTH');
    expect(error.offeredSchemes).toEqual(['Digest']);
    expect(error.message).toMatch(/after 2 request\(s\)/);
  });

  it('refuses an unknown user the same way', async () => {
    const error = await refusal(
      sendWithAuth(createDigestAuth({ username: 'mallory', password: password('alice') }), {
        url: endpoint('DIGEST'),
      }),
    );
    expect(error.offeredSchemes).toEqual(['Digest']);
  });
});

describe('authlab: TLS', () => {
  it('runs Basic over https, trusting the lab CA', async () => {
    const result = await sendWithAuth(createBasicAuth({ username: 'alice', password: password('alice') }), {
      url: endpoint('BASIC_TLS'),
      tls: { ca: readFileSync(lab.ca_cert, 'utf8') },
    });
    expect(result).toMatchObject({ status: 200, user: 'alice' });
  });

  it('fails the handshake without the lab CA (a transport error, not an auth error)', async () => {
    const error = await refusal(
      sendWithAuth(createBasicAuth({ username: 'alice', password: password('alice') }), {
        url: endpoint('BASIC_TLS'),
      }),
    );
    expect(error.code).toBe('EWS_TRANSPORT');
  });
});

describe('authlab: client certificate (SSLVerifyClient require)', () => {
  const ca = (): string => readFileSync(lab.ca_cert, 'utf8');

  it('reaches the backend as alice with a PEM certificate and key', async () => {
    const alice = lab.client_certs.alice!;
    const auth = createClientCertificateAuth({
      cert: readFileSync(alice.cert),
      key: readFileSync(alice.key),
    });
    const result = await sendWithAuth(auth, { url: endpoint('CBA'), tls: { ca: ca() }, body: GET_FOLDER });
    expect(result).toMatchObject({ status: 200, user: 'alice', requests: 1 });
  });

  it('reaches the backend as bob with a PKCS#12 bundle', async () => {
    const bob = lab.client_certs.bob!;
    const auth = createClientCertificateAuth({ pfx: readFileSync(bob.p12!), passphrase: bob.p12_password });
    const result = await sendWithAuth(auth, { url: endpoint('CBA'), tls: { ca: ca() } });
    expect(result).toMatchObject({ status: 200, user: 'bob' });
  });

  it('is refused in the TLS handshake with a certificate from an untrusted CA, or none', async () => {
    const untrusted = lab.client_certs.untrusted!;
    const rogue = createClientCertificateAuth({
      cert: readFileSync(untrusted.cert),
      key: readFileSync(untrusted.key),
    });
    expect((await refusal(sendWithAuth(rogue, { url: endpoint('CBA'), tls: { ca: ca() } }))).code).toBe(
      'EWS_TRANSPORT',
    );
    const none = createBasicAuth({ username: 'alice', password: password('alice') });
    expect((await refusal(sendWithAuth(none, { url: endpoint('CBA'), tls: { ca: ca() } }))).code).toBe(
      'EWS_TRANSPORT',
    );
  });

  it('a wrong p12 passphrase fails locally without printing it', async () => {
    const bob = lab.client_certs.bob!;
    const auth = createClientCertificateAuth({
      pfx: readFileSync(bob.p12!),
      passphrase: 'not-the-passphrase',
    });
    const error = await sendWithAuth(auth, { url: endpoint('CBA'), tls: { ca: ca() } }).catch(
      (e: unknown) => e,
    );
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_TRANSPORT');
    expect(inspect(error, { depth: 5 })).not.toContain('not-the-passphrase');
  });
});

// The same servers through the whole client: envelope, pipeline (retry, auth policy,
// logging) and the undici transport. The lab's stand-in answers every call with an
// ErrorInvalidOperation message naming the user Apache authenticated. (Kept in this file:
// one file per package starts and stops the lab, so parallel test files cannot race on it.)
const GET_INBOX =
  '<m:GetFolder xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

const clients: EwsClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

/** A transport that counts the HTTP requests the client puts on the wire. */
function countingTransport(
  options: Parameters<typeof createUndiciTransport>[0],
): Transport & { sent: number } {
  const inner = createUndiciTransport(options);
  const counted = {
    sent: 0,
    send(request: EwsHttpRequest) {
      counted.sent += 1;
      return inner.send(request);
    },
    lease: inner.lease.bind(inner),
    close: () => inner.close(),
    [Symbol.asyncDispose]: () => inner.close(),
  };
  return counted;
}

function client(name: string, auth: AuthStrategy, extra: Partial<EwsClientOptions> = {}): EwsClient {
  const endpoint = lab.endpoints[name];
  if (!endpoint) throw new Error(`authlab has no ${name} endpoint`);
  const created = new EwsClient({ url: endpoint.url, auth, allowInsecureHttp: true, ...extra });
  clients.push(created);
  return created;
}

async function authenticatedUser(ews: EwsClient): Promise<string | undefined> {
  const response = await ews.send({ operation: 'GetFolder', body: GET_INBOX });
  const text = response.messages[0]?.messageText ?? '';
  return /authenticated as \[?([^\]\s]+)\]?/.exec(text)?.[1];
}

describe('EwsClient against the auth lab', () => {
  it('Basic over http (explicitly allowed) reaches the backend as alice', async () => {
    const ews = client('BASIC', createBasicAuth({ username: 'alice', password: password('alice') }));
    expect(await authenticatedUser(ews)).toBe('alice');
    expect(ews.serverVersion?.build.majorVersion).toBe(15);
  });

  it('Basic over TLS trusts the lab CA only when given it', async () => {
    const auth = createBasicAuth({ username: 'alice', password: password('alice') });
    const trusted = client('BASIC_TLS', auth, { tls: { ca: readFileSync(lab.ca_cert) } });
    expect(await authenticatedUser(trusted)).toBe('alice');

    const untrusted = client('BASIC_TLS', auth);
    const error = await untrusted.send({ operation: 'GetFolder', body: GET_INBOX }).catch((e: unknown) => e);
    expect(EwsError.isInstance(error) && [error.code, error.requestFate]).toEqual([
      'EWS_TRANSPORT',
      'not-sent',
    ]);
  });

  it('Digest: one challenge, then one request per call with the cached nonce', async () => {
    const transport = countingTransport({});
    const ews = client('DIGEST', createDigestAuth({ username: 'bob', password: password('bob') }), {
      transport,
    });
    for (let call = 0; call < 3; call += 1) expect(await authenticatedUser(ews)).toBe('bob');
    expect(transport.sent).toBe(4);
    await transport.close();
  });

  it('Digest with a wrong password ends in EwsAuthError after a bounded number of requests', async () => {
    const transport = countingTransport({});
    const ews = client('DIGEST', createDigestAuth({ username: 'bob', password: 'Wrong-Passw0rd' }), {
      transport,
    });
    const error = await ews.send({ operation: 'GetFolder', body: GET_INBOX }).catch((e: unknown) => e);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_AUTH');
    expect((error as { offeredSchemes: string[] }).offeredSchemes).toEqual(['Digest']);
    expect(transport.sent).toBeLessThanOrEqual(3);
    expect(String(error)).not.toContain('Wrong-Passw0rd');
    await transport.close();
  });

  it('client certificates (PEM and PKCS#12) authenticate as their subject', async () => {
    const ca = readFileSync(lab.ca_cert);
    const alice = lab.client_certs.alice;
    const bob = lab.client_certs.bob;
    if (!alice || !bob?.p12) throw new Error('authlab has no client certificates');
    const pem = client(
      'CBA',
      createClientCertificateAuth({ cert: readFileSync(alice.cert), key: readFileSync(alice.key) }),
      { tls: { ca } },
    );
    expect(await authenticatedUser(pem)).toBe('alice');
    const p12 = client(
      'CBA',
      createClientCertificateAuth({ pfx: readFileSync(bob.p12), passphrase: bob.p12_password }),
      { tls: { ca } },
    );
    expect(await authenticatedUser(p12)).toBe('bob');
  });
});
