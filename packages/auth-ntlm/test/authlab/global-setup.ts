/**
 * Starts tools/authlab-ntlm (Apache + mod_auth_gssapi + gss-ntlmssp, strict) unless it already
 * answers, and FAILS the run when it cannot: the integration tests never skip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { LAB_DIR, readEndpoint, START_SCRIPT, STOP_SCRIPT } from './lab.js';

function answersWithNtlm(url: string): Promise<boolean> {
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

export default async function setup(): Promise<() => void> {
  if (existsSync(`${LAB_DIR}/endpoint.json`) && (await answersWithNtlm(readEndpoint().url))) return () => {};
  try {
    execFileSync('bash', [START_SCRIPT], { stdio: 'pipe', timeout: 180_000 });
  } catch (error) {
    const output = (error as { stderr?: Buffer; stdout?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`could not start the NTLM authlab (${START_SCRIPT}): ${output}`);
  }
  if (!(await answersWithNtlm(readEndpoint().url))) {
    throw new Error(`the NTLM authlab started but ${readEndpoint().url} does not offer NTLM`);
  }
  return () => {
    execFileSync('bash', [STOP_SCRIPT], { stdio: 'ignore', timeout: 30_000 });
  };
}
