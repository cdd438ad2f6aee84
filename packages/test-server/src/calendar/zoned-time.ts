import { serverTimeZone } from './time-zone-table.js';

// Windows time zone ids (what EWS clients send) resolve through the server's zone table to the IANA
// zone whose rules they follow (what Intl knows).

// Formatters by IANA zone. Module-level on purpose: the entries are immutable, only zones Intl accepts
// are kept, and the map never holds more than MAX_CACHED_ZONES (IANA has about 600 zones; beyond the
// cap, e.g. with oddly-cased ids, formatters are built per use). Building one costs ~150 µs, and every
// recurrence expansion needs one, so rebuilding them per query dominated CalendarView and FreeBusy.
const MAX_CACHED_ZONES = 1_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter giving the wall-clock parts of an instant in `zone`; throws RangeError for unknown zones. */
function zoneFormatter(zone: string): Intl.DateTimeFormat {
  const cached = formatters.get(zone);
  if (cached !== undefined) return cached;
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  if (formatters.size < MAX_CACHED_ZONES) formatters.set(zone, format);
  return format;
}

/** The IANA zone for a Windows or IANA id; undefined for UTC and unknown ids. */
export function ianaZone(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const zone = serverTimeZone(id)?.iana ?? (id.includes('/') ? id : undefined);
  if (zone === undefined || zone === 'UTC' || zone === 'Etc/UTC') return undefined;
  try {
    zoneFormatter(zone);
    return zone;
  } catch {
    return undefined;
  }
}

/**
 * Converts between UTC instants and wall-clock time in one zone. Wall-clock times are written as
 * "local milliseconds": the UTC epoch value the same wall-clock reading would have in UTC.
 */
export class ZonedClock {
  private readonly format: Intl.DateTimeFormat | undefined;

  constructor(zone: string | undefined) {
    this.format = zone === undefined ? undefined : zoneFormatter(zone);
  }

  /** The wall-clock reading of a UTC instant. */
  toLocal(utcMs: number): number {
    if (this.format === undefined) return utcMs;
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(new Date(utcMs))) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    return wall + (utcMs % 1000);
  }

  /** The UTC instant of a wall-clock reading (in a spring-forward gap: shifted by the gap, as Exchange does). */
  toUtc(localMs: number): number {
    if (this.format === undefined) return localMs;
    const firstGuess = localMs - (this.toLocal(localMs) - localMs);
    return localMs - (this.toLocal(firstGuess) - firstGuess);
  }
}
