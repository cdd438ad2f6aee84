import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type CertificateKind = 'rsa-sha256' | 'rsa-sha1' | 'rsa-sha512' | 'ecdsa-sha384';

const KEY_ARGS: Record<CertificateKind, readonly string[]> = {
  'rsa-sha256': ['-newkey', 'rsa:2048', '-sha256'],
  'rsa-sha1': ['-newkey', 'rsa:2048', '-sha1'],
  'rsa-sha512': ['-newkey', 'rsa:2048', '-sha512'],
  'ecdsa-sha384': ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-sha384'],
};

/** A fresh self-signed certificate for 127.0.0.1, made with the openssl CLI. */
export function makeCertificate(kind: CertificateKind): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ews-ntlm-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        ...KEY_ARGS[kind],
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore', timeout: 20_000 },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
