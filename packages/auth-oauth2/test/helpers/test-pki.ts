import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

function openssl(dir: string, args: readonly string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
}

/** Generates a CA, a 127.0.0.1 server certificate and an app certificate in a temp dir. */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'ews-oauth2-pki-'));
  try {
    const days = ['-days', '2'];
    openssl(dir, [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-subj',
      '/CN=ews-oauth2 test CA',
      ...days,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    openssl(dir, [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=127.0.0.1',
    ]);
    writeFileSync(
      join(dir, 'server.ext'),
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n',
    );
    openssl(dir, [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      '-extfile',
      'server.ext',
      ...days,
    ]);
    openssl(dir, ['genrsa', '-traditional', '-out', 'app.key', '2048']);
    openssl(dir, [
      'req',
      '-x509',
      '-key',
      'app.key',
      '-out',
      'app.crt',
      '-subj',
      '/CN=ews-oauth2 test app',
      ...days,
    ]);
    const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
    return {
      caCert: read('ca.crt'),
      serverCert: read('server.crt'),
      serverKey: read('server.key'),
      appCert: read('app.crt'),
      appKeyPkcs1: read('app.key'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
