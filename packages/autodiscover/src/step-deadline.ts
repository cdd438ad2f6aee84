import { NO_DEADLINE, raceAbort } from '@ews/core';

/**
 * Runs one piece of a step (a POST, a body read, a DNS lookup, a cache or policy callback) so
 * that it ends when `signal` aborts, whether or not the work itself listens to the signal: an
 * injected resolver, cache store, policy callback or transport that ignores it cannot hold a
 * step, or the whole discovery, past its deadline. A synchronous throw becomes a rejection.
 */
export function untilAborted<T>(work: () => T | Promise<T>, signal: AbortSignal): Promise<T> {
  return raceAbort(new Promise<T>((resolve) => resolve(work())), signal);
}

/**
 * The signal of one step: the whole discovery's, plus the step's own deadline unless the
 * caller turned per-step deadlines off (`stepTimeoutMs: NO_DEADLINE`).
 */
export function stepSignal(call: AbortSignal, stepTimeoutMs: number | undefined): AbortSignal {
  return stepTimeoutMs === undefined ? call : AbortSignal.any([call, AbortSignal.timeout(stepTimeoutMs)]);
}

/** A checked deadline as AbortSignal.timeout takes it (whole milliseconds); undefined for NO_DEADLINE. */
export function timerMs(value: number): number | undefined {
  return value === NO_DEADLINE ? undefined : Math.ceil(value);
}
