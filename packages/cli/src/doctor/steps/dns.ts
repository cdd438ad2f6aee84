import { isIP } from 'node:net';
import { describeError, errorCode, fail, hostOf, pass, type StepRun } from '../step-outcome.js';

/** A and AAAA addresses of the EWS host. */
export const dnsStep: StepRun = async (context, signal) => {
  const url = context.ewsUrl!;
  const host = hostOf(url);
  if (isIP(host) !== 0) return pass(`${host} is an IP address (no lookup)`);
  try {
    const addresses = await context.resolver.lookup(host, { signal });
    if (addresses.length === 0) return noAddress(host, 'no A or AAAA record');
    const shown = addresses.map((a) => `${a.address} (${a.family === 6 ? 'AAAA' : 'A'})`);
    return pass(`${host} → ${shown.join(', ')}`);
  } catch (error) {
    if (signal.aborted) throw error;
    const code = errorCode(error);
    return noAddress(host, code === 'ENOTFOUND' ? 'no such host (ENOTFOUND)' : describeError(error));
  }
};

function noAddress(host: string, why: string) {
  return fail(
    `${host} does not resolve: ${why}`,
    'Check the host name in the URL; an internal name needs the company DNS (VPN) or an entry in the hosts file.',
    { stops: `${host} does not resolve` },
  );
}
