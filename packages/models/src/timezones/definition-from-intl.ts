import { invalidArgument } from '../errors.js';
import { type Duration, duration } from '../kinds/duration.js';
import { type DayOfWeek, WEEKDAYS } from '../recurrence/weekdays.js';
import { intlOffsets, type OffsetAt, type OffsetChange, offsetChanges } from './intl-offsets.js';
import type { TemporalZonedDateTimeLike } from './temporal-input.js';
import type { Period, TimeZoneDefinition, Transition, TransitionsGroup } from './time-zone-definition.js';
import { ianaZoneForWindows, windowsZoneForIana } from './windows-zones.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface TimeZoneDefinitionOptions {
  /** First year the rules must be exact for (earlier years use the first year's rules). Default: last year. */
  readonly fromYear?: number;
  /** Last year the rules must be exact for (later years repeat its rules). Default: fromYear + 20. */
  readonly toYear?: number;
}

/** One yearly switch, as local wall-clock time in the offset it leaves. */
interface Rule {
  readonly month: number;
  readonly day: number;
  readonly dayOfWeek: DayOfWeek;
  /** Which `dayOfWeek` of the month it falls on, every reading that fits (1–4, -1 = last). */
  readonly occurrences: readonly number[];
  readonly minutes: number;
  readonly to: number;
}
/** A year's rules: `start` is the offset at local Jan 1 00:00; `janFirst` when Windows' wrap-around is wrong. */
interface YearRules {
  readonly year: number;
  readonly start: number;
  readonly janFirst: boolean;
  readonly rules: readonly Rule[];
}

function localJanFirstMs(offsetAt: OffsetAt, year: number): number {
  const local = Date.UTC(year, 0, 1);
  const guess = local - offsetAt(local) * MINUTE_MS;
  return local - offsetAt(guess) * MINUTE_MS;
}

function ruleFor(change: OffsetChange): Rule {
  const local = new Date(change.epochMs + change.before * MINUTE_MS);
  const day = local.getUTCDate();
  const month = local.getUTCMonth() + 1;
  const daysInMonth = new Date(Date.UTC(local.getUTCFullYear(), month, 0)).getUTCDate();
  const nth = Math.ceil(day / 7);
  const occurrences = [...(nth <= 4 ? [nth] : []), ...(day + 7 > daysInMonth ? [-1] : [])];
  return {
    month,
    day,
    dayOfWeek: WEEKDAYS[local.getUTCDay()] as DayOfWeek,
    occurrences,
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
    to: change.after,
  };
}

function yearRules(offsetAt: OffsetAt, year: number): YearRules {
  const from = localJanFirstMs(offsetAt, year);
  const rules = offsetChanges(offsetAt, from, localJanFirstMs(offsetAt, year + 1)).map(ruleFor);
  const start = offsetAt(from);
  const last = rules.at(-1);
  return { year, start, janFirst: last !== undefined && last.to !== start, rules };
}

/** Two years can share a group when every switch matches and some occurrence reading fits both. */
function merge(a: YearRules, b: YearRules): YearRules | undefined {
  if (a.start !== b.start || a.janFirst !== b.janFirst || a.rules.length !== b.rules.length) return undefined;
  const rules: Rule[] = [];
  for (const [i, x] of a.rules.entries()) {
    const y = b.rules[i];
    if (y === undefined || x.month !== y.month || x.dayOfWeek !== y.dayOfWeek) return undefined;
    if (x.minutes !== y.minutes || x.to !== y.to) return undefined;
    const occurrences = x.occurrences.filter((n) => y.occurrences.includes(n));
    if (occurrences.length === 0) return undefined;
    rules.push({ ...x, occurrences });
  }
  return { ...a, rules };
}

/** Minutes east of UTC → a Period bias (minutes to add to local time to get UTC). */
export function biasForOffset(offsetMinutes: number): Duration {
  const abs = Math.abs(offsetMinutes);
  return duration({ negative: offsetMinutes > 0, hours: Math.floor(abs / 60), minutes: abs % 60 });
}

const clockOffset = (minutes: number): Duration =>
  duration({ hours: Math.floor(minutes / 60), minutes: minutes % 60 });

function groupFor(
  windowsId: string,
  index: number,
  run: YearRules,
): { group: TransitionsGroup; periods: Period[] } {
  const offsets = [...new Set([run.start, ...run.rules.map((r) => r.to)])].sort((x, y) => x - y);
  const names = offsets.map((_, i) =>
    i === 0 ? 'Standard' : offsets.length === 2 ? 'Daylight' : `Daylight${i}`,
  );
  const periodId = (offset: number) =>
    `trule:Microsoft/Registry/${windowsId}/${run.year}-${names[offsets.indexOf(offset)]}`;
  const periods = offsets.map((offset, i) => ({
    bias: biasForOffset(offset),
    name: names[i] as string,
    id: periodId(offset),
  }));
  const to = (offset: number) => ({ kind: 'Period' as const, id: periodId(offset) });
  let transitions: Transition[];
  if (run.rules.length === 0) {
    transitions = [{ type: 'Transition', to: to(run.start) }];
  } else {
    transitions = run.rules.map((rule) => ({
      type: 'RecurringDay',
      to: to(rule.to),
      timeOffset: clockOffset(rule.minutes),
      month: rule.month,
      dayOfWeek: rule.dayOfWeek,
      occurrence: rule.occurrences[0] as number,
    }));
    if (run.janFirst) {
      transitions.unshift({
        type: 'RecurringDate',
        to: to(run.start),
        timeOffset: clockOffset(0),
        month: 1,
        day: 1,
      });
    }
  }
  return { group: { id: String(index), transitions }, periods };
}

/** Builds the definition from an offset source (the runtime's Intl data, or a test's). */
export function definitionFromOffsets(
  windowsId: string,
  offsetAt: OffsetAt,
  fromYear: number,
  toYear: number,
): TimeZoneDefinition {
  if (
    !Number.isInteger(fromYear) ||
    !Number.isInteger(toYear) ||
    toYear < fromYear ||
    toYear - fromYear > 200
  )
    throw invalidArgument(
      'timeZoneDefinition: fromYear/toYear must be whole years, in order, at most 200 apart',
    );
  const runs: YearRules[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    const rules = yearRules(offsetAt, year);
    const previous = runs.at(-1);
    const merged = previous === undefined ? undefined : merge(previous, rules);
    if (merged === undefined) runs.push(rules);
    else runs[runs.length - 1] = merged;
  }
  const periods: Period[] = [];
  const transitionsGroups: TransitionsGroup[] = [];
  const transitions: Transition[] = [];
  for (const [index, run] of runs.entries()) {
    const built = groupFor(windowsId, index, run);
    periods.push(...built.periods);
    transitionsGroups.push(built.group);
    const target = { kind: 'Group' as const, id: String(index) };
    transitions.push(
      index === 0
        ? { type: 'Transition', to: target }
        : {
            type: 'AbsoluteDate',
            to: target,
            dateTime: `${String(run.year).padStart(4, '0')}-01-01T00:00:00`,
          },
    );
  }
  return { id: windowsId, periods, transitionsGroups, transitions };
}

/**
 * The TimeZoneDefinition Exchange expects in CalendarItem.StartTimeZone/EndTimeZone for a Windows
 * zone id (an IANA id or a Temporal.ZonedDateTime's zone is mapped first), built from the runtime's IANA data: one transitions group
 * per run of years with the same rules, switched at each run's first local New Year.
 */
export function timeZoneDefinitionFor(
  zoneOrZoned: string | Pick<TemporalZonedDateTimeLike, 'timeZoneId'>,
  options: TimeZoneDefinitionOptions = {},
): TimeZoneDefinition {
  // A Temporal.ZonedDateTime (or anything with its timeZoneId) names its IANA zone.
  const zone = typeof zoneOrZoned === 'string' ? zoneOrZoned : zoneOrZoned?.timeZoneId;
  if (typeof zone !== 'string')
    throw invalidArgument('timeZoneDefinition: expected a zone id or a ZonedDateTime');
  // Windows ids never contain '/'; `UTC` is both a Windows and an IANA id.
  const isWindowsId =
    (!zone.includes('/') || zone.startsWith('tzone://')) && ianaZoneForWindows(zone) !== undefined;
  const windowsId = isWindowsId ? zone : windowsZoneForIana(zone);
  const iana = windowsId === undefined ? undefined : ianaZoneForWindows(windowsId);
  if (windowsId === undefined || iana === undefined)
    throw invalidArgument(`timeZoneDefinition: '${zone}' is neither a Windows nor a known IANA zone`);
  const fromYear = options.fromYear ?? new Date(Date.now() - 366 * DAY_MS).getUTCFullYear();
  return definitionFromOffsets(windowsId, intlOffsets(iana), fromYear, options.toYear ?? fromYear + 20);
}
