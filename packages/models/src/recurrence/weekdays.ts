import { protocolError } from '../errors.js';
import { enumKind } from '../kinds/enum-kind.js';
import { scalarKind } from '../kinds/kind.js';

/** The seven days, Sunday first: the index is JavaScript's `getUTCDay()`. */
export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** types.xsd DayOfWeekType: a weekday, or `Day` / `Weekday` / `WeekendDay` (any of those days). */
export const dayOfWeek = enumKind('DayOfWeek', [...WEEKDAYS, 'Day', 'Weekday', 'WeekendDay']);
export type DayOfWeek = (typeof dayOfWeek.choices)[number];

/** types.xsd DayOfWeekIndexType: which of the month's matching days. */
export const dayOfWeekIndex = enumKind('DayOfWeekIndex', ['First', 'Second', 'Third', 'Fourth', 'Last']);
export type DayOfWeekIndex = (typeof dayOfWeekIndex.choices)[number];

/** types.xsd MonthNamesType. */
export const monthName = enumKind('MonthNames', [
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
]);
export type MonthName = (typeof monthName.choices)[number];

/** types.xsd DaysOfWeekType: an xs:list of days, `Monday Sunday`. */
export const daysOfWeek = scalarKind<DayOfWeek[]>({
  name: 'DaysOfWeek',
  accepts: (value): value is DayOfWeek[] =>
    Array.isArray(value) && value.length > 0 && value.every((day) => dayOfWeek.accepts(day)),
  toText: (value) => value.join(' '),
  fromText(value, where) {
    const days = value.trim().split(/\s+/);
    if (days.length === 0 || !days.every((day) => dayOfWeek.accepts(day)))
      throw protocolError(`${where}: expected a list of days of the week`);
    return days as DayOfWeek[];
  },
});
