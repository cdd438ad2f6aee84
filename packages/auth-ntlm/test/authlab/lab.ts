import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** State dir of tools/authlab-ntlm (same default and env var as its start.sh). */
export const LAB_DIR = process.env.AUTHLAB_NTLM_DIR ?? '/var/lib/ews-authlab-ntlm';
export const START_SCRIPT = fileURLToPath(
  new URL('../../../../tools/authlab-ntlm/start.sh', import.meta.url),
);
export const STOP_SCRIPT = fileURLToPath(new URL('../../../../tools/authlab-ntlm/stop.sh', import.meta.url));

export interface LabEndpoint {
  readonly url: string;
  /** The same acceptor offering `Negotiate` and `NTLM`, as Exchange does by default. */
  readonly negotiate_url: string;
  readonly domain: string;
  readonly users: Readonly<Record<string, string>>;
  readonly expect_user: string;
  readonly access_log: string;
  readonly error_log: string;
}

export function readEndpoint(): LabEndpoint {
  return JSON.parse(readFileSync(`${LAB_DIR}/endpoint.json`, 'utf8')) as LabEndpoint;
}

export interface AccessLine {
  readonly client: string;
  readonly user: string;
  readonly status: number;
  /** n-th request on this connection, 0 = first. */
  readonly keepAlive: number;
}

/** Parses the lab's access log (`client:port user="…" "request" status ka=n`). */
export function readAccessLog(path: string): AccessLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const match = /^(\S+) user="([^"]*)" "[^"]*" (\d+) ka=(\d+)$/.exec(line);
      if (!match) throw new Error(`unexpected access log line: ${line}`);
      return {
        client: match[1] ?? '',
        user: match[2] ?? '',
        status: Number(match[3]),
        keepAlive: Number(match[4]),
      };
    });
}
