import { protocolError } from '../errors.js';
import { type ScalarKind, scalarKind } from './kind.js';

/** A kind whose values are the given strings; the TypeScript type is their union. */
export interface EnumKind<T extends string> extends ScalarKind<T> {
  readonly choices: readonly T[];
}

/** Server text in an error, cut short: an error never carries unbounded text from an answer. */
function excerpt(value: string): string {
  return value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
}
const MAX_QUOTED = 64;

export function enumKind<const T extends string>(name: string, choices: readonly T[]): EnumKind<T> {
  const allowed: ReadonlySet<string> = new Set(choices);
  const accepts = (value: unknown): value is T => typeof value === 'string' && allowed.has(value);
  const base = scalarKind<T>({
    name: `enum:${name}`,
    accepts,
    toText: (value) => value,
    fromText(value, where) {
      const trimmed = value.trim();
      if (!accepts(trimmed)) throw protocolError(`${where}: '${excerpt(trimmed)}' is not a ${name} value`);
      return trimmed;
    },
  });
  return Object.freeze({ ...base, choices: Object.freeze([...choices]) });
}
