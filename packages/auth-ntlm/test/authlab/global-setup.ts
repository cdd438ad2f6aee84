/**
 * Starts tools/authlab (with its NTLM endpoints: Apache + mod_auth_gssapi + gss-ntlmssp, strict)
 * unless they already answer, and FAILS the run when it cannot: the integration tests never skip.
 * Stops the lab afterwards only if this setup started it.
 */
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { readNtlmLab, START_SCRIPT, STOP_SCRIPT } from './lab.js';

function offersNtlm(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', timeout: 3_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 401 && String(res.headers['www-authenticate'] ?? '').startsWith('NTLM'));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end('<probe/>');
  });
}

async function labIsUp(): Promise<boolean> {
  const lab = readNtlmLab();
  return lab !== undefined && (await offersNtlm(lab.url));
}

export default async function setup(): Promise<() => void> {
  if (await labIsUp()) return () => {};
  const run = spawnSync('bash', [START_SCRIPT], { encoding: 'utf8', timeout: 180_000 });
  if (run.status !== 0) {
    throw new Error(
      `could not start the authlab (${START_SCRIPT}): ${run.stderr || run.stdout || String(run.error)}`,
    );
  }
  if (!(await labIsUp())) throw new Error('the authlab started but its NTLM endpoint does not offer NTLM');
  return () => {
    spawnSync('bash', [STOP_SCRIPT], { stdio: 'ignore', timeout: 30_000 });
  };
}
