import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPki } from '@ews-tools/test-support';

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
 * A private CA and a server certificate it signed for `names` (DNS names or IPv4 addresses), made
 * with the openssl CLI, as a company CA issues Exchange's certificate.
 */
export async function privateCa(
  names: readonly string[],
): Promise<{ ca: string; cert: string; key: string }> {
  const pki = createTestPki({
    caCommonName: 'Contoso Test Root CA',
    days: 400,
    certificates: {
      server: { commonName: names[0] ?? 'localhost', altNames: names, extendedKeyUsage: 'serverAuth' },
    },
  });
  return { ca: pki.ca, ...pki.certificates.server };
}
