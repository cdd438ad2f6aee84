import { EwsInvalidArgumentError } from '../errors/error-classes.js';
import { nonNegativeDuration, positiveInteger } from '../options/numeric-options.js';

/**
 * How a client reacts to throttling and transient failures, as plain data (like
 * exchangelib's `FailFast` / `FaultTolerance`). Build one with `failFast()` or
 * `faultTolerant()`; the retry policy reads it.
 */
export type RetryPolicy = FailFastRetry | FaultTolerantRetry;

/** Never wait: a throttled answer surfaces at once as an `EwsThrottledError`. */
export interface FailFastRetry {
  readonly kind: 'fail-fast';
}

/** Keep retrying throttled and transient failures while the total wait stays within budget. */
export interface FaultTolerantRetry {
  readonly kind: 'fault-tolerant';
  /** Upper bound of all back-off sleeps of one call, in milliseconds. */
  readonly maxTotalWaitMs: number;
  /** Upper bound of attempts, the first one included (default 100). */
  readonly maxAttempts: number;
  /** The first back-off window of the exponential schedule, in milliseconds. */
  readonly baseDelayMs: number;
  /** The largest back-off window our own schedule picks (a server's request may be longer). */
  readonly maxDelayMs: number;
}

export interface FaultTolerantOptions {
  readonly maxTotalWaitMs: number;
  readonly maxAttempts?: number | undefined;
  readonly baseDelayMs?: number | undefined;
  readonly maxDelayMs?: number | undefined;
}

/**
 * Defaults of `faultTolerant()`: a 1 s first window growing to at most a minute.
 * `maxTotalWaitMs` is the real bound; the attempt cap is a safety net, because full
 * jitter may pick very short sleeps and nothing should hammer a struggling server.
 */
export const FAULT_TOLERANT_DEFAULTS = Object.freeze({
  maxAttempts: 100,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
});

const FAIL_FAST: FailFastRetry = Object.freeze({ kind: 'fail-fast' });

/** The default: no retries, no waiting. */
export function failFast(): RetryPolicy {
  return FAIL_FAST;
}

/**
 * Retry throttled and transient failures with exponential back-off and full jitter,
 * never sooner than the server asked, until the next sleep would push the total wait
 * past `maxTotalWaitMs` (or `maxAttempts` is reached).
 */
export function faultTolerant(options: FaultTolerantOptions): RetryPolicy {
  const maxTotalWaitMs = nonNegativeDuration('faultTolerant: maxTotalWaitMs', options.maxTotalWaitMs);
  // Only maxAttempts may be unbounded: maxTotalWaitMs still ends the call.
  const attempts = options.maxAttempts ?? FAULT_TOLERANT_DEFAULTS.maxAttempts;
  const maxAttempts =
    attempts === Number.POSITIVE_INFINITY
      ? attempts
      : positiveInteger('faultTolerant: maxAttempts', attempts);
  const baseDelayMs = nonNegativeDuration(
    'faultTolerant: baseDelayMs',
    options.baseDelayMs ?? FAULT_TOLERANT_DEFAULTS.baseDelayMs,
  );
  const maxDelayMs = nonNegativeDuration(
    'faultTolerant: maxDelayMs',
    options.maxDelayMs ?? FAULT_TOLERANT_DEFAULTS.maxDelayMs,
  );
  if (maxDelayMs < baseDelayMs) {
    throw new EwsInvalidArgumentError('faultTolerant: maxDelayMs must not be smaller than baseDelayMs');
  }
  return Object.freeze({ kind: 'fault-tolerant', maxTotalWaitMs, maxAttempts, baseDelayMs, maxDelayMs });
}
