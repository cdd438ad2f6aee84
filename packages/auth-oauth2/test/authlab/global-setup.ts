import { startLab, stopLab } from '@ews-tools/authlab';
import { LAB_DIR, LAB_PORT_BASE } from './lab.js';

const env = { ...process.env, EWS_AUTHLAB_DIR: LAB_DIR, EWS_AUTHLAB_PORT_BASE: LAB_PORT_BASE };

/**
 * Starts a private authlab (real Apache + mod_auth_openidc checking RS256 JWTs) for
 * test/authlab and stops it afterwards. A lab that cannot start fails the run; it never skips.
 */
export default function setup(): () => void {
  startLab({ what: 'BEARER_TLS (mod_auth_openidc)', env });
  return () => stopLab({ env, purge: true });
}
