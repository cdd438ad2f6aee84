import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A fixed clock for the seeded calendars; TLS certificates are made for the real clock. */
export const NOW = () => new Date('2026-03-11T12:00:00Z');

export const ALICE = 'alice@contoso.test';

/** A PEM file in a fresh temporary directory (for --ca), removed by `cleanup`. */
export async function pemFile(pem: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ews-doctor-'));
  const path = join(dir, 'ca.pem');
  await writeFile(path, pem);
  return { path, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A private CA and a server certificate it signed for `names` (DNS names), made with the
 * openssl CLI, as a company CA issues Exchange's certificate.
 */
export async function privateCa(
  names: readonly string[],
): Promise<{ ca: string; cert: string; key: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'ews-doctor-ca-'));
  const openssl = (args: readonly string[]) => run('openssl', [...args], { cwd: dir, timeout: 20_000 });
  try {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    await openssl([
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '400',
      '-subj',
      '/CN=Contoso Test Root CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await openssl([
      'req',
      '-new',
      ...ec,
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      `/CN=${names[0]}`,
    ]);
    await writeFile(
      join(dir, 'ext.cnf'),
      `subjectAltName=${names.map((n) => (/^[\d.]+$/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',')}\nextendedKeyUsage=serverAuth\n`,
    );
    await openssl([
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
      '-days',
      '400',
      '-extfile',
      'ext.cnf',
    ]);
    const [ca, cert, key] = await Promise.all(
      ['ca.crt', 'server.crt', 'server.key'].map((f) => readFile(join(dir, f), 'utf8')),
    );
    return { ca: ca!, cert: cert!, key: key! };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
