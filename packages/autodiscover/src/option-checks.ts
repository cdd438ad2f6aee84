import { EwsInvalidArgumentError } from '@ews/core';
import { MAX_TIMER_MS } from './limits.js';

// Numeric options are checked once, where they are given: NaN (`Number(process.env.X)` with X
// unset), 0, negatives and non-numbers are refused, never clamped or read as "none". The same
// rules as @ews/core's numeric options.

/** Infinity, core's NO_DEADLINE: the one value that turns a deadline off. */
export const NO_DEADLINE: number = Number.POSITIVE_INFINITY;

function describeValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value);
}

/**
 * A deadline in milliseconds: above 0 and at most 2^31 − 1 (a longer Node timer fires at once),
 * or NO_DEADLINE (Infinity) for none.
 */
export function checkDeadline(name: string, value: unknown): void {
  if (value === undefined || value === NO_DEADLINE) return;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= MAX_TIMER_MS) return;
  throw new EwsInvalidArgumentError(
    `${name} must be a number of milliseconds above 0 and at most ${MAX_TIMER_MS}, or NO_DEADLINE (Infinity) for no deadline; got ${describeValue(value)}`,
  );
}

/** A deadline as AbortSignal.timeout takes it (whole milliseconds); undefined for NO_DEADLINE. */
export function timerMs(value: number): number | undefined {
  return value === NO_DEADLINE ? undefined : Math.ceil(value);
}

/** A count or size: an integer from `min` to Number.MAX_SAFE_INTEGER. */
export function checkInteger(name: string, value: unknown, min: number): void {
  if (value === undefined) return;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return;
  throw new EwsInvalidArgumentError(
    `${name} must be an integer of at least ${min}; got ${describeValue(value)}`,
  );
}
