import { describeError, pass, type StepRun, warn } from '../step-outcome.js';

/** The Autodiscover SRV record of the mailbox's domain (optional; hosters publish one). */
export const srvStep: StepRun = async (context, signal) => {
  const name = `_autodiscover._tcp.${domainOf(context.options.email)}`;
  try {
    const records = await context.resolver.resolveSrv(name, { signal });
    if (records.length === 0) return pass(`${name}: none published (optional)`);
    return pass(
      `${name} → ${records.map((r) => `${r.name}:${r.port}`).join(', ')}`,
      records.map((r) => `${r.name}:${r.port} priority ${r.priority} weight ${r.weight}`),
    );
  } catch (error) {
    if (signal.aborted) throw error;
    return warn(
      `${name}: the lookup failed (${describeError(error)})`,
      'Check that this machine can reach a DNS server (Autodiscover by SRV then cannot work).',
    );
  }
};

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}
