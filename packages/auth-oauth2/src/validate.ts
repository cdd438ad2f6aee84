import { EwsInvalidArgumentError } from '@ews/core';

/** A required, non-empty string option; the message names the option, never its value. */
export function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new EwsInvalidArgumentError(`${name} must be a non-empty string`);
  }
  return value;
}

export function optionalString(value: unknown, name: string): string | undefined {
  return value === undefined ? undefined : requireString(value, name);
}

export function requireObject<T extends object>(value: T | undefined, owner: string): T {
  if (typeof value !== 'object' || value === null) {
    throw new EwsInvalidArgumentError(`${owner} needs an options object`);
  }
  return value;
}
