import type { Recurrence, RecurrencePattern } from '../store/item-model.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

function patternXml(pattern: RecurrencePattern): XmlContent {
  switch (pattern.type) {
    case 'Daily':
      return el('t:DailyRecurrence', null, textEl('t:Interval', pattern.interval));
    case 'Weekly':
      return el(
        't:WeeklyRecurrence',
        null,
        textEl('t:Interval', pattern.interval),
        textEl('t:DaysOfWeek', pattern.daysOfWeek.join(' ')),
        textEl('t:FirstDayOfWeek', pattern.firstDayOfWeek ?? 'Sunday'),
      );
    case 'AbsoluteMonthly':
      return el(
        't:AbsoluteMonthlyRecurrence',
        null,
        textEl('t:Interval', pattern.interval),
        textEl('t:DayOfMonth', pattern.dayOfMonth),
      );
    case 'RelativeMonthly':
      return el(
        't:RelativeMonthlyRecurrence',
        null,
        textEl('t:Interval', pattern.interval),
        textEl('t:DaysOfWeek', pattern.dayOfWeek),
        textEl('t:DayOfWeekIndex', pattern.dayOfWeekIndex),
      );
    case 'AbsoluteYearly':
      return el(
        't:AbsoluteYearlyRecurrence',
        null,
        textEl('t:DayOfMonth', pattern.dayOfMonth),
        textEl('t:Month', MONTH_NAMES[pattern.month - 1]),
      );
    case 'RelativeYearly':
      return el(
        't:RelativeYearlyRecurrence',
        null,
        textEl('t:DaysOfWeek', pattern.dayOfWeek),
        textEl('t:DayOfWeekIndex', pattern.dayOfWeekIndex),
        textEl('t:Month', MONTH_NAMES[pattern.month - 1]),
      );
  }
}

/** A range date as the client wrote it: the local date, with the zone designator it had (if any). */
const asSent = (date: Date, zone: string | undefined) => `${date.toISOString().slice(0, 10)}${zone ?? ''}`;

/** t:Recurrence: the pattern, then the range (Numbered, EndDate or NoEnd). */
export function recurrenceXml(recurrence: Recurrence): XmlContent {
  const start = textEl('t:StartDate', asSent(recurrence.startDate, recurrence.startDateZone));
  const range =
    recurrence.numberOfOccurrences !== undefined
      ? el(
          't:NumberedRecurrence',
          null,
          start,
          textEl('t:NumberOfOccurrences', recurrence.numberOfOccurrences),
        )
      : recurrence.endDate !== undefined
        ? el(
            't:EndDateRecurrence',
            null,
            start,
            textEl('t:EndDate', asSent(recurrence.endDate, recurrence.endDateZone)),
          )
        : el('t:NoEndRecurrence', null, start);
  return el('t:Recurrence', null, patternXml(recurrence.pattern), range);
}
