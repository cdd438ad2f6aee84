import { invalidArgument } from '../errors.js';
import { PlainDate } from '../kinds/plain-date.js';
import { requireWindowsZone } from './windows-zones.js';

/** What we read from a Temporal.Instant (or a polyfill's): its epoch milliseconds. */
export interface TemporalInstantLike {
  readonly epochMilliseconds: number;
}
/** What we read from a Temporal.ZonedDateTime: its instant and its IANA zone id. */
export interface TemporalZonedDateTimeLike extends TemporalInstantLike {
  readonly timeZoneId: string;
}
/** What we read from a Temporal.PlainDate in the ISO calendar. */
export interface TemporalPlainDateLike {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly calendarId: string;
}

type TemporalNamespace = Readonly<Record<string, unknown>>;

/** The runtime's Temporal namespace, when it has one (Node 20 does not). */
function runtimeTemporal(): TemporalNamespace | undefined {
  const temporal = (globalThis as { Temporal?: unknown }).Temporal;
  return typeof temporal === 'object' && temporal !== null ? (temporal as TemporalNamespace) : undefined;
}

function isInstance(value: object, className: string): boolean {
  const temporalClass = runtimeTemporal()?.[className];
  return typeof temporalClass === 'function' && value instanceof temporalClass;
}

function isInstantLike(value: unknown): value is TemporalInstantLike {
  if (typeof value !== 'object' || value === null) return false;
  if (isInstance(value, 'Instant') || isInstance(value, 'ZonedDateTime')) return true;
  // A polyfill's objects (or the runtime's under another realm): go by shape.
  return Number.isFinite((value as Partial<TemporalInstantLike>).epochMilliseconds);
}

/** A `Date` for a Date, Temporal.Instant or Temporal.ZonedDateTime (what dateTime fields take). */
export function instantFrom(value: Date | TemporalInstantLike): Date {
  if (value instanceof Date) return value;
  if (!isInstantLike(value)) throw invalidArgument('instantFrom: expected a Date or a Temporal instant');
  return new Date(value.epochMilliseconds);
}

/** A PlainDate for a PlainDate or an ISO-calendar Temporal.PlainDate (what date fields take). */
export function plainDateFrom(value: PlainDate | TemporalPlainDateLike): PlainDate {
  if (value instanceof PlainDate) return value;
  const candidate = value as Partial<TemporalPlainDateLike> | null;
  if (typeof candidate !== 'object' || candidate === null || candidate.calendarId !== 'iso8601')
    throw invalidArgument('plainDateFrom: expected a PlainDate or an ISO-calendar Temporal.PlainDate');
  return PlainDate.of(
    candidate.year ?? Number.NaN,
    candidate.month ?? Number.NaN,
    candidate.day ?? Number.NaN,
  );
}

/** The Windows zone id for an IANA id or a Temporal.ZonedDateTime's zone. */
export function windowsZoneFrom(value: string | Pick<TemporalZonedDateTimeLike, 'timeZoneId'>): string {
  if (typeof value === 'string') return requireWindowsZone(value);
  if (typeof value !== 'object' || value === null || typeof value.timeZoneId !== 'string')
    throw invalidArgument('windowsZoneFrom: expected an IANA zone id or a Temporal.ZonedDateTime');
  return requireWindowsZone(value.timeZoneId);
}
