import type { DeepReadonly } from '../store/deep-readonly.js';
import type { CalendarData, Recurrence } from '../store/item-model.js';
import { originalStarts } from './recurrence-expansion.js';
import { DAY_MS } from './recurrence-patterns.js';
import { ianaZone, ZonedClock } from './zoned-time.js';

// Far enough to reach any occurrence a series can have.
const END_OF_TIME = new Date(8.64e15);

/** What UpdateItem did to a series as a whole. */
export type SeriesChange =
  /** Nothing about the series' shape changed (or the item is no series). */
  | 'none'
  /** The pattern, range, times or recurrence itself changed: occurrences were regenerated. */
  | 'reshaped'
  /** The new shape has no occurrence at all (Exchange: ErrorRecurrenceHasNoOccurrence). */
  | 'empty';

function patternKey(recurrence: DeepReadonly<Recurrence>): string {
  const entries = Object.entries(recurrence.pattern).map(([k, v]) => [
    k,
    Array.isArray(v) ? [...v].sort() : v,
  ]);
  return JSON.stringify(entries.sort(([a], [b]) => String(a).localeCompare(String(b))));
}

function rangeKey(recurrence: DeepReadonly<Recurrence>): string {
  return JSON.stringify([recurrence.numberOfOccurrences ?? null, recurrence.endDate?.getTime() ?? null]);
}

/**
 * Keeps a series consistent after UpdateItem changed the master (`after` is the edited copy of
 * `before`), as Exchange does:
 * - recurrence removed: a single item at the first occurrence's time; exceptions and deleted occurrences go;
 * - pattern, first day or the master's Start/End changed: every occurrence is regenerated, so modified
 *   and deleted occurrences are dropped; a moved Start moves the series' first day to its local date;
 * - only the range (end date, count) changed: exceptions still inside the series are kept;
 * - the master's Start/End always become the first occurrence's (Exchange aligns them to the pattern).
 */
export function reshapeSeries(before: DeepReadonly<CalendarData>, after: CalendarData): SeriesChange {
  const was = before.recurrence;
  const now = after.recurrence;
  const timesChanged =
    before.start.getTime() !== after.start.getTime() || before.end.getTime() !== after.end.getTime();
  if (now === undefined) {
    if (was === undefined) return 'none';
    // The single item keeps the first occurrence's time (CreateItem kept the Start it was given, which
    // the pattern need not include).
    const first = originalStarts(before, END_OF_TIME, 1)[0];
    if (first !== undefined) {
      const shift = first.getTime() - before.start.getTime();
      after.start = first;
      after.end = new Date(before.end.getTime() + shift);
    }
    after.exceptions = [];
    after.deletedOccurrences = [];
    return 'reshaped';
  }
  const patternChanged =
    was === undefined ||
    patternKey(was) !== patternKey(now) ||
    was.startDate.getTime() !== now.startDate.getTime();
  const rangeChanged = was !== undefined && rangeKey(was) !== rangeKey(now);
  if (!patternChanged && !rangeChanged && !timesChanged) return 'none';

  if (timesChanged && !patternChanged) {
    // The master moved: the series now starts on the new Start's local date.
    const local = new ZonedClock(ianaZone(after.timeZone)).toLocal(after.start.getTime());
    after.recurrence = { ...now, startDate: new Date(Math.floor(local / DAY_MS) * DAY_MS) };
  }
  const first = originalStarts(after, END_OF_TIME, 1)[0];
  if (first === undefined) return 'empty';
  const shift = first.getTime() - after.start.getTime();
  after.start = first;
  after.end = new Date(after.end.getTime() + shift);

  if (patternChanged || timesChanged) {
    after.exceptions = [];
    after.deletedOccurrences = [];
    return 'reshaped';
  }
  // Only the range changed: occurrences that are still in the series keep their changes.
  const latest = Math.max(
    0,
    ...after.exceptions.map((e) => e.originalStart.getTime()),
    ...after.deletedOccurrences.map((d) => d.getTime()),
  );
  const remaining = new Set(originalStarts(after, new Date(latest + 1)).map((d) => d.getTime()));
  after.exceptions = after.exceptions.filter((e) => remaining.has(e.originalStart.getTime()));
  after.deletedOccurrences = after.deletedOccurrences.filter((d) => remaining.has(d.getTime()));
  return 'reshaped';
}
