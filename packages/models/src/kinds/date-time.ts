import { protocolError } from '../errors.js';
import { scalarKind } from './kind.js';

// xs:dateTime: the fraction may have any number of digits; the zone is optional.
const DATE_TIME = /^(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$/;

/** Minutes east of UTC for `Z`, `+hh:mm`, `-hh:mm`; a missing zone is read as UTC. */
function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/** Parses an xs:dateTime to epoch milliseconds, or NaN when it is not one. */
export function parseDateTimeMs(value: string): number {
  const match = DATE_TIME.exec(value.trim());
  if (match === null) return Number.NaN;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    ms,
  );
  // Date.UTC maps years 0–99 to 1900–1999; no EWS value lives there, so that quirk is harmless.
  return utc - offsetMinutes(zone) * 60_000;
}

/** UTC with a `Z`, milliseconds only when non-zero: `2024-03-01T08:00:00Z`. */
export function formatDateTime(value: Date): string {
  const iso = value.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/**
 * xs:dateTime ⇄ Date. Values with an offset are converted to the instant they denote;
 * a value without a zone is read as UTC. Always written in UTC.
 */
export const dateTime = scalarKind<Date>({
  name: 'dateTime',
  accepts: (value): value is Date => value instanceof Date && !Number.isNaN(value.getTime()),
  toText: formatDateTime,
  fromText(value, where) {
    const ms = parseDateTimeMs(value);
    if (Number.isNaN(ms)) throw protocolError(`${where}: expected an xs:dateTime`);
    return new Date(ms);
  },
});
