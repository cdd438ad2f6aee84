import { EwsInvalidArgumentError } from '@ews/core';
import { MAX_TIMER_MS } from './limits.js';

// Numeric options are checked once, where they are given: NaN (`Number(process.env.X)` with X
// unset), 0, negatives, fractions and Infinity are refused, never clamped or read as "none".

function describeValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value);
}

/**
 * A deadline in milliseconds: an integer from 1 to 2^31 − 1 (a longer timer fires at once in
 * Node). With `optOut`, `false` is accepted too and means "no such deadline".
 */
export function checkDeadline(name: string, value: unknown, optOut: boolean): void {
  if (value === undefined || (optOut && value === false)) return;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_TIMER_MS) return;
  const none = optOut ? ', or false for none' : '';
  throw new EwsInvalidArgumentError(
    `${name} must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}${none}; got ${describeValue(value)}`,
  );
}

/** A count or size: an integer from `min` to Number.MAX_SAFE_INTEGER. */
export function checkInteger(name: string, value: unknown, min: number): void {
  if (value === undefined) return;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return;
  throw new EwsInvalidArgumentError(
    `${name} must be an integer of at least ${min}; got ${describeValue(value)}`,
  );
}
