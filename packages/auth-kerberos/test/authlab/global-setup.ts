/**
 * Starts tools/authlab (with its Kerberos endpoints: MIT KDC + Apache mod_auth_gssapi) unless
 * they already answer, and FAILS the run when it cannot: the integration tests never skip.
 * Stops the lab afterwards only if this setup started it.
 */
import { ensureLab, probe, stopLab } from '@ews-tools/authlab';
import { readKerberosLab } from './lab.js';

const offersNegotiate = (url: string) =>
  probe(url, (status, offer) => status === 401 && offer.startsWith('Negotiate'));

async function isUp(): Promise<boolean> {
  const lab = readKerberosLab();
  return (
    lab !== undefined && (await offersNegotiate(lab.negotiateUrl)) && offersNegotiate(lab.negotiateNtlmUrl)
  );
}

export default async function setup(): Promise<() => void> {
  const { startedHere } = await ensureLab({
    isUp,
    what: 'Kerberos endpoints (krb5-kdc, libapache2-mod-auth-gssapi)',
  });
  return () => {
    if (startedHere) stopLab();
  };
}
