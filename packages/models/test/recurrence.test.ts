import { validateEws } from '@ews-tools/ews-schema';
import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import {
  type CalendarItem,
  CalendarItemModel,
  fromXml,
  PlainDate,
  type Recurrence,
  type RecurrencePattern,
  type RecurrenceRange,
  type Task,
  TaskModel,
  type TaskRecurrencePattern,
  toXml,
  type WriteContext,
} from '../src/index.js';
import { recurrencePattern, taskRecurrencePattern } from '../src/recurrence/recurrence-patterns.js';
import { recurrenceRange } from '../src/recurrence/recurrence-ranges.js';
import { createItemEnvelope } from './helpers/envelopes.js';
import { errorCodeOf } from './helpers/error-code.js';
import { parentOf } from './helpers/xml.js';

interface PatternVector {
  pattern: string;
  element: string;
  fields: Record<string, unknown>;
  expected_xml_generated: string;
}
interface BoundaryVector {
  boundary: string;
  element: string;
  expected_xml_generated: string;
}
const vectors = (
  loadVectors('misc') as { recurrence: { patterns: PatternVector[]; boundaries: BoundaryVector[] } }
).recurrence;
const context: WriteContext = { version: 'Exchange2016', mode: 'create' };
// exchangelib numbers weekdays 1=Monday … 7=Sunday, 8=Day, 9=Weekday, 10=WeekendDay.
const DAYS = [
  '',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'Day',
  'Weekday',
  'WeekendDay',
];
const day = (value: unknown) => (typeof value === 'number' ? DAYS[value] : value);
// Our value for each exchangelib pattern: the class name without "Pattern", its fields renamed.
function ours(vector: PatternVector): TaskRecurrencePattern {
  const f = vector.fields;
  const value: Record<string, unknown> = { type: vector.pattern.replace(/Pattern$/, '') };
  if (f.interval !== undefined) value.interval = f.interval;
  if (f.day_of_month !== undefined) value.dayOfMonth = f.day_of_month;
  if (f.month !== undefined) value.month = f.month;
  if (f.weekday !== undefined) value.dayOfWeek = day(f.weekday);
  if (f.week_number !== undefined) value.dayOfWeekIndex = f.week_number;
  if (f.weekdays !== undefined) value.daysOfWeek = (f.weekdays as unknown[]).map(day);
  if (f.first_day_of_week !== undefined) value.firstDayOfWeek = day(f.first_day_of_week);
  return value as unknown as TaskRecurrencePattern;
}
const withoutNamespace = (xml: string) => xml.replace(/ xmlns:t="[^"]*"/, '');
const RANGES: Record<string, RecurrenceRange> = {
  NoEndPattern: { type: 'NoEnd', startDate: PlainDate.of(2017, 9, 1) },
  EndDatePattern: { type: 'EndDate', startDate: PlainDate.of(2017, 9, 1), endDate: PlainDate.of(2017, 9, 7) },
  NumberedPattern: { type: 'Numbered', startDate: PlainDate.of(2017, 9, 1), numberOfOccurrences: 1 },
};

describe('recurrence patterns and ranges (exchangelib misc.json vectors)', () => {
  it('covers the 6 calendar patterns, the 4 regeneration patterns and the 3 ranges', () => {
    expect(vectors.patterns).toHaveLength(10);
    expect(vectors.boundaries).toHaveLength(3);
  });

  it.each(vectors.patterns)('$pattern writes exchangelib’s XML and reads it back', (vector) => {
    const value = ours(vector);
    expect(taskRecurrencePattern.write(value, context, 'test').xml).toBe(
      withoutNamespace(vector.expected_xml_generated),
    );
    expect(taskRecurrencePattern.readOne(parentOf(vector.expected_xml_generated), 'test')).toEqual(value);
    const isCalendarPattern = !vector.pattern.endsWith('Regeneration');
    expect(recurrencePattern.accepts(value)).toBe(isCalendarPattern);
  });

  it.each(vectors.boundaries)('$boundary writes exchangelib’s XML and reads it back', (vector) => {
    const value = RANGES[vector.boundary]!;
    expect(recurrenceRange.write(value, context, 'test').xml).toBe(
      withoutNamespace(vector.expected_xml_generated),
    );
    expect(recurrenceRange.readOne(parentOf(vector.expected_xml_generated), 'test')).toEqual(value);
  });

  it('every pattern × range in a CalendarItem or Task validates against the schema and round-trips', async () => {
    const calendar: CalendarItem[] = [];
    const tasks: Task[] = [];
    for (const vector of vectors.patterns) {
      for (const range of Object.values(RANGES)) {
        const pattern = ours(vector);
        if (recurrencePattern.accepts(pattern))
          calendar.push({
            subject: vector.pattern,
            recurrence: { pattern: pattern as RecurrencePattern, range },
          });
        tasks.push({ subject: vector.pattern, recurrence: { pattern, range } });
      }
    }
    expect(calendar).toHaveLength(18);
    expect(tasks).toHaveLength(30);
    const calendarXml = calendar.map((item) => toXml(CalendarItemModel, item, context).xml);
    const taskXml = tasks.map((task) => toXml(TaskModel, task, context).xml);
    const results = await validateEws(
      [
        createItemEnvelope(calendarXml.join(''), 'Exchange2016'),
        createItemEnvelope(taskXml.join(''), 'Exchange2016', 'tasks'),
      ],
      { names: ['calendar items', 'tasks'] },
    );
    expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.errors}`)).toEqual([]);
    for (const [i, xml] of calendarXml.entries())
      expect(fromXml(CalendarItemModel, xml)).toEqual(calendar[i]);
    for (const [i, xml] of taskXml.entries()) expect(fromXml(TaskModel, xml)).toEqual(tasks[i]);
  });

  it('refuses a regeneration pattern on a calendar item, and a recurrence without a range', () => {
    const regeneration = { type: 'DailyRegeneration', interval: 1 } as unknown as RecurrencePattern;
    const range = RANGES.NoEndPattern!;
    expect(
      errorCodeOf(() => toXml(CalendarItemModel, { recurrence: { pattern: regeneration, range } }, context)),
    ).toBe('EWS_INVALID_ARGUMENT');
    const noRange = { pattern: { type: 'Daily', interval: 1 } } as unknown as Recurrence;
    expect(errorCodeOf(() => toXml(CalendarItemModel, { recurrence: noRange }, context))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
  });

  it('reading a Recurrence with no pattern element is a protocol error', () => {
    const xml =
      '<t:CalendarItem xmlns:t="urn:t"><t:Recurrence><t:NoEndRecurrence><t:StartDate>2024-01-01</t:StartDate></t:NoEndRecurrence></t:Recurrence></t:CalendarItem>';
    expect(errorCodeOf(() => fromXml(CalendarItemModel, xml))).toBe('EWS_PROTOCOL');
  });
});
