import type { CalendarData, OccurrenceException, Weekday } from '../store/item-model.js';

const DAY_MS = 86_400_000;
const WEEKDAYS: readonly Weekday[] = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];
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

function startOfUtcDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS) * DAY_MS;
}

/** Original starts of the series in order, up to `until` (exclusive) or the series end. */
export function originalStarts(calendar: CalendarData, until: Date): Date[] {
  const recurrence = calendar.recurrence;
  if (recurrence === undefined) return [calendar.start];
  const timeOfDay = calendar.start.getTime() - startOfUtcDay(calendar.start);
  const firstDay = startOfUtcDay(recurrence.startDate);
  const lastDay =
    recurrence.endDate === undefined ? Number.POSITIVE_INFINITY : startOfUtcDay(recurrence.endDate);
  const maxCount = recurrence.numberOfOccurrences ?? MAX_EXPANDED;
  const starts: Date[] = [];
  const pattern = recurrence.pattern;
  for (let day = firstDay, n = 0; n < MAX_EXPANDED * 7 && starts.length < maxCount; day += DAY_MS, n++) {
    if (day > lastDay || day + timeOfDay >= until.getTime()) break;
    const offsetDays = Math.round((day - firstDay) / DAY_MS);
    let matches: boolean;
    if (pattern.type === 'Daily') {
      matches = offsetDays % pattern.interval === 0;
    } else {
      // Weeks start on Sunday (Exchange's default FirstDayOfWeek).
      const firstWeekStart = firstDay - new Date(firstDay).getUTCDay() * DAY_MS;
      const week = Math.floor((day - firstWeekStart) / (7 * DAY_MS));
      const weekday = WEEKDAYS[new Date(day).getUTCDay()];
      matches =
        week % pattern.interval === 0 && weekday !== undefined && pattern.daysOfWeek.includes(weekday);
    }
    if (matches) starts.push(new Date(day + timeOfDay));
  }
  return starts;
}

/** Occurrences (after exceptions, without deleted ones) that overlap [from, to). */
export function occurrencesInRange(calendar: CalendarData, from: Date, to: Date): Occurrence[] {
  const duration = calendar.end.getTime() - calendar.start.getTime();
  // Exceptions may move an occurrence by up to a few days; look a little past the window.
  const horizon = new Date(to.getTime() + 7 * DAY_MS);
  const result: Occurrence[] = [];
  originalStarts(calendar, horizon).forEach((originalStart, i) => {
    if (calendar.deletedOccurrences.some((d) => d.getTime() === originalStart.getTime())) return;
    const exception = calendar.exceptions.find((e) => e.originalStart.getTime() === originalStart.getTime());
    const start = exception?.start ?? originalStart;
    const end = exception?.end ?? new Date(originalStart.getTime() + duration);
    if (start < to && end > from) result.push({ index: i + 1, originalStart, start, end, exception });
  });
  return result;
}

/** The last original start of a finite series, or undefined for a series without end. */
export function lastOriginalStart(calendar: CalendarData): Date | undefined {
  const recurrence = calendar.recurrence;
  if (recurrence === undefined) return calendar.start;
  if (recurrence.numberOfOccurrences === undefined && recurrence.endDate === undefined) return undefined;
  const starts = originalStarts(calendar, new Date(8.64e15));
  return starts[starts.length - 1];
}

export { WEEKDAYS };
