import { protocolError } from '../errors.js';
import { scalarKind } from './kind.js';
import { MAX_INSTANT_MS, MIN_INSTANT_MS, readDateTime } from './xs-calendar.js';

/**
 * Parses an xs:dateTime to epoch milliseconds, or NaN when it is not one or any field is out of
 * range (see `readDateTime`): never another instant.
 */
export function parseDateTimeMs(value: string): number {
  return readDateTime(value.trim())?.ms ?? Number.NaN;
}

/** UTC with a `Z`, milliseconds only when non-zero: `2024-03-01T08:00:00Z`. */
export function formatDateTime(value: Date): string {
  const iso = value.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** A Date EWS can carry: valid, and within the years 0001–9999 in UTC. */
function isWritableDate(value: unknown): value is Date {
  if (!(value instanceof Date)) return false;
  const ms = value.getTime();
  return ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS;
}

/**
 * xs:dateTime ⇄ Date. Values with an offset are converted to the instant they denote;
 * a value without a zone is read as UTC. Always written in UTC. A value with a field out of
 * range (2024-02-30, hour 25, a zone past ±14:00) is refused with EWS_PROTOCOL, never read as
 * another date; years 0001–0099 stay what they are.
 */
export const dateTime = scalarKind<Date>({
  name: 'dateTime',
  accepts: isWritableDate,
  toText: formatDateTime,
  fromText(value, where) {
    const ms = parseDateTimeMs(value);
    if (Number.isNaN(ms)) throw protocolError(`${where}: expected an xs:dateTime with every field in range`);
    return new Date(ms);
  },
});
