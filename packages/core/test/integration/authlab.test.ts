import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBasicAuth } from '../../src/auth/basic.js';
import { createClientCertificateAuth } from '../../src/auth/client-certificate.js';
import { createDigestAuth } from '../../src/auth/digest.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { createDriverSession, sendWithAuth } from '../../src/testing/reference-driver.js';
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
