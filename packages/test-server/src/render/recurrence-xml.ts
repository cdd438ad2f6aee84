import { MONTH_NAMES } from '../calendar/month-names.js';
import { ianaZone, ZonedClock } from '../calendar/zoned-time.js';
import type { Recurrence, RecurrencePattern, TaskRecurrence } from '../store/item-model.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';

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

/** "+hh:mm" / "-hh:mm" for an offset in minutes east of UTC. */
function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${minutes < 0 ? '-' : '+'}${hhmm}`;
}

/**
 * A range date: the local date as sent, with the zone designator it was sent with, else the offset of
 * the series' zone on that day ("2027-08-04+02:00"), as Exchange writes it (exchangelib reads a date
 * only in that form; a bare or Z date reads as a date-time).
 */
function rangeDate(date: Date, sentZone: string | undefined, timeZone: string | undefined): string {
  const day = date.toISOString().slice(0, 10);
  if (sentZone !== undefined) return `${day}${sentZone}`;
  const clock = new ZonedClock(ianaZone(timeZone));
  const midnight = clock.toUtc(date.getTime());
  return `${day}${offsetText(Math.round((clock.toLocal(midnight) - midnight) / 60_000))}`;
}

/** The range: NumberedRecurrence, EndDateRecurrence or NoEndRecurrence. */
function rangeXml(recurrence: Omit<Recurrence, 'pattern'>, timeZone: string | undefined): XmlContent {
  const start = textEl('t:StartDate', rangeDate(recurrence.startDate, recurrence.startDateZone, timeZone));
  if (recurrence.numberOfOccurrences !== undefined) {
    return el(
      't:NumberedRecurrence',
      null,
      start,
      textEl('t:NumberOfOccurrences', recurrence.numberOfOccurrences),
    );
  }
  if (recurrence.endDate !== undefined) {
    return el(
      't:EndDateRecurrence',
      null,
      start,
      textEl('t:EndDate', rangeDate(recurrence.endDate, recurrence.endDateZone, timeZone)),
    );
  }
  return el('t:NoEndRecurrence', null, start);
}

/** t:Recurrence: the pattern, then the range. */
export function recurrenceXml(recurrence: Recurrence, timeZone: string | undefined): XmlContent {
  return el('t:Recurrence', null, patternXml(recurrence.pattern), rangeXml(recurrence, timeZone));
}

/** A task's t:Recurrence: a regenerating pattern (DailyRegeneration, ...) or a calendar one, then the range. */
export function taskRecurrenceXml(recurrence: TaskRecurrence): XmlContent {
  const pattern = recurrence.pattern;
  const patternEl =
    pattern.type === 'Regeneration'
      ? el(`t:${pattern.unit}Regeneration`, null, textEl('t:Interval', pattern.interval))
      : patternXml(pattern);
  return el('t:Recurrence', null, patternEl, rangeXml(recurrence, undefined));
}
