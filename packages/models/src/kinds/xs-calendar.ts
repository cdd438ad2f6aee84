// The one reader of xs:dateTime and xs:date text, and the calendar arithmetic behind it. Every
// field is checked against its range before anything is computed, and instants are computed with
// integer arithmetic, not Date.UTC (which rolls 2024-02-30 over to March 1st, hour 25 to the next
// day and maps the years 0–99 to 1900–1999). What does not fit is undefined here, and the kinds
// turn that into EWS_PROTOCOL: never another date.

const DAY_MS = 86_400_000;

/** The instants EWS can carry: .NET's DateTime range, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. */
export const MIN_INSTANT_MS = -62_135_596_800_000;
export const MAX_INSTANT_MS = 253_402_300_799_999;

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in `month` (1–12) of `year` (proleptic Gregorian, as xs:date is). */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

/** Whether year (1–9999), month (1–12) and day exist together; all must be integers. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    year >= 1 &&
    year <= 9999 &&
    Number.isInteger(month) &&
    month >= 1 &&
    month <= 12 &&
    Number.isInteger(day) &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (any year, month 1–12);
 * Howard Hinnant's days_from_civil, exact for every year without Date's two-digit-year quirk.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Epoch milliseconds of a UTC date and time of day whose fields are already in range. */
export function utcMs(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

// xs:dateTime (whitespace collapsed): the year as four digits (EWS's 0001–9999), the fraction of
// any length, the zone optional.
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$/;
const DATE = /^(\d{4})-(\d\d)-(\d\d)(Z|[+-]\d\d:\d\d)?$/;

/** Minutes east of UTC for `Z`/`±hh:mm` (at most ±14:00); undefined when out of range, 0 when absent. */
function zoneMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z') return 0;
  const hours = (zone.charCodeAt(1) - 48) * 10 + (zone.charCodeAt(2) - 48);
  const minutes = (zone.charCodeAt(4) - 48) * 10 + (zone.charCodeAt(5) - 48);
  if (minutes > 59 || hours > 14 || (hours === 14 && minutes !== 0)) return undefined;
  const total = hours * 60 + minutes;
  return zone.charCodeAt(0) === 45 /* - */ ? -total : total;
}

const two = (text: string, at: number): number =>
  (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);

/** What `readDateTime` found: the fields as written, and the instant they denote. */
export interface DateTimeReading {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Whether the text names a zone (`Z` or an offset); without one it is read as UTC. */
  readonly zoned: boolean;
  /** Epoch milliseconds (the fraction cut to milliseconds, never rounded up into the next second). */
  readonly ms: number;
}

/**
 * Reads an xs:dateTime. Undefined when it is not one or a field is out of range: month 1–12, the
 * day within its month, hour 0–23 (24:00:00 is the end of the day, as XML Schema allows), minutes
 * 0–59, seconds 0–59, a zone within ±14:00, the instant within 0001–9999. A leap second
 * (`:60`) is accepted only where XML Schema 1.0 places one (23:59:60 UTC on the last day of
 * March, June, September or December) and read as 23:59:59.999, the last instant a Date has.
 */
export function readDateTime(text: string): DateTimeReading | undefined {
  const match = DATE_TIME.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  let second = two(text, 17);
  const fraction = match[7];
  const offset = zoneMinutes(match[8]);
  if (offset === undefined || !isCalendarDate(year, month, day) || minute > 59 || second > 60)
    return undefined;
  const fractionMs = fraction === undefined ? 0 : fractionToMs(fraction);
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || !/^0*$/.test(fraction ?? '')))) {
    return undefined;
  }
  let ms: number;
  if (second === 60) {
    // Where the leap second falls in UTC: only 23:59:60 on the last day of a quarter is one.
    const utcMinute = utcMs(year, month, day, hour, minute) - offset * 60_000;
    const dayStart = Math.floor(utcMinute / DAY_MS) * DAY_MS;
    if (utcMinute - dayStart !== DAY_MS - 60_000) return undefined;
    const tomorrow = new Date(dayStart + DAY_MS);
    if (tomorrow.getUTCDate() !== 1 || tomorrow.getUTCMonth() % 3 !== 0) return undefined;
    second = 59;
    ms = utcMinute + 59_999;
  } else {
    ms = utcMs(year, month, day, hour, minute, second, fractionMs) - offset * 60_000;
  }
  if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) return undefined;
  return { year, month, day, hour, minute, second, zoned: match[8] !== undefined, ms };
}

/** Reads an xs:date (its zone checked, then dropped: a date is no instant). Undefined when not one. */
export function readDate(
  text: string,
): { readonly year: number; readonly month: number; readonly day: number } | undefined {
  const match = DATE.exec(text);
  if (match === null || zoneMinutes(match[4]) === undefined) return undefined;
  const year = Number(match[1]);
  const month = two(text, 5);
  const day = two(text, 8);
  return isCalendarDate(year, month, day) ? { year, month, day } : undefined;
}

/** `.5` → 500, `.123456` → 123: the first three digits, cut, never rounded. */
function fractionToMs(digits: string): number {
  let ms = 0;
  for (let index = 0; index < 3; index += 1) {
    ms = ms * 10 + (index < digits.length ? digits.charCodeAt(index) - 48 : 0);
  }
  return ms;
}
