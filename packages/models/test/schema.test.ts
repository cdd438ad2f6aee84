import { describe, expect, it } from 'vitest';
import {
  body,
  CalendarItemModel,
  defineModel,
  field,
  ItemModel,
  int,
  MessageModel,
  supportsVersion,
  TaskModel,
  text,
} from '../src/index.js';
import { errorCodeOf } from './helpers/error-code.js';

describe('defineModel', () => {
  it('puts base fields first and freezes the table', () => {
    expect(CalendarItemModel.fields.slice(0, ItemModel.fields.length)).toEqual(ItemModel.fields);
    expect(CalendarItemModel.base).toBe(ItemModel);
    expect(Object.isFrozen(CalendarItemModel.fields)).toBe(true);
    expect(Object.isFrozen(CalendarItemModel.fields[0])).toBe(true);
    expect(Object.isFrozen(CalendarItemModel.fields[0]?.flags)).toBe(true);
    expect(CalendarItemModel.byName.get('start')?.fieldUri).toBe('calendar:Start');
    expect(CalendarItemModel.byXmlName.get('IsAllDayEvent')?.name).toBe('isAllDay');
  });

  it('keeps types.xsd order: TextBody after UniqueBody, at the end of Item', () => {
    const names = ItemModel.fields.map((f) => f.xmlName);
    expect(names.slice(0, 6)).toEqual([
      'MimeContent',
      'ItemId',
      'ParentFolderId',
      'ItemClass',
      'Subject',
      'Sensitivity',
    ]);
    expect(names.at(-1)).toBe('TextBody');
    expect(names.indexOf('UniqueBody')).toBeLessThan(names.indexOf('TextBody'));
  });

  it('carries flags and versions from the catalog', () => {
    const byUri = (uri: string) =>
      [...MessageModel.fields, ...TaskModel.fields].find((f) => f.fieldUri === uri);
    expect(byUri('message:ToRecipients')?.flags).toMatchObject({
      list: true,
      complex: true,
      readOnlyAfterSend: true,
    });
    expect(byUri('item:DateTimeReceived')?.flags).toMatchObject({
      readOnly: true,
      searchable: true,
      complex: false,
    });
    expect(byUri('item:TextBody')?.minVersion).toBe('Exchange2013');
    expect(byUri('task:PercentComplete')?.kind.name).toBe('decimal');
  });

  it('refuses duplicate names and non-scalar attributes', () => {
    const twice = () =>
      defineModel({
        name: 'X',
        xmlName: 'X',
        fields: [field('a', text, { xmlName: 'A' }), field('a', int, { xmlName: 'B' })],
      });
    expect(errorCodeOf(twice)).toBe('EWS_INVALID_ARGUMENT');
    expect(errorCodeOf(() => field('b', body, { xmlName: 'B', flags: { attribute: true } }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
  });
});

describe('supportsVersion', () => {
  it('orders versions as types.xsd lists them', () => {
    expect(supportsVersion('Exchange2016', 'Exchange2013_SP1')).toBe(true);
    expect(supportsVersion('Exchange2013_SP1', 'Exchange2013_SP1')).toBe(true);
    expect(supportsVersion('Exchange2010_SP2', 'Exchange2013')).toBe(false);
  });
});
