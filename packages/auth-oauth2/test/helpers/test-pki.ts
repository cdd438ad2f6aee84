import { createTestPki as createPki, createSelfSigned } from '@ews-tools/test-support';

/** PEM material made by the openssl CLI for one test file. */
export interface TestPki {
  /** The test CA (what clients must trust). */
  readonly caCert: string;
  /** TLS certificate and key for 127.0.0.1, signed by the CA. */
  readonly serverCert: string;
  readonly serverKey: string;
  /** A self-signed app registration certificate (client credentials with a certificate). */
  readonly appCert: string;
  /** Its key in PKCS#1 (`BEGIN RSA PRIVATE KEY`), as many tools export it. */
  readonly appKeyPkcs1: string;
}

/** Generates an RSA CA, a 127.0.0.1 server certificate and an app certificate. */
export function createTestPki(): TestPki {
  const pki = createPki({
    caCommonName: 'ews-oauth2 test CA',
    keyType: 'rsa-2048',
    certificates: {
      server: {
        commonName: '127.0.0.1',
        altNames: ['127.0.0.1', 'localhost'],
        extendedKeyUsage: 'serverAuth',
        endEntity: true,
      },
    },
  });
  const app = createSelfSigned({
    commonName: 'ews-oauth2 test app',
    keyType: 'rsa-2048',
    keyFormat: 'pkcs1',
  });
  return {
    caCert: pki.ca,
    serverCert: pki.certificates.server.cert,
    serverKey: pki.certificates.server.key,
    appCert: app.cert,
    appKeyPkcs1: app.key,
  };
}
