import { EwsInvalidArgumentError } from '../errors/error-classes.js';
import type { RetryPolicy } from '../retry/retry-policy-options.js';
import { describeValue, MAX_TIMER_MS } from './numeric-options.js';

/**
 * The deadline of a call when nobody gave one: 120 s, exchangelib's default HTTP timeout and
 * undici's headers timeout, so a server that stops answering (or answers one byte at a time)
 * ends the call instead of holding it forever.
 */
export const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * `timeoutMs: NO_DEADLINE` turns the deadline off. It is Infinity, the one value that means
 * "no deadline": 0, NaN and negative values are refused, so `Number(process.env.X)` with X
 * empty or unset cannot switch the deadline off by accident.
 */
export const NO_DEADLINE: number = Number.POSITIVE_INFINITY;

/** A deadline option: milliseconds above 0 (at most MAX_TIMER_MS), or NO_DEADLINE. */
export function deadlineMs(name: string, value: unknown): number {
  if (value === NO_DEADLINE) return NO_DEADLINE;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= MAX_TIMER_MS) return value;
  throw new EwsInvalidArgumentError(
    `${name} must be a number of milliseconds above 0 and at most ${MAX_TIMER_MS}, or NO_DEADLINE (Infinity) ` +
      `for no deadline; got ${describeValue(value)}`,
  );
}

/**
 * A client's deadline per call: the one it was given, else DEFAULT_TIMEOUT_MS plus the back-off
 * the retry policy may spend (`maxTotalWaitMs`), so a fault-tolerant client keeps its whole
 * waiting budget and still gives the server DEFAULT_TIMEOUT_MS to answer.
 */
export function clientDeadlineMs(timeoutMs: unknown, retry: RetryPolicy | undefined): number {
  if (timeoutMs !== undefined) return deadlineMs('timeoutMs', timeoutMs);
  const waiting = retry?.kind === 'fault-tolerant' ? retry.maxTotalWaitMs : 0;
  return Math.min(DEFAULT_TIMEOUT_MS + waiting, MAX_TIMER_MS);
}
