import { invalidArgument } from '../errors.js';
import type { Duration } from '../kinds/duration.js';
import { daysFromCivil, daysInMonth, utcMs } from '../kinds/xs-calendar.js';
import { WEEKDAYS } from '../recurrence/weekdays.js';
import type { TimeZoneDefinition, Transition } from './time-zone-definition.js';

const MINUTE_MS = 60_000;

function durationMinutes(value: Duration): number {
  const minutes = value.days * 1440 + value.hours * 60 + value.minutes + value.seconds / 60;
  return value.negative ? -minutes : minutes;
}

/** A group (or a lone period) of the definition and the local New Year it takes over from. */
interface Stage {
  readonly fromLocal: string;
  readonly transitions: readonly Transition[];
}

interface Compiled {
  readonly offsets: ReadonlyMap<string, number>;
  readonly stages: readonly Stage[];
}

function compile(definition: TimeZoneDefinition): Compiled {
  const offsets = new Map<string, number>();
  for (const period of definition.periods ?? []) {
    if (period.id === undefined || period.bias === undefined) continue;
    // 0 - x, not -x: a zero bias must give +0 (UTC), not -0.
    offsets.set(period.id, 0 - durationMinutes(period.bias));
  }
  const groups = new Map((definition.transitionsGroups ?? []).map((g) => [g.id, g.transitions]));
  const stages: Stage[] = [];
  for (const transition of definition.transitions ?? []) {
    const { to } = transition;
    const transitions: readonly Transition[] | undefined =
      to.kind === 'Group' ? groups.get(to.id) : [{ type: 'Transition', to }];
    if (transitions === undefined) throw invalidArgument(`time zone definition: no group '${to.id}'`);
    const fromLocal = transition.type === 'AbsoluteDate' ? transition.dateTime : '';
    stages.push({ fromLocal, transitions });
  }
  if (stages.length === 0) throw invalidArgument('time zone definition: no transitions');
  return { offsets, stages };
}

function periodOffset(compiled: Compiled, transition: Transition): number {
  const offset = compiled.offsets.get(transition.to.id);
  if (transition.to.kind !== 'Period' || offset === undefined)
    throw invalidArgument(`time zone definition: no period '${transition.to.id}'`);
  return offset;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekdayOf(year: number, month: number, day: number): number {
  return (((daysFromCivil(year, month, day) + 4) % 7) + 7) % 7;
}

/**
 * The local wall-clock time (as UTC ms) of a yearly transition in `year`, or undefined for a plain
 * one. Computed from the calendar, never by letting Date.UTC roll a day past its month: a fixed day
 * the month lacks (29 February in a common year) is the month's last day.
 */
function localMs(transition: Transition, year: number): number | undefined {
  if (transition.type === 'RecurringDate') {
    const day = Math.min(transition.day, daysInMonth(year, transition.month));
    return utcMs(year, transition.month, day) + durationMinutes(transition.timeOffset) * MINUTE_MS;
  }
  if (transition.type !== 'RecurringDay') return undefined;
  const weekday = (WEEKDAYS as readonly string[]).indexOf(transition.dayOfWeek);
  const lastDay = daysInMonth(year, transition.month);
  let day: number;
  if (transition.occurrence > 0) {
    const first = weekdayOf(year, transition.month, 1);
    day = 1 + ((weekday - first + 7) % 7) + 7 * (transition.occurrence - 1);
    // Windows writes 5 for "last": past the month's end means the last one.
    while (day > lastDay) day -= 7;
  } else {
    day = lastDay - ((weekdayOf(year, transition.month, lastDay) - weekday + 7) % 7);
  }
  return utcMs(year, transition.month, day) + durationMinutes(transition.timeOffset) * MINUTE_MS;
}

function stageForYear(compiled: Compiled, year: number): Stage {
  const newYear = `${String(year).padStart(4, '0')}-01-01T00:00:00`;
  let current = compiled.stages[0] as Stage;
  for (const stage of compiled.stages) if (stage.fromLocal <= newYear) current = stage;
  return current;
}

/** The offset a stage starts a year with when nothing carries over: its last yearly transition's (Windows' wrap-around). */
function wrapAround(compiled: Compiled, stage: Stage, year: number): number {
  const dated = stage.transitions
    .map((t) => ({ t, at: localMs(t, year) }))
    .filter((x) => x.at !== undefined)
    .sort((a, b) => (a.at as number) - (b.at as number));
  const last = dated.at(-1)?.t ?? stage.transitions[0];
  if (last === undefined) throw invalidArgument('time zone definition: an empty transitions group');
  return periodOffset(compiled, last);
}

/**
 * How Exchange reads a TimeZoneDefinition, as a function from an instant to its UTC offset
 * (minutes east of UTC). Yearly transitions happen at their local time in the offset they leave;
 * a group takes over at the local New Year of its AbsoluteDateTransition, carrying the offset in
 * force; a group of one plain transition is a fixed offset.
 */
export function definitionOffsets(definition: TimeZoneDefinition): (instant: Date) => number {
  const compiled = compile(definition);
  return (instant) => {
    const year = instant.getUTCFullYear();
    const t = instant.getTime();
    let offset = wrapAround(compiled, stageForYear(compiled, year - 1), year - 1);
    for (let y = year - 1; y <= year + 1; y++) {
      if (y > year - 1 && utcMs(y, 1, 1) - offset * MINUTE_MS > t) return offset;
      const stage = stageForYear(compiled, y);
      const dated = stage.transitions
        .map((transition) => ({ transition, at: localMs(transition, y) }))
        .sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
      for (const { transition, at } of dated) {
        if (at !== undefined && at - offset * MINUTE_MS > t) return offset;
        offset = periodOffset(compiled, transition);
      }
    }
    return offset;
  };
}

/** The UTC offset (minutes east of UTC) a TimeZoneDefinition gives at one instant. */
export function offsetAt(definition: TimeZoneDefinition, instant: Date): number {
  return definitionOffsets(definition)(instant);
}
