import { EwsInvalidArgumentError } from '../errors/error-classes.js';

/*
 * One way to check a numeric option, for every package. `Number(process.env.X)` with X unset is
 * NaN and with X empty is 0; a computed size can be negative or fractional. None of them may turn
 * into "do nothing", "loop forever" or "fire at once": each is refused with an
 * EwsInvalidArgumentError that names the option and the value.
 */

/**
 * The longest delay Node's timers honour (2^31 - 1 ms, about 24.8 days). A longer `setTimeout`
 * fires after 1 ms, so a duration option above it would end a call at once.
 */
export const MAX_TIMER_MS = 2_147_483_647;

export interface IntegerLimits {
  /** Smallest accepted value (default per check). */
  readonly min?: number | undefined;
  /** Largest accepted value (default: Number.MAX_SAFE_INTEGER). */
  readonly max?: number | undefined;
}

export interface DurationLimits {
  /** Largest accepted value in milliseconds (default MAX_TIMER_MS). */
  readonly max?: number | undefined;
}

/** A whole number from `limits.min` (default 1) to `limits.max`. */
export function positiveInteger(name: string, value: unknown, limits: IntegerLimits = {}): number {
  return integerInRange(name, value, limits.min ?? 1, limits.max ?? Number.MAX_SAFE_INTEGER);
}

/** A whole number from 0 to `limits.max` (an offset, a count that may be empty). */
export function nonNegativeInteger(name: string, value: unknown, limits: IntegerLimits = {}): number {
  return integerInRange(name, value, limits.min ?? 0, limits.max ?? Number.MAX_SAFE_INTEGER);
}

/** A whole number from `min` to `max`, both included (e.g. a schema's minInclusive/maxInclusive). */
export function integerInRange(name: string, value: unknown, min: number, max: number): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) {
    // -0 reads as 0 from here on.
    return value + 0;
  }
  const range = max >= Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
  throw new EwsInvalidArgumentError(`${name} must be a whole number ${range}, got ${describeValue(value)}`);
}

/** A finite number of milliseconds above 0, at most `limits.max` (default MAX_TIMER_MS). */
export function positiveDuration(name: string, value: unknown, limits: DurationLimits = {}): number {
  return durationInRange(name, value, false, limits.max ?? MAX_TIMER_MS);
}

/** A finite number of milliseconds, 0 included, at most `limits.max` (default MAX_TIMER_MS). */
export function nonNegativeDuration(name: string, value: unknown, limits: DurationLimits = {}): number {
  return durationInRange(name, value, true, limits.max ?? MAX_TIMER_MS);
}

function durationInRange(name: string, value: unknown, zeroAllowed: boolean, max: number): number {
  if (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (zeroAllowed ? value >= 0 : value > 0) &&
    value <= max
  ) {
    return value + 0;
  }
  const range = zeroAllowed ? `from 0 to ${max}` : `above 0 and at most ${max}`;
  throw new EwsInvalidArgumentError(
    `${name} must be a finite number of milliseconds ${range}, got ${describeValue(value)}`,
  );
}

/**
 * How a refused value is shown: numbers as they are (NaN, -1, 1.5, Infinity); anything else by
 * its type only, since a string put in the wrong option could be something secret.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return `a ${typeof value}`;
}
