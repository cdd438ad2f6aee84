import { CliError } from './cli-error.js';

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A time given on the command line: ISO 8601 with `Z` or an offset is that instant; a date
 * (`2026-03-02`) or a wall time without offset (`2026-03-02T09:30`) is read in `zone`
 * (daylight saving included); `now` is now. Anything else is refused, never guessed.
 */
export function parseTime(
  text: string,
  zone: string,
  option: string,
  now: () => Date = () => new Date(),
): Date {
  if (text === 'now') return now();
  if (WITH_OFFSET.test(text)) {
    const date = new Date(text);
    if (!Number.isNaN(date.getTime())) return date;
  }
  const wall = WALL.exec(text);
  if (wall) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = wall;
    const fields = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
    const utc = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
    const check = new Date(utc);
    if (
      check.getUTCMonth() === fields[1] - 1 &&
      check.getUTCDate() === fields[2] &&
      fields[3] < 24 &&
      fields[4] < 60
    ) {
      return wallTimeToInstant(utc, zone);
    }
  }
  throw new CliError(
    'INVALID_TIME',
    `${option} ${text.slice(0, 40)}: use 2026-03-02, 2026-03-02T09:30 (in ${zone}), 2026-03-02T09:30:00Z, an offset such as +01:00, or now`,
  );
}

/** Minutes: `45`, `45m`, `1h`, `1h30m`. Between 1 minute and 14 days. */
export function parseDuration(text: string, option: string): number {
  const match = /^(?:(\d{1,3})h)?(?:(\d{1,5})m?)?$/.exec(text);
  const minutes =
    match && (match[1] || match[2]) ? Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0) : Number.NaN;
  if (!(minutes >= 1 && minutes <= 14 * 24 * 60)) {
    throw new CliError(
      'INVALID_DURATION',
      `${option} ${text.slice(0, 20)}: minutes (45), or 1h, 1h30m; at most 14 days`,
    );
  }
  return minutes;
}

/** The zone's offset from UTC at `instant`, in milliseconds. */
export function zoneOffsetMs(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

function wallTimeToInstant(wallAsUtc: number, zone: string): Date {
  // Two rounds settle a guess made on the wrong side of a daylight-saving change.
  let instant = wallAsUtc - zoneOffsetMs(wallAsUtc, zone);
  instant = wallAsUtc - zoneOffsetMs(instant, zone);
  return new Date(instant);
}

/** `2026-03-02 09:30` in `zone`: what a person reads; JSON keeps ISO instants. */
export function formatInZone(date: Date, zone: string): string {
  const local = new Date(date.getTime() + zoneOffsetMs(date.getTime(), zone));
  return local.toISOString().slice(0, 16).replace('T', ' ');
}
