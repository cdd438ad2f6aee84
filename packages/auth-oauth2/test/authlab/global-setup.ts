import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LAB_DIR, LAB_PORT_BASE } from './lab.js';

const TOOLS = fileURLToPath(new URL('../../../../tools/authlab/', import.meta.url));
const env = { ...process.env, EWS_AUTHLAB_DIR: LAB_DIR, EWS_AUTHLAB_PORT_BASE: LAB_PORT_BASE };

/**
 * Starts a private authlab (real Apache + mod_auth_openidc checking RS256 JWTs) for
 * test/authlab and stops it afterwards. A lab that cannot start fails the run; it never skips.
 */
export default function setup(): () => void {
  const run = spawnSync('bash', [`${TOOLS}start.sh`], { encoding: 'utf8', env, timeout: 180_000 });
  if (run.status !== 0) {
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(
      `tools/authlab/start.sh failed (exit ${String(run.status)}); it needs root and apt:\n${output}`,
    );
  }
  return () => {
    spawnSync('bash', [`${TOOLS}stop.sh`, '--purge'], { encoding: 'utf8', env, timeout: 30_000 });
  };
}
