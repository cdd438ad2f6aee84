import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** State dir and port base of tools/authlab (same defaults and env vars as its start.sh). */
export const LAB_DIR = process.env.EWS_AUTHLAB_DIR ?? '/tmp/ews-authlab';
export const START_SCRIPT = fileURLToPath(new URL('../../../../tools/authlab/start.sh', import.meta.url));
export const STOP_SCRIPT = fileURLToPath(new URL('../../../../tools/authlab/stop.sh', import.meta.url));
/** The private krb5.conf tools/authlab/endpoints/kerberos.sh writes (never /etc/krb5.conf). */
export const LAB_KRB5_CONFIG = `${LAB_DIR}/krb5/krb5.conf`;

interface LabDescription {
  readonly endpoints: Readonly<Record<string, { readonly url: string; readonly expect_user: string }>>;
  readonly users: Readonly<Record<string, string>>;
  readonly logs: { readonly access: string };
  readonly kerberos?: { readonly realm: string; readonly krb5_config: string };
}

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
  if (!existsSync(`${LAB_DIR}/endpoints.json`)) return undefined;
  const lab = JSON.parse(readFileSync(`${LAB_DIR}/endpoints.json`, 'utf8')) as LabDescription;
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
      `no Kerberos endpoints in ${LAB_DIR}/endpoints.json (is tools/authlab/endpoints/kerberos.sh sourced?)`,
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

export interface AccessLine {
  /** `ip:port` of the client socket: one value per TCP connection. */
  readonly client: string;
  readonly localPort: number;
  readonly user: string;
  readonly status: number;
  /** n-th request on this connection, 0 = first. */
  readonly keepAlive: number;
}

const LINE = /^(\S+) -> :(\d+) user="((?:[^"\\]|\\.)*)" "[^"]*" (\d+) ka=(\d+)$/;

/** Lines of the lab's shared access log written from now on for one endpoint's port. */
export function watchAccessLog(path: string, url: string): () => AccessLine[] {
  const start = statSync(path).size;
  const port = Number(new URL(url).port);
  return () =>
    readFileSync(path)
      .subarray(start)
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const match = LINE.exec(line);
        if (!match) throw new Error(`unexpected access log line: ${line}`);
        return {
          client: match[1] ?? '',
          localPort: Number(match[2]),
          user: match[3] ?? '',
          status: Number(match[4]),
          keepAlive: Number(match[5]),
        };
      })
      .filter((line) => line.localPort === port);
}
