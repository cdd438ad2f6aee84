import { invalidArgument, protocolError } from '../errors.js';
import { scalarKind } from './kind.js';

const XS_DURATION =
  /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** An xs:duration, kept in its parts (a month has no fixed length, so it is not milliseconds). */
export interface Duration {
  readonly negative: boolean;
  readonly years: number;
  readonly months: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  /** May have a fraction. */
  readonly seconds: number;
}

const PARTS = ['years', 'months', 'days', 'hours', 'minutes', 'seconds'] as const;

export function isDuration(value: unknown): value is Duration {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.negative === 'boolean' &&
    PARTS.every((part) => {
      const n = candidate[part];
      return (
        typeof n === 'number' && Number.isFinite(n) && n >= 0 && (part === 'seconds' || Number.isInteger(n))
      );
    })
  );
}

/** Builds a Duration from the parts given (the rest are 0). */
export function duration(parts: Partial<Duration>): Duration {
  const value: Duration = Object.freeze({
    negative: parts.negative ?? false,
    years: parts.years ?? 0,
    months: parts.months ?? 0,
    days: parts.days ?? 0,
    hours: parts.hours ?? 0,
    minutes: parts.minutes ?? 0,
    seconds: parts.seconds ?? 0,
  });
  if (!isDuration(value))
    throw invalidArgument('duration: parts must be non-negative (whole except seconds)');
  return value;
}

/** `P1DT2H30M`, or `PT0S` for an empty duration. */
export function formatDuration(value: Duration): string {
  const date = `${value.years ? `${value.years}Y` : ''}${value.months ? `${value.months}M` : ''}${value.days ? `${value.days}D` : ''}`;
  const time = `${value.hours ? `${value.hours}H` : ''}${value.minutes ? `${value.minutes}M` : ''}${value.seconds ? `${value.seconds}S` : ''}`;
  if (date === '' && time === '') return 'PT0S';
  return `${value.negative ? '-' : ''}P${date}${time === '' ? '' : `T${time}`}`;
}

/**
 * Parses an xs:duration; undefined when the text is not one, or when a part is too large to be
 * held exactly (more than 2^53 − 1, which no EWS duration comes near): never another duration.
 */
export function parseDuration(text: string): Duration | undefined {
  const trimmed = text.trim();
  const match = XS_DURATION.exec(trimmed);
  // `P` alone and a `T` with nothing after it are not valid durations.
  if (match === null || /^-?P$|T$/.test(trimmed)) return undefined;
  const parts = [match[2], match[3], match[4], match[5], match[6]].map((group) =>
    group === undefined ? 0 : Number(group),
  );
  if (!parts.every(Number.isSafeInteger)) return undefined;
  const seconds = match[7] === undefined ? 0 : Number(match[7]);
  // The whole seconds must be exact too; a fraction of any length is kept as a JS number can.
  if (!Number.isSafeInteger(Math.trunc(seconds))) return undefined;
  const [years = 0, months = 0, days = 0, hours = 0, minutes = 0] = parts;
  return duration({ negative: match[1] === '-', years, months, days, hours, minutes, seconds });
}

export const durationKind = scalarKind<Duration>({
  name: 'duration',
  accepts: isDuration,
  toText: formatDuration,
  fromText(value, where) {
    const parsed = parseDuration(value);
    if (parsed === undefined) throw protocolError(`${where}: expected an xs:duration`);
    return parsed;
  },
});
