/**
 * Starts tools/authlab (with its Kerberos endpoints: MIT KDC + Apache mod_auth_gssapi) unless
 * they already answer, and FAILS the run when it cannot: the integration tests never skip.
 * Stops the lab afterwards only if this setup started it.
 */
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { readKerberosLab, START_SCRIPT, STOP_SCRIPT } from './lab.js';

const START_TIMEOUT_MS = 180_000; // the first run may apt-get install the KDC and Apache

function offersNegotiate(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', timeout: 3_000 }, (res) => {
      res.resume();
      resolve(
        res.statusCode === 401 && String(res.headers['www-authenticate'] ?? '').startsWith('Negotiate'),
      );
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end('<probe/>');
  });
}

async function labIsUp(): Promise<boolean> {
  const lab = readKerberosLab();
  return (
    lab !== undefined &&
    (await offersNegotiate(lab.negotiateUrl)) &&
    (await offersNegotiate(lab.negotiateNtlmUrl))
  );
}

export default async function setup(): Promise<() => void> {
  if (await labIsUp()) return () => {};
  const run = spawnSync('bash', [START_SCRIPT], { encoding: 'utf8', timeout: START_TIMEOUT_MS });
  if (run.status !== 0 || !(await labIsUp())) {
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(
      `The authlab Kerberos endpoints could not be started with "bash ${START_SCRIPT}" (exit ${String(run.status)}` +
        `${run.error ? `, ${run.error.message}` : ''}). It needs root, apache2, krb5-kdc and libapache2-mod-auth-gssapi. Output:\n${output}`,
    );
  }
  return () => {
    spawnSync('bash', [STOP_SCRIPT], { encoding: 'utf8', timeout: 30_000 });
  };
}
