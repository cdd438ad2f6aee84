// Helpers for test suites that use the auth lab: where it lives, what it serves, starting it
// when it is not up (and failing, never skipping, when it cannot start), and reading its
// access log. The lab itself is start.sh / stop.sh beside this file.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';

export const START_SCRIPT = fileURLToPath(new URL('./start.sh', import.meta.url));
export const STOP_SCRIPT = fileURLToPath(new URL('./stop.sh', import.meta.url));
const START_TIMEOUT_MS = 180_000; // a first run may apt-get install Apache and the KDC

/** The lab's state directory (start.sh's default and environment variable). */
export function labDir(env = process.env) {
  return env.EWS_AUTHLAB_DIR ?? '/tmp/ews-authlab';
}

/** The lab's endpoints.json, or undefined when the lab has not been started. */
export function readLab(dir = labDir()) {
  const file = `${dir}/endpoints.json`;
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Sends one unauthenticated request and lets `accept` judge the status and WWW-Authenticate. */
export function probe(url, accept, method = 'POST') {
  return new Promise((resolve) => {
    const req = request(url, { method, timeout: 3_000 }, (res) => {
      res.resume();
      resolve(accept(res.statusCode ?? 0, String(res.headers['www-authenticate'] ?? '')));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end(method === 'POST' ? '<probe/>' : undefined);
  });
}

/** Runs start.sh unless `isUp()` says the lab already serves what the caller needs. */
export async function ensureLab({ isUp, what, env = process.env }) {
  if (await isUp()) return { startedHere: false };
  startLab({ what, env });
  if (!(await isUp())) throw new Error(`The auth lab started, but does not serve ${what}`);
  return { startedHere: true };
}

/** Runs start.sh (which rebuilds the lab from scratch); throws with its output when it fails. */
export function startLab({ what, env = process.env }) {
  const run = spawnSync('bash', [START_SCRIPT], { encoding: 'utf8', env, timeout: START_TIMEOUT_MS });
  if (run.status !== 0) {
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(
      `The auth lab (${what}) could not be started with "bash ${START_SCRIPT}" (exit ${String(run.status)}` +
        `${run.error ? `, ${run.error.message}` : ''}). It needs root and the Debian packages in ` +
        `tools/ci/install-system-packages.sh. Output:\n${output}`,
    );
  }
}

export function stopLab({ env = process.env, purge = false } = {}) {
  spawnSync('bash', purge ? [STOP_SCRIPT, '--purge'] : [STOP_SCRIPT], {
    encoding: 'utf8',
    env,
    timeout: 30_000,
  });
}

const ACCESS_LINE = /^(\S+) -> :(\d+) user="((?:[^"\\]|\\.)*)" "[^"]*" (\d+) ka=(\d+)$/;

/**
 * The lines of the lab's shared access log written from now on for one endpoint's port
 * (other suites may use the lab at the same time).
 */
export function watchAccessLog(path, url) {
  const start = statSync(path).size;
  const port = Number(new URL(url).port);
  return () =>
    readFileSync(path)
      .subarray(start)
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const match = ACCESS_LINE.exec(line);
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

/**
 * The access log once Apache has written every line: it logs a request after answering it, so
 * a client can see the answer before the line exists. Waits until at least `atLeast` lines are
 * there (the count the caller expects; a slow Apache under load may take seconds), then until
 * no further line came for `quietMs`, so extra lines still show. Gives up after `maxMs` and
 * returns what there is: the caller's assertion then names the difference.
 */
export async function settledLog(read, { atLeast = 0, quietMs = 150, maxMs = 10_000 } = {}) {
  const deadline = Date.now() + maxMs;
  let lines = read();
  while (lines.length < atLeast && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    lines = read();
  }
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const next = read();
    if (next.length === lines.length || Date.now() > deadline) return next;
    lines = next;
  }
}
