import { validateEws } from '@ews-tools/ews-schema';
import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import {
  CalendarItemModel,
  ContactModel,
  calendarViewXml,
  extendedField,
  FolderModel,
  folderShape,
  fractionalPageViewXml,
  ItemModel,
  indexedField,
  indexedPageViewXml,
  itemShape,
  MessageModel,
  type Model,
  type PropertyPath,
  type SortKey,
  sortOrderXml,
} from '../src/index.js';
import { canonicalXml } from './helpers/canonical-xml.js';
import { errorCodeOf } from './helpers/error-code.js';
import { findFolderEnvelope, findItemEnvelope, getItemEnvelope } from './helpers/find-envelopes.js';

interface SortVector {
  folder: string;
  order_by: string[];
  expected_xml: string;
}
interface ShapeVector {
  folder: string;
  fields: string[];
  base_shape: 'IdOnly';
  expected_xml: string;
}
const generated = (
  loadVectors('restriction') as { generated: { sort_order: SortVector[]; item_shape: ShapeVector[] } }
).generated;

const MODEL_BY_FOLDER: Readonly<Record<string, Model>> = {
  Inbox: MessageModel,
  Calendar: CalendarItemModel,
  Contacts: ContactModel,
};
const EXTERN_ID = extendedField({
  propertySetId: 'c11ff724-aa03-4555-9952-8fa248a11c3e',
  propertyName: 'External ID',
  propertyType: 'String',
});
// exchangelib paths that are indexed/extended properties here (see query-restriction-vectors.test.ts).
const PATHS: Readonly<Record<string, readonly PropertyPath[]>> = {
  email_addresses: ['EmailAddress1', 'EmailAddress2', 'EmailAddress3'].map((i) =>
    indexedField('contacts:EmailAddress', i),
  ),
  email_addresses__EmailAddress1: [indexedField('contacts:EmailAddress', 'EmailAddress1')],
  phone_numbers__MobilePhone: [indexedField('contacts:PhoneNumber', 'MobilePhone')],
  physical_addresses__Home__street: [indexedField('contacts:PhysicalAddress:Street', 'Home')],
  physical_addresses__Home__city: [indexedField('contacts:PhysicalAddress:City', 'Home')],
  extern_id: [EXTERN_ID],
  flag: [extendedField({ propertyTag: '0x1090', propertyType: 'Integer' })],
};

function refs(name: string): readonly (string | PropertyPath)[] {
  return (
    PATHS[name] ?? [
      name.replace(/^datetime_/, 'date_time_').replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
    ]
  );
}

function modelFor(folder: string): Model {
  const model = MODEL_BY_FOLDER[folder];
  if (model === undefined) throw new Error(`no model for ${folder}`);
  return model;
}

function sortXml(vector: SortVector): string {
  const keys = vector.order_by.flatMap((key) => {
    const descending = key.startsWith('-');
    return refs(descending ? key.slice(1) : key).map(
      (field) => ({ field, order: descending ? 'Descending' : 'Ascending' }) as SortKey<Model>,
    );
  });
  return sortOrderXml(modelFor(vector.folder), keys, { version: 'Exchange2016' }).xml;
}

function shapeXml(vector: ShapeVector): string {
  const fields = vector.fields.flatMap(refs) as never[];
  return itemShape(modelFor(vector.folder), { version: 'Exchange2016', baseShape: vector.base_shape, fields })
    .xml.xml;
}

describe('SortOrder: exchangelib vectors', () => {
  for (const vector of generated.sort_order) {
    it(vector.order_by.join(','), () => {
      expect(canonicalXml(sortXml(vector))).toBe(canonicalXml(vector.expected_xml));
    });
  }

  it('takes "-field" for descending, and refuses complex or unknown fields', () => {
    expect(
      sortOrderXml(MessageModel, ['-dateTimeReceived', 'subject'], { version: 'Exchange2016' }).xml,
    ).toBe(
      '<m:SortOrder><t:FieldOrder Order="Descending"><t:FieldURI FieldURI="item:DateTimeReceived"/></t:FieldOrder>' +
        '<t:FieldOrder Order="Ascending"><t:FieldURI FieldURI="item:Subject"/></t:FieldOrder></m:SortOrder>',
    );
    const loose = sortOrderXml as (m: Model, k: unknown[], o: { version: 'Exchange2016' }) => unknown;
    expect(() => loose(MessageModel, ['body'], { version: 'Exchange2016' })).toThrow(
      /Message\.body cannot be sorted on/,
    );
    expect(errorCodeOf(() => loose(MessageModel, ['nope'], { version: 'Exchange2016' }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
    expect(errorCodeOf(() => loose(MessageModel, [], { version: 'Exchange2016' }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
    expect(
      errorCodeOf(() =>
        loose(MessageModel, [{ field: 'subject', order: 'Up' }], { version: 'Exchange2016' }),
      ),
    ).toBe('EWS_INVALID_ARGUMENT');
  });
});

describe('ItemShape / FolderShape', () => {
  for (const vector of generated.item_shape) {
    it(`exchangelib vector: ${vector.fields.join(',')}`, () => {
      expect(canonicalXml(shapeXml(vector))).toBe(canonicalXml(vector.expected_xml));
      // AdditionalProperties are sorted as exchangelib sorts them, so the bytes match too
      expect(shapeXml(vector)).toBe(vector.expected_xml.replace(/ xmlns:[mt]="[^"]*"/g, ''));
    });
  }

  it('reports the fields FindItem cannot return instead of requesting them', () => {
    const fields = ['subject', 'body', 'categories', 'start'] as const;
    const find = itemShape(CalendarItemModel, { version: 'Exchange2016', operation: 'FindItem', fields });
    expect(find.complexFields).toEqual(['body', 'categories']);
    expect(find.xml.xml).toBe(
      '<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
        '<t:FieldURI FieldURI="calendar:Start"/><t:FieldURI FieldURI="item:Subject"/>' +
        '</t:AdditionalProperties></m:ItemShape>',
    );
    const get = itemShape(CalendarItemModel, { version: 'Exchange2016', fields, bodyType: 'Text' });
    expect(get.complexFields).toEqual([]);
    expect(get.xml.xml).toContain(
      '<t:BodyType>Text</t:BodyType><t:AdditionalProperties><t:FieldURI FieldURI="calendar:Start"/>',
    );
    expect(get.xml.xml).toContain('item:Body');
  });

  it('refuses unknown fields and fields newer than the target version; deduplicates', () => {
    const loose = itemShape as (m: Model, o: object) => unknown;
    expect(errorCodeOf(() => loose(ItemModel, { version: 'Exchange2016', fields: ['nope'] }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
    expect(() => itemShape(ItemModel, { version: 'Exchange2007', fields: ['isAssociated'] })).toThrow(
      /isAssociated.*Exchange2010 or newer/,
    );
    expect(errorCodeOf(() => loose(ItemModel, { version: 'Exchange2016', baseShape: 'Everything' }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
    const twice = itemShape(ItemModel, { version: 'Exchange2016', fields: ['subject', 'subject'] }).xml.xml;
    expect(twice.match(/item:Subject/g)).toHaveLength(1);
    expect(itemShape(ItemModel, { version: 'Exchange2016', baseShape: 'AllProperties' }).xml.xml).toBe(
      '<m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape>',
    );
  });
});

describe('paging views', () => {
  it('writes IndexedPage, FractionalPage and Calendar views as exchangelib does', () => {
    expect(indexedPageViewXml({ maxEntriesReturned: 50, offset: 100 }).xml).toBe(
      '<m:IndexedPageItemView MaxEntriesReturned="50" Offset="100" BasePoint="Beginning"/>',
    );
    expect(indexedPageViewXml({ offset: 0, basePoint: 'End' }, 'Folder').xml).toBe(
      '<m:IndexedPageFolderView Offset="0" BasePoint="End"/>',
    );
    expect(fractionalPageViewXml({ numerator: 1, denominator: 4, maxEntriesReturned: 10 }).xml).toBe(
      '<m:FractionalPageItemView MaxEntriesReturned="10" Numerator="1" Denominator="4"/>',
    );
    const start = new Date('2024-03-01T08:00:00Z');
    const end = new Date('2024-03-08T09:00:00Z');
    expect(calendarViewXml({ start, end, maxEntriesReturned: 10 }).xml).toBe(
      '<m:CalendarView MaxEntriesReturned="10" StartDate="2024-03-01T08:00:00Z" EndDate="2024-03-08T09:00:00Z"/>',
    );
  });

  it('refuses impossible views', () => {
    const start = new Date('2024-03-01T08:00:00Z');
    for (const run of [
      () => indexedPageViewXml({ offset: -1 }),
      () => indexedPageViewXml({ offset: 0, maxEntriesReturned: 0 }),
      () => indexedPageViewXml({ offset: 1.5 }),
      () => fractionalPageViewXml({ numerator: 5, denominator: 4 }),
      () => fractionalPageViewXml({ numerator: 0, denominator: 0 }),
      () => calendarViewXml({ start, end: start }),
      () => calendarViewXml({ start, end: new Date(Number.NaN) }),
    ])
      expect(errorCodeOf(run)).toBe('EWS_INVALID_ARGUMENT');
  });

  it('every shape, view and sort order validates inside FindItem / GetItem / FindFolder', async () => {
    const v = 'Exchange2016' as const;
    const view = indexedPageViewXml({ maxEntriesReturned: 50, offset: 100 }).xml;
    const documents = [
      ...generated.item_shape.map((vector) => findItemEnvelope(v, { shape: shapeXml(vector), view })),
      ...generated.sort_order.map((vector) => findItemEnvelope(v, { sortOrder: sortXml(vector) })),
      findItemEnvelope(v, {
        shape: itemShape(CalendarItemModel, {
          version: v,
          bodyType: 'HTML',
          fields: ['start', 'end', 'body'],
        }).xml.xml,
        view: calendarViewXml({ start: new Date(0), end: new Date(86_400_000), maxEntriesReturned: 5 }).xml,
        folder: 'calendar',
      }),
      findItemEnvelope(v, { view: fractionalPageViewXml({ numerator: 1, denominator: 3 }).xml }),
      getItemEnvelope(
        v,
        itemShape(MessageModel, {
          version: v,
          baseShape: 'Default',
          fields: ['body', 'mimeContent', EXTERN_ID],
        }).xml.xml,
      ),
      findFolderEnvelope(v, {
        shape: folderShape(FolderModel, { version: v, fields: ['displayName', 'totalCount'] }).xml.xml,
        view: indexedPageViewXml({ offset: 0 }, 'Folder').xml,
      }),
      findFolderEnvelope(v, { view: fractionalPageViewXml({ numerator: 0, denominator: 2 }, 'Folder').xml }),
    ];
    const results = await validateEws(documents, { names: documents.map((_, i) => `request ${i}`) });
    expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.errors}`)).toEqual([]);
    expect(results).toHaveLength(documents.length);
  });
});
