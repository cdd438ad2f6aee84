import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A CA and one server certificate for many DNS names, made with the openssl CLI for this run. */
export interface TestPki {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

async function openssl(cwd: string, args: readonly string[]): Promise<void> {
  await run('openssl', [...args], { cwd, timeout: 20_000 });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Each name and its subdomains (`*.name`) go into the server certificate's SAN. */
export async function createTestPki(domains: readonly string[]): Promise<TestPki> {
  const dir = await mkdtemp(join(tmpdir(), 'ews-autodiscover-pki-'));
  try {
    await openssl(dir, [
      'req',
      '-x509',
      ...EC,
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '2',
      '-subj',
      '/CN=ews autodiscover test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await openssl(dir, [
      'req',
      '-new',
      ...EC,
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=autodiscover test server',
    ]);
    const san = domains.flatMap((domain) => [`DNS:${domain}`, `DNS:*.${domain}`]).join(',');
    await writeFile(
      join(dir, 'server.ext'),
      `subjectAltName=${san}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`,
    );
    await openssl(dir, [
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
      '2',
      '-extfile',
      'server.ext',
    ]);
    const [ca, cert, key] = await Promise.all(
      ['ca.crt', 'server.crt', 'server.key'].map((file) => readFile(join(dir, file), 'utf8')),
    );
    return { ca: ca ?? '', cert: cert ?? '', key: key ?? '' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
