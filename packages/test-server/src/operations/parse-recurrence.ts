import { MONTH_NAMES } from '../calendar/month-names.js';
import { WEEKDAYS } from '../calendar/recurrence-patterns.js';
import type {
  DayOfWeekChoice,
  DayOfWeekIndex,
  Recurrence,
  RecurrencePattern,
  RegeneratingPattern,
  TaskRecurrence,
  Weekday,
} from '../store/item-model.js';
import { child, childText, type XmlElement } from '../xml/xml-tree.js';
import { ResponseError } from './operation-context.js';
import { parseDateTime } from './parse-item-input.js';

const DAY_CHOICES: readonly DayOfWeekChoice[] = [...WEEKDAYS, 'Day', 'Weekday', 'WeekendDay'];
const INDEXES: readonly DayOfWeekIndex[] = ['First', 'Second', 'Third', 'Fourth', 'Last'];
const PATTERN_ELEMENTS = [
  'DailyRecurrence',
  'WeeklyRecurrence',
  'AbsoluteMonthlyRecurrence',
  'RelativeMonthlyRecurrence',
  'AbsoluteYearlyRecurrence',
  'RelativeYearlyRecurrence',
] as const;

const invalid = (what: string) =>
  new ResponseError('ErrorCalendarInvalidRecurrence', `The recurrence pattern is invalid: ${what}.`);

function interval(patternEl: XmlElement): number {
  const value = Number(childText(patternEl, 'Interval') ?? '1');
  if (!Number.isInteger(value) || value < 1) throw invalid('Interval');
  return value;
}

function dayOfMonth(patternEl: XmlElement): number {
  const value = Number(childText(patternEl, 'DayOfMonth'));
  if (!Number.isInteger(value) || value < 1 || value > 31) throw invalid('DayOfMonth');
  return value;
}

function month(patternEl: XmlElement): number {
  const index = (MONTH_NAMES as readonly string[]).indexOf(childText(patternEl, 'Month') ?? '');
  if (index < 0) throw invalid('Month');
  return index + 1;
}

function relative(patternEl: XmlElement): { dayOfWeek: DayOfWeekChoice; dayOfWeekIndex: DayOfWeekIndex } {
  const dayOfWeek = DAY_CHOICES.find((d) => d === childText(patternEl, 'DaysOfWeek'));
  const dayOfWeekIndex = INDEXES.find((i) => i === childText(patternEl, 'DayOfWeekIndex'));
  if (dayOfWeek === undefined) throw invalid('DaysOfWeek');
  if (dayOfWeekIndex === undefined) throw invalid('DayOfWeekIndex');
  return { dayOfWeek, dayOfWeekIndex };
}

function parsePattern(patternEl: XmlElement): RecurrencePattern {
  switch (patternEl.name) {
    case 'DailyRecurrence':
      return { type: 'Daily', interval: interval(patternEl) };
    case 'WeeklyRecurrence': {
      const daysOfWeek = (childText(patternEl, 'DaysOfWeek') ?? '')
        .split(/\s+/)
        .filter((d): d is Weekday => WEEKDAYS.includes(d as Weekday));
      if (daysOfWeek.length === 0) {
        throw new ResponseError(
          'ErrorCalendarInvalidDayForWeeklyRecurrence',
          'A weekly recurrence needs DaysOfWeek.',
        );
      }
      const firstText = childText(patternEl, 'FirstDayOfWeek');
      const firstDayOfWeek = WEEKDAYS.find((d) => d === firstText);
      if (firstText !== undefined && firstDayOfWeek === undefined) throw invalid('FirstDayOfWeek');
      return {
        type: 'Weekly',
        interval: interval(patternEl),
        daysOfWeek,
        ...(firstDayOfWeek === undefined ? {} : { firstDayOfWeek }),
      };
    }
    case 'AbsoluteMonthlyRecurrence':
      return { type: 'AbsoluteMonthly', interval: interval(patternEl), dayOfMonth: dayOfMonth(patternEl) };
    case 'RelativeMonthlyRecurrence':
      return { type: 'RelativeMonthly', interval: interval(patternEl), ...relative(patternEl) };
    case 'AbsoluteYearlyRecurrence':
      return { type: 'AbsoluteYearly', dayOfMonth: dayOfMonth(patternEl), month: month(patternEl) };
    default:
      return { type: 'RelativeYearly', ...relative(patternEl), month: month(patternEl) };
  }
}

// Dates in a recurrence range are local dates; an offset or Z after them says nothing about the day.
function localDate(text: string | undefined, name: string): Date | undefined {
  const date = parseDateTime(text?.replace(/(Z|[+-]\d\d:\d\d)$/, ''), name);
  return date === undefined ? undefined : new Date(`${date.toISOString().slice(0, 10)}T00:00:00Z`);
}

/** The "Z" or "+hh:mm" after an xs:date, kept so the date reads back as it was sent. */
function zoneDesignator(text: string | undefined): string | undefined {
  return text?.trim().match(/(Z|[+-]\d\d:\d\d)$/)?.[1];
}

/** t:Recurrence of a calendar item: daily, weekly, absolute/relative monthly and yearly patterns. */
export function parseRecurrence(recurrenceEl: XmlElement | undefined): Recurrence | undefined {
  if (recurrenceEl === undefined) return undefined;
  const patternEl = recurrenceEl.children.find((c) =>
    (PATTERN_ELEMENTS as readonly string[]).includes(c.name),
  );
  if (patternEl === undefined) {
    throw new ResponseError(
      'ErrorUnsupportedRecurrence',
      'This recurrence pattern is not supported by this server.',
    );
  }
  const pattern = parsePattern(patternEl);
  const rangeEl = ['NoEndRecurrence', 'EndDateRecurrence', 'NumberedRecurrence']
    .map((name) => child(recurrenceEl, name))
    .find((e) => e !== undefined);
  const startDate = localDate(childText(rangeEl, 'StartDate'), 'StartDate');
  if (rangeEl === undefined || startDate === undefined) {
    throw new ResponseError('ErrorCalendarInvalidRecurrence', 'The recurrence range is missing.');
  }
  const count = childText(rangeEl, 'NumberOfOccurrences');
  if (count !== undefined && !(Number.isInteger(Number(count)) && Number(count) >= 1)) {
    throw invalid('NumberOfOccurrences');
  }
  const endDate = localDate(childText(rangeEl, 'EndDate'), 'EndDate');
  if (endDate !== undefined && endDate < startDate) throw invalid('EndDate before StartDate');
  const startDateZone = zoneDesignator(childText(rangeEl, 'StartDate'));
  const endDateZone = zoneDesignator(childText(rangeEl, 'EndDate'));
  return {
    pattern,
    startDate,
    ...(count === undefined ? {} : { numberOfOccurrences: Number(count) }),
    ...(endDate === undefined ? {} : { endDate }),
    ...(startDateZone === undefined ? {} : { startDateZone }),
    ...(endDateZone === undefined ? {} : { endDateZone }),
  };
}

const REGENERATIONS: readonly RegeneratingPattern['unit'][] = ['Daily', 'Weekly', 'Monthly', 'Yearly'];

/**
 * t:TaskRecurrenceType of a task: the calendar patterns, or DailyRegeneration / WeeklyRegeneration /
 * MonthlyRegeneration / YearlyRegeneration (the next task comes Interval units after one is completed).
 */
export function parseTaskRecurrence(recurrenceEl: XmlElement | undefined): TaskRecurrence | undefined {
  if (recurrenceEl === undefined) return undefined;
  const regenerating = recurrenceEl.children.find((c) => c.name.endsWith('Regeneration'));
  const unit = REGENERATIONS.find((u) => `${u}Regeneration` === regenerating?.name);
  if (regenerating === undefined || unit === undefined) return parseRecurrence(recurrenceEl);
  // The range is read as for any recurrence: the regenerating pattern stands in as a daily one.
  const asDaily: XmlElement = {
    ...recurrenceEl,
    children: recurrenceEl.children.map((c) => (c === regenerating ? { ...c, name: 'DailyRecurrence' } : c)),
  };
  const { pattern: _daily, ...range } = parseRecurrence(asDaily)!;
  return { ...range, pattern: { type: 'Regeneration', unit, interval: interval(regenerating) } };
}
