import { createTestPki, type KeyPair, toPkcs12 } from '@ews-tools/test-support';

/** Certificates made fresh for a test run with the `openssl` CLI. */
export interface TlsFixtures {
  /** The test CA that signed `server` and `client`. */
  readonly ca: string;
  /** Server certificate with SAN IP:127.0.0.1 and DNS:localhost. */
  readonly server: KeyPair;
  /** Client certificate (clientAuth) signed by `ca`. */
  readonly client: KeyPair;
  /** `client` as PKCS#12, protected by `pfxPassphrase`. */
  readonly clientPfx: Buffer;
  readonly pfxPassphrase: string;
  /** A CA nobody trusts, and a client certificate it signed. */
  readonly rogueCa: string;
  readonly rogueClient: KeyPair;
}

/** Generates a CA, a server and a client certificate, and a rogue CA with its own client certificate. */
export async function createTlsFixtures(): Promise<TlsFixtures> {
  const trusted = createTestPki({
    caCommonName: 'ews test CA',
    certificates: {
      server: {
        commonName: 'localhost',
        altNames: ['127.0.0.1', 'localhost'],
        extendedKeyUsage: 'serverAuth',
      },
      client: { commonName: 'ews test client', extendedKeyUsage: 'clientAuth' },
    },
  });
  const rogue = createTestPki({
    caCommonName: 'ews rogue CA',
    certificates: { client: { commonName: 'ews rogue client', extendedKeyUsage: 'clientAuth' } },
  });
  const pfxPassphrase = 'pfx-passphrase-for-tests';
  return {
    ca: trusted.ca,
    server: trusted.certificates.server,
    client: trusted.certificates.client,
    clientPfx: toPkcs12(trusted.certificates.client, pfxPassphrase),
    pfxPassphrase,
    rogueCa: rogue.ca,
    rogueClient: rogue.certificates.client,
  };
}
