import { EwsInvalidArgumentError } from '../errors/error-classes.js';

/** Control characters (C0 and DEL) would let a value split or corrupt an HTTP header. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export interface StringRule {
  /** Allow `''` (a password may be empty; a user name may not). */
  readonly allowEmpty?: boolean;
  /** Characters the value may not contain, with the reason (e.g. `:` in a Basic user name). */
  readonly forbidden?: readonly (readonly [char: string, reason: string])[];
}

/**
 * Checks one credential field eagerly. The message names the field, never its value:
 * the value may be a password or token.
 */
export function requireCredentialString(value: unknown, field: string, rule: StringRule = {}): string {
  if (typeof value !== 'string') {
    throw new EwsInvalidArgumentError(
      `${field} must be a string (got ${value === null ? 'null' : typeof value})`,
    );
  }
  if (value === '' && !rule.allowEmpty) throw new EwsInvalidArgumentError(`${field} must not be empty`);
  if (hasControlCharacter(value)) {
    throw new EwsInvalidArgumentError(`${field} must not contain control characters (CR, LF, NUL…)`);
  }
  for (const [char, reason] of rule.forbidden ?? []) {
    if (value.includes(char))
      throw new EwsInvalidArgumentError(`${field} must not contain '${char}': ${reason}`);
  }
  return value;
}

/** Checks that `options` is a plain object before its fields are read. */
export function requireOptionsObject(value: unknown, factory: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    throw new EwsInvalidArgumentError(`${factory}() needs an options object`);
  }
  return value as Record<string, unknown>;
}
