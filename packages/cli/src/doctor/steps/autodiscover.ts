import { createNtlmAuth } from '@ews/auth-ntlm';
import { Autodiscover, type AutodiscoverStep, formatTrace } from '@ews/autodiscover';
import { type AuthStrategy, createBasicAuth, EwsError } from '@ews/core';
import type { DoctorContext } from '../context.js';
import { describeError, fail, pass, type StepRun, skip } from '../step-outcome.js';
import { domainOf } from './srv.js';

/** Runs Autodiscover (when no --server is given) and lists every step it tried. */
export const autodiscoverStep: StepRun = async (context, signal) => {
  if (context.options.server !== undefined) return skip('--server given: Autodiscover not needed');
  const email = context.options.email;
  const autodiscover = new Autodiscover({
    ...(context.options.password === undefined ? {} : { auth: strategy(context) }),
    ...(context.ca === undefined ? {} : { tls: { ca: [...context.ca] } }),
    dns: { resolveSrv: (name, options) => context.resolver.resolveSrv(name, options).then((r) => [...r]) },
    redirectPolicy: { allowHosts: [...(context.options.trustHosts ?? [])] },
    cache: false,
    stepTimeoutMs: Math.min(context.options.stepTimeoutMs ?? 15_000, 10_000),
  });
  try {
    const found = await autodiscover.discover(email, { signal });
    context.ewsUrl = new URL(found.ewsUrl);
    return pass(`EWS URL ${found.ewsUrl} (${found.protocol} Autodiscover)`, traceLines(found.trace));
  } catch (error) {
    if (signal.aborted) throw error;
    const trace = traceOf(error);
    const stops = 'no EWS URL: Autodiscover failed and no --server was given';
    const untrusted = trace.find(
      (step) => step.outcome === 'skipped' && /redirect policy/i.test(step.detail),
    );
    if (untrusted !== undefined) {
      const host = hostFrom(untrusted.target);
      return fail(
        `Autodiscover was sent to ${host} (by ${untrusted.source}), a host outside ${domainOf(email)} that is not trusted; credentials were not sent there`,
        `If ${host} really is your Exchange server, trust it with --trust-host ${host} (or pass --server); if not, someone is redirecting your Autodiscover.`,
        { lines: traceLines(trace), stops },
      );
    }
    const reason = error instanceof EwsError && 'reason' in error ? String(error.reason) : undefined;
    if (reason === 'mailbox-not-found') {
      return fail(
        `Autodiscover says ${email} has no mailbox`,
        'Check the address (the primary SMTP address).',
        {
          lines: traceLines(trace),
          stops,
        },
      );
    }
    return fail(
      `Autodiscover found no EWS URL for ${email}: ${trace.length === 0 ? describeError(error) : `${trace.length} steps tried, none answered`}`,
      `Pass --server https://HOST/EWS/Exchange.asmx, or publish autodiscover.${domainOf(email)} (or an _autodiscover._tcp SRV record).`,
      { lines: traceLines(trace), stops },
    );
  } finally {
    await autodiscover.close();
  }
};

function strategy(context: DoctorContext): AuthStrategy {
  const username = context.user;
  const password = context.options.password ?? '';
  // The scheme is not known before the EWS endpoint is asked; --auth decides, else Basic (over https only).
  return context.options.auth === 'ntlm'
    ? createNtlmAuth({ username, password, channelBinding: context.options.channelBinding ?? 'auto' })
    : createBasicAuth({ username, password });
}

function traceOf(error: unknown): readonly AutodiscoverStep[] {
  if (error instanceof Error && 'trace' in error && Array.isArray(error.trace))
    return error.trace as AutodiscoverStep[];
  return [];
}

function traceLines(trace: readonly AutodiscoverStep[]): string[] {
  return trace.length === 0
    ? []
    : formatTrace(trace)
        .split('\n')
        .map((line) => line.trim());
}

function hostFrom(target: string): string {
  try {
    return new URL(target).host;
  } catch {
    return target;
  }
}
