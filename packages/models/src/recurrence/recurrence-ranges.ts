import { date } from '../kinds/date-kinds.js';
import { elementChoice } from '../kinds/element-choice.js';
import type { PlainDate } from '../kinds/plain-date.js';
import { int } from '../kinds/scalar-kinds.js';
import { defineModel } from '../schema/define-model.js';
import { field } from '../schema/field-def.js';

/** Repeats for ever from `startDate`. */
export interface NoEndRange {
  readonly type: 'NoEnd';
  readonly startDate: PlainDate;
}
/** Repeats from `startDate` up to and including `endDate`. */
export interface EndDateRange {
  readonly type: 'EndDate';
  readonly startDate: PlainDate;
  readonly endDate: PlainDate;
}
/** Repeats `numberOfOccurrences` times from `startDate`. */
export interface NumberedRange {
  readonly type: 'Numbered';
  readonly startDate: PlainDate;
  readonly numberOfOccurrences: number;
}
export type RecurrenceRange = NoEndRange | EndDateRange | NumberedRange;

const startDate = field('startDate', date, { xmlName: 'StartDate', flags: { required: true } });
const range = (name: string, extra: ReturnType<typeof field>[]) =>
  defineModel({ name, xmlName: name, fields: [startDate, ...extra] });

/** t:RecurrenceRangeTypes. */
export const recurrenceRange = elementChoice<RecurrenceRange>('RecurrenceRange', [
  { type: 'NoEnd', xmlName: 'NoEndRecurrence', model: range('NoEndRecurrence', []) },
  {
    type: 'EndDate',
    xmlName: 'EndDateRecurrence',
    model: range('EndDateRecurrence', [
      field('endDate', date, { xmlName: 'EndDate', flags: { required: true } }),
    ]),
  },
  {
    type: 'Numbered',
    xmlName: 'NumberedRecurrence',
    model: range('NumberedRecurrence', [
      field('numberOfOccurrences', int, { xmlName: 'NumberOfOccurrences', flags: { required: true } }),
    ]),
  },
]);
