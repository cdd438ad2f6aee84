import { redactUrl } from '@ews/core';
import { discardBody } from './bounded-body.js';
import type { RunSettings } from './discovery-run.js';
import { resolveLocation } from './endpoint-step.js';
import { MAX_SRV_TARGETS } from './limits.js';
import { AUTODISCOVER_PATHS } from './protocol.js';
import { orderSrvRecords } from './srv.js';
import { stepSignal, untilAborted } from './step-deadline.js';
import type { AutodiscoverStep } from './trace.js';

/** What the hint steps need from the run they belong to. */
export interface StepContext {
  readonly settings: RunSettings;
  record(step: Omit<AutodiscoverStep, 'durationMs'>, started: number): void;
  /** Counts one redirect; throws when there were too many. */
  countRedirect(): void;
}

// Steps 3 and 4 do not ask an Autodiscover server: they only produce URLs to ask.

/** Step 3: an unauthenticated GET over http whose only use is its Location, followed only to https. */
export async function httpRedirectStep(
  run: StepContext,
  email: string,
  domain: string,
): Promise<URL | undefined> {
  const url = new URL(AUTODISCOVER_PATHS.pox, `http://autodiscover.${domain}`);
  const started = performance.now();
  const base = { source: 'http-redirect', email, action: 'GET', target: redactUrl(url) } as const;
  const step = stepSignal(run.settings.signal, run.settings.stepTimeoutMs);
  try {
    const response = await untilAborted(() => run.settings.http.get(url, step), step);
    // Only the status and the Location matter here; the body is never read.
    discardBody(response);
    const location = [301, 302, 303, 307, 308].includes(response.status)
      ? resolveLocation(response, url)
      : undefined;
    if (location === undefined) {
      run.record(
        { ...base, outcome: 'failed', status: response.status, detail: 'no redirect offered' },
        started,
      );
      return undefined;
    }
    if (location.protocol !== 'https:') {
      run.record(
        {
          ...base,
          outcome: 'failed',
          status: response.status,
          detail: `redirect to ${redactUrl(location)} ignored: not https`,
        },
        started,
      );
      return undefined;
    }
    run.record(
      {
        ...base,
        outcome: 'redirect',
        status: response.status,
        detail: `redirect to ${redactUrl(location)}`,
      },
      started,
    );
    run.countRedirect();
    return location;
  } catch (error) {
    if (run.settings.signal.aborted) throw error;
    const detail = step.aborted
      ? `no answer within ${run.settings.stepTimeoutMs} ms`
      : error instanceof Error
        ? error.message
        : String(error);
    run.record({ ...base, outcome: 'failed', detail }, started);
    return undefined;
  }
}

/** Step 4: `_autodiscover._tcp.<domain>` SRV records in RFC 2782 order, as https origins. */
export async function srvOrigins(run: StepContext, email: string, domain: string): Promise<string[]> {
  const name = `_autodiscover._tcp.${domain}`;
  const started = performance.now();
  const base = { source: 'dns-srv', email, action: 'SRV', target: name } as const;
  const step = stepSignal(run.settings.signal, run.settings.stepTimeoutMs);
  try {
    const ordered = orderSrvRecords(
      await untilAborted(() => run.settings.dns.resolveSrv(name, { signal: step }), step),
      run.settings.random,
    );
    if (ordered.length === 0) {
      run.record({ ...base, outcome: 'failed', detail: 'no usable SRV records' }, started);
      return [];
    }
    // Each target costs up to two steps: a long list is cut rather than tried to the end.
    const records = ordered.slice(0, MAX_SRV_TARGETS);
    const origins = records.map((r) =>
      r.port === 443 ? `https://${r.name}` : `https://${r.name}:${r.port}`,
    );
    const dropped =
      ordered.length > records.length
        ? ` (${ordered.length - records.length} more dropped: at most ${MAX_SRV_TARGETS} are tried)`
        : '';
    run.record(
      { ...base, outcome: 'redirect', detail: `targets in order: ${origins.join(', ')}${dropped}` },
      started,
    );
    return origins;
  } catch (error) {
    if (run.settings.signal.aborted) throw error;
    const detail = step.aborted
      ? `no answer within ${run.settings.stepTimeoutMs} ms`
      : `lookup failed: ${error instanceof Error ? error.message : String(error)}`;
    run.record({ ...base, outcome: 'failed', detail }, started);
    return [];
  }
}
