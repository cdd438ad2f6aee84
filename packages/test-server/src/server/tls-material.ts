import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestServerError } from './test-server-error.js';

/** A server certificate and key (PEM). For a generated one, `cert` is also the CA clients trust. */
export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
}

function run(command: string, args: readonly string[], signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: 30_000, ...(signal ? { signal } : {}) }, (error) =>
      error ? reject(error) : resolve(),
    );
  });
}

/**
 * A fresh self-signed certificate for localhost, 127.0.0.1 and ::1, made with the `openssl` CLI
 * (an EC P-256 key: generated in milliseconds). Valid for 7 days; nothing is kept on disk.
 */
export async function generateSelfSignedCert(signal?: AbortSignal): Promise<TlsMaterial> {
  const dir = await mkdtemp(join(tmpdir(), 'ews-test-server-tls-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    await run(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '7',
        '-subj',
        '/CN=localhost/O=@ews test-server',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:0:0:0:0:0:0:0:1',
      ],
      signal,
    ).catch((error: NodeJS.ErrnoException) => {
      throw new TestServerError(
        'TEST_SERVER_TLS',
        error.code === 'ENOENT'
          ? 'tls: true needs the openssl command (Debian: openssl); or pass tls: { cert, key }'
          : `tls: openssl failed: ${error.message}`,
      );
    });
    return { cert: await readFile(certPath, 'utf8'), key: await readFile(keyPath, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
