import type { DeepReadonly } from '../store/deep-readonly.js';
import type { CalendarData, OccurrenceException } from '../store/item-model.js';
import { DAY_MS, patternDays } from './recurrence-patterns.js';
import { ianaZone, ZonedClock } from './zoned-time.js';

/** What expansion reads of a meeting; read-only so snapshots (TestServer.snapshot()) can be expanded too. */
type Series = DeepReadonly<CalendarData>;

// Series without an end are expanded no further than this many occurrences per query.
const MAX_EXPANDED = 5_000;

export interface Occurrence {
  /** 1-based position in the series, as in OccurrenceItemId's InstanceIndex. */
  readonly index: number;
  readonly originalStart: Date;
  readonly start: Date;
  readonly end: Date;
  readonly exception: OccurrenceException | undefined;
}

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * Original starts of the series in order, up to `until` (exclusive) or the series end. Occurrences keep
 * the first one's wall-clock time in the series' time zone, so a 09:00 meeting stays at 09:00 local
 * time when DST starts or ends (its UTC time moves).
 */
export function originalStarts(
  calendar: Pick<Series, 'start' | 'recurrence' | 'timeZone'>,
  until: Date,
  /**
   * Stop after this many (the first occurrence, an InstanceIndex): spares expanding long series. An
   * explicit limit may pass MAX_EXPANDED (OccurrenceItemId's InstanceIndex 6000 of a daily series
   * exists); patternDays bounds the walk either way.
   */
  limit = MAX_EXPANDED,
): Date[] {
  const recurrence = calendar.recurrence;
  if (recurrence === undefined) return [calendar.start];
  const clock = new ZonedClock(ianaZone(calendar.timeZone));
  const localStart = clock.toLocal(calendar.start.getTime());
  const timeOfDay = localStart - startOfUtcDay(localStart);
  const firstDay = startOfUtcDay(recurrence.startDate.getTime());
  const lastDay =
    recurrence.endDate === undefined ? Number.POSITIVE_INFINITY : startOfUtcDay(recurrence.endDate.getTime());
  const maxCount = Math.min(recurrence.numberOfOccurrences ?? Number.POSITIVE_INFINITY, limit);
  const starts: Date[] = [];
  for (const day of patternDays(recurrence.pattern, firstDay)) {
    if (starts.length >= maxCount || day > lastDay) break;
    const start = clock.toUtc(day + timeOfDay);
    if (start >= until.getTime()) break;
    starts.push(new Date(start));
  }
  return starts;
}

const overlaps = (start: Date, end: Date, from: Date, to: Date) => start < to && end > from;

/**
 * Occurrences (after exceptions, without deleted ones) that overlap [from, to), or that `within`
 * accepts (CalendarView's window differs from an overlap: calendar/calendar-view-window.ts).
 */
export function occurrencesInRange(
  calendar: Series,
  from: Date,
  to: Date,
  within: (start: Date, end: Date, from: Date, to: Date) => boolean = overlaps,
): Occurrence[] {
  const duration = calendar.end.getTime() - calendar.start.getTime();
  // Exceptions may move an occurrence by up to a few days; look a little past the window.
  const horizon = new Date(to.getTime() + 7 * DAY_MS);
  const result: Occurrence[] = [];
  originalStarts(calendar, horizon).forEach((originalStart, i) => {
    if (calendar.deletedOccurrences.some((d) => d.getTime() === originalStart.getTime())) return;
    const exception = calendar.exceptions.find((e) => e.originalStart.getTime() === originalStart.getTime());
    const start = exception?.start ?? originalStart;
    const end = exception?.end ?? new Date(originalStart.getTime() + duration);
    if (within(start, end, from, to)) result.push({ index: i + 1, originalStart, start, end, exception });
  });
  return result;
}

/** The last original start of a finite series, or undefined for a series without end. */
export function lastOriginalStart(calendar: Series): Date | undefined {
  const recurrence = calendar.recurrence;
  if (recurrence === undefined) return calendar.start;
  if (recurrence.numberOfOccurrences === undefined && recurrence.endDate === undefined) return undefined;
  const starts = originalStarts(calendar, new Date(8.64e15));
  return starts[starts.length - 1];
}
