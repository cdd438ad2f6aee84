import { EwsInvalidArgumentError } from '../../errors/error-classes.js';

/** Returns `value` when it is a string with a non-space character; the message names only `what`. */
export function nonBlank(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new EwsInvalidArgumentError(`${what} must be a non-empty string`);
  }
  return value;
}
