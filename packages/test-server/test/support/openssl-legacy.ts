import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Python's NTLM client (ntlm_auth, under requests_ntlm) hashes with hashlib's MD4, which OpenSSL 3
// keeps in its legacy provider. This config turns that provider on, for the Python process only.
const OPENSSL_LEGACY = `openssl_conf = openssl_init
[openssl_init]
providers = provider_sect
[provider_sect]
default = default_sect
legacy = legacy_sect
[default_sect]
activate = 1
[legacy_sect]
activate = 1
`;

/** Writes the config to `dir/openssl.cnf` and returns its path, for the peer's `OPENSSL_CONF`. */
export function writeOpensslLegacyConfig(dir: string): string {
  const path = join(dir, 'openssl.cnf');
  writeFileSync(path, OPENSSL_LEGACY);
  return path;
}
