import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A certificate with its private key, PEM encoded. */
export interface KeyPair {
  readonly cert: string;
  readonly key: string;
}

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
  /** Removes the temporary directory. */
  cleanup(): Promise<void>;
}

const opensslTimeoutMs = 20_000;

async function openssl(dir: string, args: readonly string[]): Promise<void> {
  await run('openssl', [...args], { cwd: dir, timeout: opensslTimeoutMs });
}

async function newKeyAndRequest(dir: string, name: string, subject: string): Promise<void> {
  await openssl(dir, [
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    subject,
  ]);
}

async function newCa(dir: string, name: string, subject: string): Promise<void> {
  await openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-subj',
    subject,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

async function sign(dir: string, name: string, ca: string, extensions: string): Promise<void> {
  await writeFile(join(dir, `${name}.ext`), extensions);
  await openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
  ]);
}

async function pair(dir: string, name: string): Promise<KeyPair> {
  const [cert, key] = await Promise.all([
    readFile(join(dir, `${name}.crt`), 'utf8'),
    readFile(join(dir, `${name}.key`), 'utf8'),
  ]);
  return { cert, key };
}

/** Generates a CA, a server and a client certificate, and a rogue CA with its own client certificate. */
export async function createTlsFixtures(): Promise<TlsFixtures> {
  const dir = await mkdtemp(join(tmpdir(), 'ews-tls-'));
  try {
    await Promise.all([newCa(dir, 'ca', '/CN=ews test CA'), newCa(dir, 'rogue-ca', '/CN=ews rogue CA')]);
    await Promise.all([
      newKeyAndRequest(dir, 'server', '/CN=localhost'),
      newKeyAndRequest(dir, 'client', '/CN=ews test client'),
      newKeyAndRequest(dir, 'rogue-client', '/CN=ews rogue client'),
    ]);
    await sign(
      dir,
      'server',
      'ca',
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
    );
    await sign(dir, 'client', 'ca', 'extendedKeyUsage=clientAuth\n');
    await sign(dir, 'rogue-client', 'rogue-ca', 'extendedKeyUsage=clientAuth\n');
    const pfxPassphrase = 'pfx-passphrase-for-tests';
    await openssl(dir, [
      'pkcs12',
      '-export',
      '-inkey',
      'client.key',
      '-in',
      'client.crt',
      '-out',
      'client.pfx',
      '-passout',
      `pass:${pfxPassphrase}`,
    ]);
    const [ca, rogueCa, server, client, rogueClient, clientPfx] = await Promise.all([
      readFile(join(dir, 'ca.crt'), 'utf8'),
      readFile(join(dir, 'rogue-ca.crt'), 'utf8'),
      pair(dir, 'server'),
      pair(dir, 'client'),
      pair(dir, 'rogue-client'),
      readFile(join(dir, 'client.pfx')),
    ]);
    return {
      ca,
      server,
      client,
      clientPfx,
      pfxPassphrase,
      rogueCa,
      rogueClient,
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
