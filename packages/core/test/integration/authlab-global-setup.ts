import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';

/**
 * Vitest globalSetup for the authlab integration tests: starts tools/authlab (real Apache
 * auth modules on 127.0.0.1) unless it is already up, and stops it afterwards only if it
 * started it. A lab that cannot start fails the tests; it never skips them.
 */

const START_SCRIPT = fileURLToPath(new URL('../../../../tools/authlab/start.sh', import.meta.url));
const STOP_SCRIPT = fileURLToPath(new URL('../../../../tools/authlab/stop.sh', import.meta.url));
const START_TIMEOUT_MS = 180_000; // first run may apt-get install apache2

export interface AuthlabEndpoint {
  readonly url: string;
  readonly scheme: string;
  readonly expect_user: string;
}

export interface AuthlabDescription {
  readonly endpoints: Readonly<Record<string, AuthlabEndpoint>>;
  readonly users: Readonly<Record<string, string>>;
  readonly ca_cert: string;
  readonly client_certs: Readonly<
    Record<string, { cert: string; key: string; p12?: string; p12_password?: string }>
  >;
  readonly notes: readonly string[];
}

export function authlabDir(): string {
  return process.env.EWS_AUTHLAB_DIR ?? '/tmp/ews-authlab';
}

export function readAuthlab(): AuthlabDescription {
  return JSON.parse(readFileSync(`${authlabDir()}/endpoints.json`, 'utf8')) as AuthlabDescription;
}

/** True when endpoints.json exists and the plain-http Basic endpoint answers its health path. */
async function isUp(): Promise<boolean> {
  if (!existsSync(`${authlabDir()}/endpoints.json`)) return false;
  const basic = readAuthlab().endpoints.BASIC;
  if (!basic) return false;
  const health = new URL('/authlab-health', basic.url);
  return new Promise<boolean>((resolve) => {
    const req = request(health, { method: 'GET', timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** Starts the lab if needed; resolves with true when this call started it. */
export async function ensureAuthlab(): Promise<boolean> {
  if (await isUp()) return false;
  const run = spawnSync('bash', [START_SCRIPT], { encoding: 'utf8', timeout: START_TIMEOUT_MS });
  if (run.status !== 0 || !(await isUp())) {
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(
      `The authlab (Apache on 127.0.0.1) could not be started with "bash ${START_SCRIPT}" ` +
        `(exit ${String(run.status)}${run.error ? `, ${run.error.message}` : ''}). It needs root and apache2. Output:\n${output}`,
    );
  }
  return true;
}

export function stopAuthlab(): void {
  spawnSync('bash', [STOP_SCRIPT], { encoding: 'utf8', timeout: 30_000 });
}

export default async function setup(): Promise<() => void> {
  const started = await ensureAuthlab();
  return () => {
    if (started) stopAuthlab();
  };
}
