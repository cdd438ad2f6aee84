import { elementChoice } from '../kinds/element-choice.js';
import { int } from '../kinds/scalar-kinds.js';
import { defineModel } from '../schema/define-model.js';
import { field } from '../schema/field-def.js';
import {
  type DayOfWeek,
  type DayOfWeekIndex,
  dayOfWeek,
  dayOfWeekIndex,
  daysOfWeek,
  type MonthName,
  monthName,
} from './weekdays.js';

/** Every `interval` days. */
export interface DailyPattern {
  readonly type: 'Daily';
  readonly interval: number;
}
/** Every `interval` weeks on `daysOfWeek`. */
export interface WeeklyPattern {
  readonly type: 'Weekly';
  readonly interval: number;
  readonly daysOfWeek: readonly DayOfWeek[];
  readonly firstDayOfWeek?: DayOfWeek;
}
/** Day `dayOfMonth` of every `interval` months. */
export interface AbsoluteMonthlyPattern {
  readonly type: 'AbsoluteMonthly';
  readonly interval: number;
  readonly dayOfMonth: number;
}
/** E.g. the last Friday of every `interval` months. */
export interface RelativeMonthlyPattern {
  readonly type: 'RelativeMonthly';
  readonly interval: number;
  readonly dayOfWeek: DayOfWeek;
  readonly dayOfWeekIndex: DayOfWeekIndex;
}
/** Day `dayOfMonth` of `month`, every year. */
export interface AbsoluteYearlyPattern {
  readonly type: 'AbsoluteYearly';
  readonly dayOfMonth: number;
  readonly month: MonthName;
}
/** E.g. the second weekend day of August, every year. */
export interface RelativeYearlyPattern {
  readonly type: 'RelativeYearly';
  readonly dayOfWeek: DayOfWeek;
  readonly dayOfWeekIndex: DayOfWeekIndex;
  readonly month: MonthName;
}
/** A task that regenerates `interval` units after the previous one is completed. */
export interface RegenerationPattern {
  readonly type: 'DailyRegeneration' | 'WeeklyRegeneration' | 'MonthlyRegeneration' | 'YearlyRegeneration';
  readonly interval: number;
}

export type RecurrencePattern =
  | DailyPattern
  | WeeklyPattern
  | AbsoluteMonthlyPattern
  | RelativeMonthlyPattern
  | AbsoluteYearlyPattern
  | RelativeYearlyPattern;
export type TaskRecurrencePattern = RecurrencePattern | RegenerationPattern;

const required = { flags: { required: true } } as const;
const interval = field('interval', int, { xmlName: 'Interval', ...required });
const dayOfMonth = field('dayOfMonth', int, { xmlName: 'DayOfMonth', ...required });
const month = field('month', monthName, { xmlName: 'Month', ...required });
// RelativeMonthly/RelativeYearly name one day in an element called DaysOfWeek.
const oneDay = field('dayOfWeek', dayOfWeek, { xmlName: 'DaysOfWeek', ...required });
const index = field('dayOfWeekIndex', dayOfWeekIndex, { xmlName: 'DayOfWeekIndex', ...required });
const intervalOnly = (name: string) => defineModel({ name, xmlName: name, fields: [interval] });

// Field tables in types.xsd order; the element names are the xs:choice alternatives.
const PATTERN_VARIANTS = [
  {
    type: 'RelativeYearly',
    xmlName: 'RelativeYearlyRecurrence',
    model: defineModel({
      name: 'RelativeYearlyRecurrence',
      xmlName: 'RelativeYearlyRecurrence',
      fields: [oneDay, index, month],
    }),
  },
  {
    type: 'AbsoluteYearly',
    xmlName: 'AbsoluteYearlyRecurrence',
    model: defineModel({
      name: 'AbsoluteYearlyRecurrence',
      xmlName: 'AbsoluteYearlyRecurrence',
      fields: [dayOfMonth, month],
    }),
  },
  {
    type: 'RelativeMonthly',
    xmlName: 'RelativeMonthlyRecurrence',
    model: defineModel({
      name: 'RelativeMonthlyRecurrence',
      xmlName: 'RelativeMonthlyRecurrence',
      fields: [interval, oneDay, index],
    }),
  },
  {
    type: 'AbsoluteMonthly',
    xmlName: 'AbsoluteMonthlyRecurrence',
    model: defineModel({
      name: 'AbsoluteMonthlyRecurrence',
      xmlName: 'AbsoluteMonthlyRecurrence',
      fields: [interval, dayOfMonth],
    }),
  },
  {
    type: 'Weekly',
    xmlName: 'WeeklyRecurrence',
    model: defineModel({
      name: 'WeeklyRecurrence',
      xmlName: 'WeeklyRecurrence',
      fields: [
        interval,
        field('daysOfWeek', daysOfWeek, { xmlName: 'DaysOfWeek', ...required }),
        field('firstDayOfWeek', dayOfWeek, { xmlName: 'FirstDayOfWeek' }),
      ],
    }),
  },
  { type: 'Daily', xmlName: 'DailyRecurrence', model: intervalOnly('DailyRecurrence') },
] as const;

const REGENERATION_VARIANTS = (['Daily', 'Weekly', 'Monthly', 'Yearly'] as const).map((unit) => ({
  type: `${unit}Regeneration`,
  xmlName: `${unit}Regeneration`,
  model: intervalOnly(`${unit}Regeneration`),
}));

/** t:RecurrencePatternTypes (calendar items). */
export const recurrencePattern = elementChoice<RecurrencePattern>('RecurrencePattern', PATTERN_VARIANTS);
/** t:TaskRecurrencePatternTypes: the calendar patterns plus the four regeneration patterns. */
export const taskRecurrencePattern = elementChoice<TaskRecurrencePattern>('TaskRecurrencePattern', [
  ...PATTERN_VARIANTS,
  ...REGENERATION_VARIANTS,
]);
