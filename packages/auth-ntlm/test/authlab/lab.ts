import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** State dir of tools/authlab (same default and env var as its start.sh). */
export const LAB_DIR = process.env.EWS_AUTHLAB_DIR ?? '/tmp/ews-authlab';
export const START_SCRIPT = fileURLToPath(new URL('../../../../tools/authlab/start.sh', import.meta.url));
export const STOP_SCRIPT = fileURLToPath(new URL('../../../../tools/authlab/stop.sh', import.meta.url));

interface LabDescription {
  readonly endpoints: Readonly<
    Record<string, { readonly url: string; readonly expect_user: string; readonly port: number }>
  >;
  readonly users: Readonly<Record<string, string>>;
  readonly logs: { readonly access: string; readonly error: string };
}

/** The NTLM endpoints tools/authlab/endpoints/ntlm.sh adds. */
export interface NtlmLab {
  /** Offers only `NTLM` on the first 401. */
  readonly url: string;
  /** Offers `Negotiate` and `NTLM`, as Exchange does by default. */
  readonly negotiateUrl: string;
  readonly expectUser: string;
  readonly password: string;
  readonly accessLog: string;
}

export function readNtlmLab(): NtlmLab | undefined {
  let lab: LabDescription;
  try {
    lab = JSON.parse(readFileSync(`${LAB_DIR}/endpoints.json`, 'utf8')) as LabDescription;
  } catch {
    return undefined;
  }
  const ntlm = lab.endpoints.NTLM;
  const negotiate = lab.endpoints.NTLM_NEGOTIATE;
  if (!ntlm || !negotiate) return undefined;
  return {
    url: ntlm.url,
    negotiateUrl: negotiate.url,
    expectUser: ntlm.expect_user,
    password: lab.users.alice ?? '',
    accessLog: lab.logs.access,
  };
}

export function requireNtlmLab(): NtlmLab {
  const lab = readNtlmLab();
  if (!lab)
    throw new Error(
      `no NTLM endpoints in ${LAB_DIR}/endpoints.json (is tools/authlab/endpoints/ntlm.sh sourced?)`,
    );
  return lab;
}

export interface AccessLine {
  readonly client: string;
  readonly localPort: number;
  readonly user: string;
  readonly status: number;
  /** n-th request on this connection, 0 = first. */
  readonly keepAlive: number;
}

const LINE = /^(\S+) -> :(\d+) user="((?:[^"\\]|\\.)*)" "[^"]*" (\d+) ka=(\d+)$/;

/**
 * A view of the lab's shared access log (`client:port -> :localport user="…" "request" status
 * ka=n`) from now on, for one endpoint's port: other suites may use the lab at the same time.
 */
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
