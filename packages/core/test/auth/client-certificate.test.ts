import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createClientCertificateAuth } from '../../src/auth/client-certificate.js';
import { silentLogger } from '../../src/logging/logger.js';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEsecretkeymaterial\n-----END PRIVATE KEY-----\n';

describe('createClientCertificateAuth', () => {
  it('contributes PEM or PKCS#12 material as tls and adds no header', async () => {
    const pem = createClientCertificateAuth({ cert: CERT, key: KEY, passphrase: 'key-pass' });
    expect(pem.tls).toEqual({ cert: CERT, key: KEY, passphrase: 'key-pass' });
    expect(pem.scheme).toBe('ClientCertificate');
    const context = {
      signal: new AbortController().signal,
      logger: silentLogger,
      connection: undefined,
      round: 0,
      sideRequest: () => Promise.reject(new Error('no')),
    };
    expect(
      await pem.authorize(
        { url: new URL('https://x/'), method: 'POST', headers: {}, operation: 'GetFolder' },
        context,
      ),
    ).toBeUndefined();

    const pfx = new Uint8Array([0x30, 0x82, 0x01]);
    expect(createClientCertificateAuth({ pfx }).tls).toEqual({ pfx });
  });

  it('rejects missing, empty or mixed material eagerly', () => {
    const bad = [
      {},
      { cert: CERT },
      { key: KEY },
      { cert: '', key: KEY },
      { pfx: new Uint8Array() },
      { cert: CERT, key: KEY, pfx: 'x' },
      { pfx: 'x', passphrase: 5 },
    ];
    for (const options of bad) {
      expect(() => createClientCertificateAuth(options as never)).toThrow(
        expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' }),
      );
    }
  });

  it('does not print the key or passphrase', () => {
    const auth = createClientCertificateAuth({ cert: CERT, key: KEY, passphrase: 'key-pass' });
    const printed = `${inspect(auth, { showHidden: true, depth: 10 })} ${JSON.stringify(auth)} ${String(auth)}`;
    expect(printed).toContain('ClientCertificate');
    expect(printed).not.toContain('secretkeymaterial');
    expect(printed).not.toContain('key-pass');
  });
});
