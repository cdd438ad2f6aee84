// Type-level tests: `pnpm exec tsc --noEmit -p packages/models` checks them (the @ts-expect-error
// lines fail the build if the error they expect disappears); vitest runs the runtime half.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type Attendee,
  type Body,
  type CalendarItem,
  CalendarItemModel,
  defineModel,
  type FieldName,
  field,
  type InferModel,
  int,
  type Mailbox,
  type MessageModel,
  type PlainDate,
  type Task,
  text,
  toXml,
} from '../src/index.js';

describe('InferModel', () => {
  it('gives each field its kind type', () => {
    expectTypeOf<CalendarItem['start']>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<CalendarItem['requiredAttendees']>().toEqualTypeOf<Attendee[] | undefined>();
    expectTypeOf<CalendarItem['organizer']>().toEqualTypeOf<Mailbox | undefined>();
    expectTypeOf<CalendarItem['body']>().toEqualTypeOf<Body | undefined>();
    expectTypeOf<CalendarItem['categories']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<CalendarItem['legacyFreeBusyStatus']>().toEqualTypeOf<
      'Free' | 'Tentative' | 'Busy' | 'OOF' | 'WorkingElsewhere' | 'NoData' | undefined
    >();
    expectTypeOf<Task['dueDate']>().toEqualTypeOf<PlainDate | undefined>();
    expectTypeOf<FieldName<typeof MessageModel>>().toExtend<string>();
  });

  it('makes a misspelt field a compile error', () => {
    const meeting: CalendarItem = {
      subject: 'ok',
      // @ts-expect-error: 'subjct' is not a CalendarItem field
      subjct: 'typo',
    };
    // @ts-expect-error: start is a Date, not a string
    const wrongType: CalendarItem = { start: '2024-03-01' };
    // @ts-expect-error: 'Urgent' is not an Importance value
    const wrongEnum: CalendarItem = { importance: 'Urgent' };
    // @ts-expect-error: 'sujbect' is not a field name of Message
    const name: FieldName<typeof MessageModel> = 'sujbect';
    expectTypeOf(meeting).toEqualTypeOf<CalendarItem>();
    expectTypeOf([wrongType, wrongEnum, name]).not.toBeAny();
  });

  it('infers user-defined models, base fields included', () => {
    const Base = defineModel({
      name: 'Base',
      xmlName: 'Base',
      fields: [field('id', text, { xmlName: 'Id' })],
    });
    const Widget = defineModel({
      name: 'Widget',
      xmlName: 'Widget',
      base: Base,
      fields: [field('count', int, { xmlName: 'Count' })],
    });
    expectTypeOf<InferModel<typeof Widget>>().toEqualTypeOf<{ id?: string; count?: number }>();
    expectTypeOf(
      toXml(Widget, { id: 'a', count: 1 }, { version: 'Exchange2016' }).xml,
    ).toEqualTypeOf<string>();
    expect(() =>
      // @ts-expect-error: Widget has no field 'colour'
      toXml(Widget, { colour: 'red' }, { version: 'Exchange2016' }),
    ).toThrowError(/no field named 'colour'/);
    expectTypeOf(CalendarItemModel.fields[0].name).toEqualTypeOf<'mimeContent'>();
  });
});
