import type { DayOfWeekChoice, DayOfWeekIndex, RecurrencePattern, Weekday } from '../store/item-model.js';

export const DAY_MS = 86_400_000;
// Bounds the work for one series: no pattern needs more steps than this to produce its occurrences.
const MAX_STEPS = 100_000;

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

function matchesChoice(day: number, choice: DayOfWeekChoice): boolean {
  const weekday = new Date(day).getUTCDay();
  if (choice === 'Day') return true;
  if (choice === 'Weekday') return weekday >= 1 && weekday <= 5;
  if (choice === 'WeekendDay') return weekday === 0 || weekday === 6;
  return WEEKDAYS[weekday] === choice;
}

/** Weekday names by `Date#getUTCDay()` index. */
export const WEEKDAYS: readonly Weekday[] = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];
const INDEX: Readonly<Record<DayOfWeekIndex, number>> = {
  First: 0,
  Second: 1,
  Third: 2,
  Fourth: 3,
  Last: -1,
};

/** The day (UTC midnight ms) of e.g. "the second Tuesday" or "the last weekday" of a month. */
function relativeDay(year: number, month0: number, choice: DayOfWeekChoice, index: DayOfWeekIndex): number {
  const matching: number[] = [];
  for (let d = 1; d <= daysInMonth(year, month0); d++) {
    const day = Date.UTC(year, month0, d);
    if (matchesChoice(day, choice)) matching.push(day);
  }
  const wanted = INDEX[index];
  return (wanted < 0 ? matching.at(-1) : matching[wanted]) ?? Number.NaN;
}

/** Day `dayOfMonth` of a month; months that are too short use their last day (as Outlook schedules them). */
function absoluteDay(year: number, month0: number, dayOfMonth: number): number {
  return Date.UTC(year, month0, Math.min(dayOfMonth, daysInMonth(year, month0)));
}

/**
 * The days a pattern falls on, in order, from the series' first day on (days are UTC-midnight ms of
 * local dates). Weeks start on the pattern's FirstDayOfWeek (Sunday by default); monthly intervals count from
 * the first day's month; yearly patterns recur every year.
 */
export function* patternDays(pattern: RecurrencePattern, firstDay: number): Generator<number> {
  const first = new Date(firstDay);
  const year0 = first.getUTCFullYear();
  const month0 = first.getUTCMonth();
  for (let step = 0; step < MAX_STEPS; step++) {
    let candidates: number[];
    switch (pattern.type) {
      case 'Daily':
        candidates = [firstDay + step * pattern.interval * DAY_MS];
        break;
      case 'Weekly': {
        // Weeks start on FirstDayOfWeek: with an Interval above 1 it decides which weeks recur.
        const weekOffset = (first.getUTCDay() - WEEKDAYS.indexOf(pattern.firstDayOfWeek ?? 'Sunday') + 7) % 7;
        const weekStart = firstDay - weekOffset * DAY_MS + step * pattern.interval * 7 * DAY_MS;
        candidates = [0, 1, 2, 3, 4, 5, 6]
          .map((i) => weekStart + i * DAY_MS)
          .filter((day) => pattern.daysOfWeek.includes(WEEKDAYS[new Date(day).getUTCDay()]!));
        break;
      }
      case 'AbsoluteMonthly':
        candidates = [absoluteDay(year0, month0 + step * pattern.interval, pattern.dayOfMonth)];
        break;
      case 'RelativeMonthly':
        candidates = [
          relativeDay(year0, month0 + step * pattern.interval, pattern.dayOfWeek, pattern.dayOfWeekIndex),
        ];
        break;
      case 'AbsoluteYearly':
        candidates = [absoluteDay(year0 + step, pattern.month - 1, pattern.dayOfMonth)];
        break;
      case 'RelativeYearly':
        candidates = [
          relativeDay(year0 + step, pattern.month - 1, pattern.dayOfWeek, pattern.dayOfWeekIndex),
        ];
        break;
    }
    for (const day of candidates) if (day >= firstDay) yield day;
  }
}
