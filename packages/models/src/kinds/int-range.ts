import { protocolError } from '../errors.js';
import { type ScalarKind, scalarKind } from './kind.js';
import { int } from './scalar-kinds.js';

/**
 * An xs:int whose meaning has a range (a month, a day of the month): read, a value outside it is
 * EWS_PROTOCOL rather than a date rolled into the next month; written, it is refused.
 */
export function intInRange(
  name: string,
  allowed: (value: number) => boolean,
  range: string,
): ScalarKind<number> {
  return scalarKind<number>({
    name,
    accepts: (value): value is number => int.accepts(value) && allowed(value),
    toText: int.toText,
    fromText(value, where) {
      const parsed = int.fromText(value, where);
      if (!allowed(parsed)) throw protocolError(`${where}: expected ${range}, got ${parsed}`);
      return parsed;
    },
  });
}

/** A month, 1–12. */
export const monthNumber = intInRange('month', (m) => m >= 1 && m <= 12, 'a month from 1 to 12');

/** A day of a month, 1–31 (a rule for a day some months lack ends on their last day). */
export const dayOfMonthNumber = intInRange(
  'dayOfMonth',
  (d) => d >= 1 && d <= 31,
  'a day of the month from 1 to 31',
);

/** Which weekday of the month: 1–4, 5 (Windows' "last") or -1 (the last). */
export const weekdayOccurrence = intInRange(
  'weekdayOccurrence',
  (n) => n === -1 || (n >= 1 && n <= 5),
  'an occurrence from 1 to 5 or -1',
);
