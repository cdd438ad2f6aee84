import { validateEws } from '@ews-tools/ews-schema';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CalendarItemModel,
  CONTAINMENT_COMPARISONS,
  CONTAINMENT_MODES,
  ContactModel,
  extendedField,
  type Filter,
  type FilterableName,
  filterFor,
  ItemModel,
  type ListFieldName,
  MessageModel,
  PlainDate,
  queryStringXml,
  restrictionXml,
  TaskModel,
  type TextFieldName,
  where,
} from '../src/index.js';
import { errorCodeOf } from './helpers/error-code.js';
import { findItemEnvelope } from './helpers/find-envelopes.js';

const V = { version: 'Exchange2016' } as const;
const cal = filterFor(CalendarItemModel);
const msg = filterFor(MessageModel);

function xmlOf(filter: Filter): string {
  const result = restrictionXml(filter, V);
  if (result.matches !== 'some') throw new Error(`matches ${result.matches}`);
  return result.xml.xml;
}

describe('filterFor: typed builder', () => {
  it('writes the exact bytes a FindItem request carries', () => {
    const from = new Date('2024-03-01T08:00:00Z');
    expect(xmlOf(cal.and(cal.gte('start', from), cal.icontains('subject', 'review')))).toBe(
      '<m:Restriction><t:And>' +
        '<t:IsGreaterThanOrEqualTo><t:FieldURI FieldURI="calendar:Start"/><t:FieldURIOrConstant><t:Constant Value="2024-03-01T08:00:00Z"/></t:FieldURIOrConstant></t:IsGreaterThanOrEqualTo>' +
        '<t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase"><t:FieldURI FieldURI="item:Subject"/><t:Constant Value="review"/></t:Contains>' +
        '</t:And></m:Restriction>',
    );
  });

  it('checks field names and value types at compile time', () => {
    expectTypeOf<'subject'>().toMatchTypeOf<FilterableName<typeof CalendarItemModel>>();
    expectTypeOf<'start'>().toMatchTypeOf<FilterableName<typeof CalendarItemModel>>();
    // categories is a list of strings: its filter value is one string
    expectTypeOf<'categories'>().toMatchTypeOf<TextFieldName<typeof CalendarItemModel>>();
    expectTypeOf<'start'>().not.toMatchTypeOf<TextFieldName<typeof CalendarItemModel>>();
    // object-valued fields (attendees, ids) cannot be compared with a constant
    expectTypeOf<'requiredAttendees'>().not.toMatchTypeOf<FilterableName<typeof CalendarItemModel>>();
    const typeErrors = () => {
      // @ts-expect-error: not a calendar field
      cal.eq('nope', 'x');
      // @ts-expect-error: start takes a Date
      cal.gt('start', '2024-01-01');
      // @ts-expect-error: contains needs a text field
      cal.contains('start', 'x');
      // @ts-expect-error: not one of the enum's choices
      cal.eq('legacyFreeBusyStatus', 'Sleeping');
      // @ts-expect-error: a message filter cannot join a calendar filter
      cal.and(msg.eq('isRead', true));
    };
    expect(typeof typeErrors).toBe('function');
  });

  it('refuses at run time what TypeScript refuses at compile time (for JavaScript callers)', () => {
    const loose = cal as unknown as Record<string, (...args: unknown[]) => Filter>;
    expect(errorCodeOf(() => loose.eq!('nope', 'x'))).toBe('EWS_INVALID_ARGUMENT');
    expect(errorCodeOf(() => loose.gt!('start', '2024-01-01'))).toBe('EWS_INVALID_ARGUMENT');
    expect(errorCodeOf(() => loose.eq!('legacyFreeBusyStatus', 'Sleeping'))).toBe('EWS_INVALID_ARGUMENT');
    expect(errorCodeOf(() => loose.gt!('start', new Date(Number.NaN)))).toBe('EWS_INVALID_ARGUMENT');
    expect(errorCodeOf(() => loose.eq!('subject', undefined))).toBe('EWS_INVALID_ARGUMENT');
    expect(errorCodeOf(() => loose.contains!('size', 5))).toBe('EWS_INVALID_ARGUMENT');
    expect(errorCodeOf(() => loose.contains!('subject', 'x', { mode: 'Everywhere' }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
    expect(errorCodeOf(() => loose.hasAll!('subject', ['x']))).toBe('EWS_INVALID_ARGUMENT');
  });

  it('hasAll: a list field holding every value (one IsEqualTo per value)', () => {
    expectTypeOf<'categories'>().toMatchTypeOf<ListFieldName<typeof CalendarItemModel>>();
    expectTypeOf<'subject'>().not.toMatchTypeOf<ListFieldName<typeof CalendarItemModel>>();
    expect(xmlOf(cal.hasAll('categories', ['A', 'B']))).toBe(
      '<m:Restriction><t:And>' +
        '<t:IsEqualTo><t:FieldURI FieldURI="item:Categories"/><t:FieldURIOrConstant><t:Constant Value="A"/></t:FieldURIOrConstant></t:IsEqualTo>' +
        '<t:IsEqualTo><t:FieldURI FieldURI="item:Categories"/><t:FieldURIOrConstant><t:Constant Value="B"/></t:FieldURIOrConstant></t:IsEqualTo>' +
        '</t:And></m:Restriction>',
    );
    expect(errorCodeOf(() => cal.hasAll('categories', []))).toBe('EWS_INVALID_ARGUMENT');
  });

  it('refuses a field EWS cannot filter on, naming field and FieldURI', () => {
    const task = filterFor(TaskModel) as unknown as Record<string, (...args: unknown[]) => Filter>;
    expect(() => task.eq!('percentComplete', 50)).toThrow(/Task\.percentComplete \(task:PercentComplete\)/);
    expect(errorCodeOf(() => task.exists!('percentComplete'))).toBe('EWS_INVALID_ARGUMENT');
  });

  it('refuses a field newer than the target version when serializing', () => {
    const item = filterFor(ItemModel);
    const filter = item.eq('isAssociated', false);
    expect(xmlOf(filter)).toContain('item:IsAssociated');
    expect(() => restrictionXml(filter, { version: 'Exchange2007_SP1' })).toThrow(
      /isAssociated.*Exchange2010 or newer.*Exchange2007_SP1/,
    );
    expect(errorCodeOf(() => restrictionXml(item.not(filter), { version: 'Exchange2007' }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
  });

  it('negates comparisons by inverting them, and wraps everything else in t:Not', () => {
    expect(xmlOf(msg.not(msg.lt('size', 10)))).toContain('<t:IsGreaterThanOrEqualTo>');
    expect(xmlOf(msg.not(msg.not(msg.eq('subject', 'a'))))).toContain('<t:IsEqualTo>');
    expect(xmlOf(msg.not(msg.exists('subject')))).toBe(
      '<m:Restriction><t:Not><t:Exists><t:FieldURI FieldURI="item:Subject"/></t:Exists></t:Not></m:Restriction>',
    );
  });

  it('folds constant filters: in [] matches nothing, and() everything', () => {
    expect(restrictionXml(msg.in('subject', []), V)).toEqual({ matches: 'none' });
    expect(restrictionXml(msg.and(), V)).toEqual({ matches: 'all' });
    expect(restrictionXml(msg.and(msg.eq('subject', 'a'), msg.none()), V)).toEqual({ matches: 'none' });
    expect(xmlOf(msg.or(msg.eq('subject', 'a'), msg.none()))).toContain('<t:IsEqualTo>');
    expect(restrictionXml(msg.not(msg.all()), V)).toEqual({ matches: 'none' });
    expect(restrictionXml(msg.or(msg.eq('subject', 'a'), msg.all()), V)).toEqual({ matches: 'all' });
  });

  it('escapes constants, writes booleans as 1/0, dates of date-only fields as UTC midnight', () => {
    expect(xmlOf(msg.eq('subject', 'a "quoted" <b> & c'))).toContain(
      'Value="a &quot;quoted&quot; &lt;b&gt; &amp; c"',
    );
    expect(xmlOf(msg.eq('isRead', true))).toContain('Value="1"');
    const contact = filterFor(ContactModel);
    expect(xmlOf(contact.eq('birthday', PlainDate.of(1980, 2, 3)))).toContain('Value="1980-02-03T00:00:00Z"');
    // a body is searched by its text
    expect(xmlOf(msg.icontains('body', 'agenda'))).toContain(
      'FieldURI="item:Body"/><t:Constant Value="agenda"/>',
    );
  });

  it('accepts indexed and extended properties', () => {
    const flag = extendedField({ propertyTag: '0x1090', propertyType: 'Integer' });
    expect(xmlOf(msg.eq(flag, 2))).toContain(
      '<t:ExtendedFieldURI PropertyTag="0x1090" PropertyType="Integer"/>',
    );
    expect(
      errorCodeOf(() => extendedField({ propertyTag: '0x1090', propertyName: 'x', propertyType: 'Integer' })),
    ).toBe('EWS_INVALID_ARGUMENT');
    expect(
      errorCodeOf(() =>
        extendedField({
          propertyType: 'Bogus' as 'String',
          distinguishedPropertySetId: 'Common',
          propertyId: 1,
        }),
      ),
    ).toBe('EWS_INVALID_ARGUMENT');
  });
});

describe('where: the object form', () => {
  it('builds the same restriction as the builder', () => {
    const from = new Date('2024-03-01T08:00:00Z');
    const to = new Date('2024-03-02T08:00:00Z');
    const viaWhere = where(CalendarItemModel, {
      start: { gte: from, lt: to },
      subject: { icontains: 'review' },
      isAllDay: false,
      categories: { exists: false },
    });
    const viaBuilder = cal.and(
      cal.gte('start', from),
      cal.lt('start', to),
      cal.icontains('subject', 'review'),
      cal.eq('isAllDay', false),
      cal.not(cal.exists('categories')),
    );
    expect(xmlOf(viaWhere)).toBe(xmlOf(viaBuilder));
  });

  it('supports every lookup name', () => {
    const spec = {
      subject: {
        eq: 'a',
        ne: 'b',
        exact: 'c',
        iexact: 'd',
        contains: 'e',
        startsWith: 'f',
        iStartsWith: 'g',
      },
      size: { gt: 1, lte: 9, range: [2, 8] as const, in: [3, 4] },
      importance: { in: ['High', 'Low'] as ('High' | 'Low')[] },
    } as const;
    const xml = xmlOf(where(MessageModel, spec));
    for (const element of [
      'IsEqualTo',
      'IsNotEqualTo',
      'IsGreaterThan',
      'IsLessThanOrEqualTo',
      'Or',
      'Contains',
    ])
      expect(xml).toContain(`<t:${element}>`.replace('<t:Contains>', '<t:Contains '));
    expect(xml.match(/ContainmentMode="(\w+)" ContainmentComparison="(\w+)"/g)).toEqual([
      'ContainmentMode="FullString" ContainmentComparison="Exact"',
      'ContainmentMode="FullString" ContainmentComparison="IgnoreCase"',
      'ContainmentMode="Substring" ContainmentComparison="Exact"',
      'ContainmentMode="Prefixed" ContainmentComparison="Exact"',
      'ContainmentMode="Prefixed" ContainmentComparison="IgnoreCase"',
    ]);
  });

  it('checks the spec at compile time', () => {
    const typeErrors = () => {
      // @ts-expect-error: not a calendar field
      where(CalendarItemModel, { nope: 1 });
      // @ts-expect-error: text lookups need a text field
      where(CalendarItemModel, { start: { contains: 'x' } });
      // @ts-expect-error: start takes Dates
      where(CalendarItemModel, { start: { gte: 5 } });
    };
    expect(typeof typeErrors).toBe('function');
  });

  it('refuses unknown lookups and a malformed range', () => {
    const loose = where as (model: typeof MessageModel, spec: unknown) => Filter;
    expect(() => loose(MessageModel, { subject: { like: 'x' } })).toThrow(/unknown lookup 'like'/);
    expect(errorCodeOf(() => loose(MessageModel, { size: { range: [1] } }))).toBe('EWS_INVALID_ARGUMENT');
    expect(errorCodeOf(() => loose(MessageModel, { nope: 1 }))).toBe('EWS_INVALID_ARGUMENT');
  });
});

describe('QueryString', () => {
  it('has no attributes before Exchange 2013 and is refused on 2007', () => {
    expect(queryStringXml('subject:a&b', { version: 'Exchange2010_SP2' }).xml).toBe(
      '<m:QueryString>subject:a&amp;b</m:QueryString>',
    );
    expect(queryStringXml('x', { version: 'Exchange2013', resetCache: false }).xml).toContain(
      'ResetCache="false"',
    );
    expect(errorCodeOf(() => queryStringXml('x', { version: 'Exchange2007_SP1' }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
    expect(errorCodeOf(() => queryStringXml(' ', V))).toBe('EWS_INVALID_ARGUMENT');
  });
});

describe('schema', () => {
  it('every containment mode and comparison, and every comparison, validates inside FindItem', async () => {
    const filters: Filter[] = [];
    for (const mode of CONTAINMENT_MODES)
      for (const comparison of CONTAINMENT_COMPARISONS)
        filters.push(msg.contains('subject', 'x', { mode, comparison }));
    filters.push(
      msg.and(
        msg.ne('size', 1),
        msg.gt('size', 1),
        msg.lt('size', 1),
        msg.or(msg.eq('isRead', true), msg.not(msg.exists('categories'))),
        msg.eq(
          extendedField({
            distinguishedPropertySetId: 'Common',
            propertyId: 0x8501,
            propertyType: 'Integer',
          }),
          5,
        ),
      ),
    );
    const documents = filters.map((f) => findItemEnvelope('Exchange2016', { restriction: xmlOf(f) }));
    const results = await validateEws(documents, { names: documents.map((_, i) => `filter ${i}`) });
    expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.errors}`)).toEqual([]);
    expect(results).toHaveLength(CONTAINMENT_MODES.length * CONTAINMENT_COMPARISONS.length + 1);
  });
});
