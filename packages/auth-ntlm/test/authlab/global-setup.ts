/**
 * Starts tools/authlab (with its NTLM endpoints: Apache + mod_auth_gssapi + gss-ntlmssp, strict)
 * unless they already answer, and FAILS the run when it cannot: the integration tests never skip.
 * Stops the lab afterwards only if this setup started it.
 */
import { ensureLab, probe, stopLab } from '@ews-tools/authlab';
import { readNtlmLab } from './lab.js';

async function isUp(): Promise<boolean> {
  const lab = readNtlmLab();
  return lab !== undefined && probe(lab.url, (status, offer) => status === 401 && offer.startsWith('NTLM'));
}

export default async function setup(): Promise<() => void> {
  const { startedHere } = await ensureLab({ isUp, what: 'NTLM endpoints (gss-ntlmssp)' });
  return () => {
    if (startedHere) stopLab();
  };
}
