import { EwsInvalidArgumentError } from '../errors/error-classes.js';

/**
 * The value of an option given under its name or its deprecated spelling. Both given with
 * different values is refused: which one wins would be a guess.
 */
export function optionOrAlias<T>(
  name: string,
  value: T | undefined,
  alias: string,
  aliasValue: T | undefined,
): T | undefined {
  if (value !== undefined && aliasValue !== undefined && !Object.is(value, aliasValue)) {
    throw new EwsInvalidArgumentError(
      `give ${name} or ${alias} (its deprecated spelling), not both with different values`,
    );
  }
  return value ?? aliasValue;
}
