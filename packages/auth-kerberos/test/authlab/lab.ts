import { spawnSync } from 'node:child_process';
import { type AccessLine, labDir, readLab, settledLog, watchAccessLog } from '@ews-tools/authlab';

export { type AccessLine, settledLog, watchAccessLog };

/** The private krb5.conf tools/authlab/endpoints/kerberos.sh writes (never /etc/krb5.conf). */
export const LAB_KRB5_CONFIG = `${labDir()}/krb5/krb5.conf`;

/** The Kerberos endpoints of the lab. */
export interface KerberosLab {
  /** `Negotiate`, krb5 only. */
  readonly negotiateUrl: string;
  /** `Negotiate` (krb5 or NTLMSSP) and `NTLM`. */
  readonly negotiateNtlmUrl: string;
  /** `NTLM` only (endpoints/ntlm.sh), for the fallback when Negotiate is not offered. */
  readonly ntlmOnlyUrl: string | undefined;
  readonly realm: string;
  readonly password: string;
  readonly accessLog: string;
}

export function readKerberosLab(): KerberosLab | undefined {
  const lab = readLab();
  if (!lab) return undefined;
  const negotiate = lab.endpoints.NEGOTIATE;
  const negotiateNtlm = lab.endpoints.NEGOTIATE_NTLM;
  if (!negotiate || !negotiateNtlm || !lab.kerberos) return undefined;
  return {
    negotiateUrl: negotiate.url,
    negotiateNtlmUrl: negotiateNtlm.url,
    ntlmOnlyUrl: lab.endpoints.NTLM?.url,
    realm: lab.kerberos.realm,
    password: lab.users.alice ?? '',
    accessLog: lab.logs.access,
  };
}

export function requireKerberosLab(): KerberosLab {
  const lab = readKerberosLab();
  if (!lab) {
    throw new Error(
      `no Kerberos endpoints in the auth lab's endpoints.json (is tools/authlab/endpoints/kerberos.sh sourced?)`,
    );
  }
  return lab;
}

/** Environment for kinit/kdestroy: the lab's realm and this test run's own ticket cache. */
function kerberosEnv(): NodeJS.ProcessEnv {
  const ccache = process.env.KRB5CCNAME;
  if (!ccache || process.env.KRB5_CONFIG !== LAB_KRB5_CONFIG) {
    throw new Error('KRB5_CONFIG / KRB5CCNAME are not set for the lab (see vitest.config.ts test.env)');
  }
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', KRB5_CONFIG: LAB_KRB5_CONFIG, KRB5CCNAME: ccache };
}

/** `kinit user` with the password on stdin, into this run's ticket cache. */
export function kinit(user: string, password: string): void {
  const run = spawnSync('kinit', [user], {
    env: kerberosEnv(),
    input: `${password}\n`,
    encoding: 'utf8',
    timeout: 15_000,
  });
  if (run.status !== 0) throw new Error(`kinit ${user} failed: ${run.stderr || run.error?.message}`);
}

/** Empties this run's ticket cache (no error when there is none). */
export function kdestroy(): void {
  spawnSync('kdestroy', [], { env: kerberosEnv(), encoding: 'utf8', timeout: 15_000 });
}
