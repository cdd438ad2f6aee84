import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

// Extended properties (t:ExtendedProperty / t:ExtendedFieldURI) on items and folders, written from
// Microsoft's EWS reference (ExtendedFieldURI, ExtendedProperty, Value) and MS-OXWSXPROP's examples.

const EXPIRATION = 'PropertySetId="c11ff724-aa03-4555-9952-8fa248a11c3e" PropertyName="Expiration Date"';
const EMPLOYEE = 'PropertySetId="c11ff724-aa03-4555-9952-8fa248a11c3e" PropertyName="Employee Type"';
const MY_FLAG = 'PropertySetId="33a3e9df-5b34-48a6-ab23-a1e4ab7b3fa1" PropertyName="MyFlag"';

const uri = (attrs: string) => `<t:ExtendedFieldURI ${attrs}/>`;
const prop = (attrs: string, value: string) =>
  `<t:ExtendedProperty>${uri(attrs)}<t:Value>${value}</t:Value></t:ExtendedProperty>`;
const props = (attrs: string, values: readonly string[]) =>
  `<t:ExtendedProperty>${uri(attrs)}<t:Values>${values.map((v) => `<t:Value>${v}</t:Value>`).join('')}</t:Values></t:ExtendedProperty>`;

const createMessage = (subject: string, extended: string, folder = 'drafts') =>
  `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId><t:DistinguishedFolderId Id="${folder}"/></m:SavedItemFolderId>` +
  `<m:Items><t:Message><t:ItemClass>IPM.Note</t:ItemClass><t:Subject>${subject}</t:Subject><t:Body BodyType="Text">The merger is finalized.</t:Body>` +
  `${extended}</t:Message></m:Items></m:CreateItem>`;

const shape = (base: string, paths: readonly string[]) =>
  `<m:ItemShape><t:BaseShape>${base}</t:BaseShape>${
    paths.length === 0 ? '' : `<t:AdditionalProperties>${paths.join('')}</t:AdditionalProperties>`
  }</m:ItemShape>`;

const getItem = (id: string, paths: readonly string[], base = 'IdOnly') =>
  `<m:GetItem>${shape(base, paths)}<m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;

const findItem = (restriction: string, paths: readonly string[] = [], folder = 'drafts', sort = '') =>
  `<m:FindItem Traversal="Shallow">${shape('IdOnly', ['<t:FieldURI FieldURI="item:Subject"/>', ...paths])}` +
  `<m:IndexedPageItemView MaxEntriesReturned="200" Offset="0" BasePoint="Beginning"/>` +
  `${restriction === '' ? '' : `<m:Restriction>${restriction}</m:Restriction>`}${sort}` +
  `<m:ParentFolderIds><t:DistinguishedFolderId Id="${folder}"/></m:ParentFolderIds></m:FindItem>`;

const isEqualTo = (path: string, value: string, op = 'IsEqualTo') =>
  `<t:${op}>${path}<t:FieldURIOrConstant><t:Constant Value="${value}"/></t:FieldURIOrConstant></t:${op}>`;

const updateItem = (id: string, updates: string) =>
  `<m:UpdateItem ConflictResolution="AlwaysOverwrite" MessageDisposition="SaveOnly"><m:ItemChanges><t:ItemChange>` +
  `<t:ItemId Id="${id}"/><t:Updates>${updates}</t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`;

/** Each t:ExtendedProperty of the answer: its path's attributes and its value(s). */
function extendedOf(doc: Parameters<typeof findAll>[0]) {
  return findAll(doc, 'ExtendedProperty').map((p) => ({
    path: first(p, 'ExtendedFieldURI').attrs,
    value: p.children.find((c) => c.name === 'Value')?.text,
    values: findAll(p, 'Values').length > 0 ? texts(p, 'Value') : undefined,
  }));
}

describe('extended properties on items', () => {
  let h: Harness;
  let id = '';

  beforeAll(async () => {
    h = await startHarness();
    // MS-OXWSXPROP 3.1 "Creating Extended Properties": three custom properties on a new message.
    const created = await h.call(
      'alice',
      createMessage(
        'Interesting',
        prop(`${EXPIRATION} PropertyType="String"`, '12/25/2009 3:25:15 PM') +
          prop(`${EMPLOYEE} PropertyType="String"`, 'Part Time') +
          prop(`${MY_FLAG} PropertyType="Integer"`, '4'),
      ),
    );
    expect(texts(created.doc, 'ResponseCode')).toEqual(['NoError']);
    id = first(created.doc, 'ItemId').attrs.Id ?? '';
  });
  afterAll(async () => {
    await h.finish();
  });

  it('keeps them on CreateItem and returns only those the shape names', async () => {
    const named = await h.call(
      'alice',
      getItem(id, [uri(`${EXPIRATION} PropertyType="String"`), uri(`${MY_FLAG} PropertyType="Integer"`)]),
    );
    expect(extendedOf(named.doc)).toEqual([
      {
        path: {
          PropertySetId: 'c11ff724-aa03-4555-9952-8fa248a11c3e',
          PropertyName: 'Expiration Date',
          PropertyType: 'String',
        },
        value: '12/25/2009 3:25:15 PM',
        values: undefined,
      },
      {
        path: {
          PropertySetId: '33a3e9df-5b34-48a6-ab23-a1e4ab7b3fa1',
          PropertyName: 'MyFlag',
          PropertyType: 'Integer',
        },
        value: '4',
        values: undefined,
      },
    ]);
    // Exchange returns an extended property only when asked: AllProperties does not include them.
    const all = await h.call('alice', getItem(id, [], 'AllProperties'));
    expect(findAll(all.doc, 'ExtendedProperty')).toEqual([]);
    // FindItem returns them too, named in its shape.
    const found = await h.call(
      'alice',
      findItem(isEqualTo('<t:FieldURI FieldURI="item:Subject"/>', 'Interesting'), [
        uri(`${EMPLOYEE} PropertyType="String"`),
      ]),
    );
    expect(extendedOf(found.doc).map((p) => p.value)).toEqual(['Part Time']);
  });

  it('writes t:ExtendedProperty where ItemType puts it (after HasAttachments, before later properties)', async () => {
    const reply = await h.call(
      'alice',
      getItem(id, [uri(`${MY_FLAG} PropertyType="Integer"`)], 'AllProperties'),
    );
    const names = first(reply.doc, 'Message').children.map((c) => c.name);
    const at = names.indexOf('ExtendedProperty');
    expect(at).toBeGreaterThan(names.indexOf('HasAttachments'));
    expect(at).toBeLessThan(names.indexOf('LastModifiedTime'));
    // The harness validates every answer against types.xsd when it finishes.
  });

  it('identifies a property by set and name regardless of the GUID letter case, and answers in canonical form', async () => {
    const upper = await h.call(
      'alice',
      getItem(id, [
        uri(
          'PropertySetId="C11FF724-AA03-4555-9952-8FA248A11C3E" PropertyName="Employee Type" PropertyType="String"',
        ),
      ]),
    );
    expect(extendedOf(upper.doc)).toEqual([
      {
        path: {
          PropertySetId: 'c11ff724-aa03-4555-9952-8fa248a11c3e',
          PropertyName: 'Employee Type',
          PropertyType: 'String',
        },
        value: 'Part Time',
        values: undefined,
      },
    ]);
    // The name is case-sensitive; another type is another property (MAPI tags include the type).
    const otherName = await h.call(
      'alice',
      getItem(id, [uri(`${EMPLOYEE.replace('Employee Type', 'employee type')} PropertyType="String"`)]),
    );
    expect(findAll(otherName.doc, 'ExtendedProperty')).toEqual([]);
    const otherType = await h.call('alice', getItem(id, [uri(`${MY_FLAG} PropertyType="String"`)]));
    expect(findAll(otherType.doc, 'ExtendedProperty')).toEqual([]);
  });

  it('takes PropertyTag in hex or decimal as one property, and answers it in hex', async () => {
    // exchangelib's Flag: PR_FLAG_STATUS, PropertyTag 0x1090, Integer.
    const created = await h.call(
      'alice',
      createMessage('tagged', prop('PropertyTag="0x1090" PropertyType="Integer"', '2')),
    );
    const tagged = first(created.doc, 'ItemId').attrs.Id ?? '';
    for (const tag of ['0x1090', '4240', '0X1090']) {
      const reply = await h.call(
        'alice',
        getItem(tagged, [uri(`PropertyTag="${tag}" PropertyType="Integer"`)]),
      );
      expect(extendedOf(reply.doc)).toEqual([
        { path: { PropertyTag: '0x1090', PropertyType: 'Integer' }, value: '2', values: undefined },
      ]);
    }
    // Named twice in one shape (hex and decimal): written once.
    const twice = await h.call(
      'alice',
      getItem(tagged, [
        uri('PropertyTag="0x1090" PropertyType="Integer"'),
        uri('PropertyTag="4240" PropertyType="Integer"'),
      ]),
    );
    expect(findAll(twice.doc, 'ExtendedProperty')).toHaveLength(1);
  });

  it('answers a well-known property set by its DistinguishedPropertySetId, however the request named it', async () => {
    // exchangelib's MyMeeting (Meeting set, id 3, Binary) and MyMeetingArray (Address set by GUID, BinaryArray).
    const created = await h.call(
      'alice',
      createMessage(
        'distinguished',
        prop('DistinguishedPropertySetId="Meeting" PropertyId="3" PropertyType="Binary"', 'AAECAw==') +
          props(
            'PropertySetId="00062004-0000-0000-C000-000000000046" PropertyId="32852" PropertyType="BinaryArray"',
            ['AQ==', 'AgM='],
          ),
      ),
    );
    const item = first(created.doc, 'ItemId').attrs.Id ?? '';
    const reply = await h.call(
      'alice',
      getItem(item, [
        uri('PropertySetId="6ED8DA90-450B-101B-98DA-00AA003F1305" PropertyId="3" PropertyType="Binary"'),
        uri('DistinguishedPropertySetId="Address" PropertyId="32852" PropertyType="BinaryArray"'),
      ]),
    );
    expect(extendedOf(reply.doc)).toEqual([
      {
        path: { DistinguishedPropertySetId: 'Meeting', PropertyId: '3', PropertyType: 'Binary' },
        value: 'AAECAw==',
        values: undefined,
      },
      {
        path: { DistinguishedPropertySetId: 'Address', PropertyId: '32852', PropertyType: 'BinaryArray' },
        value: undefined,
        values: ['AQ==', 'AgM='],
      },
    ]);
  });

  // Every PropertyType that carries a value, single and Array: what is sent, what comes back.
  const ROUND_TRIPS: readonly [type: string, sent: readonly string[], back: readonly string[]][] = [
    ['String', ['  spaced  text '], ['  spaced  text ']],
    ['Boolean', ['1'], ['true']],
    ['Short', ['-32768'], ['-32768']],
    ['Integer', ['007'], ['7']],
    ['Long', ['9007199254740993'], ['9007199254740993']],
    ['Currency', ['-42'], ['-42']],
    ['Double', ['1.5E3'], ['1500']],
    ['Float', ['0.25'], ['0.25']],
    ['ApplicationTime', ['45000.5'], ['45000.5']],
    ['SystemTime', ['2026-03-11T13:00:00+01:00'], ['2026-03-11T12:00:00Z']],
    ['CLSID', ['{C11FF724-AA03-4555-9952-8FA248A11C3E}'], ['c11ff724-aa03-4555-9952-8fa248a11c3e']],
    ['Binary', ['3q2+7w=='], ['3q2+7w==']],
    ['StringArray', ['a', 'b'], ['a', 'b']],
    ['IntegerArray', ['1', '-2'], ['1', '-2']],
    ['ShortArray', ['1'], ['1']],
    [
      'LongArray',
      ['-9223372036854775808', '9223372036854775807'],
      ['-9223372036854775808', '9223372036854775807'],
    ],
    ['CurrencyArray', ['5'], ['5']],
    ['DoubleArray', ['2.5', '-1'], ['2.5', '-1']],
    ['FloatArray', ['3'], ['3']],
    ['ApplicationTimeArray', ['1.25'], ['1.25']],
    [
      'SystemTimeArray',
      ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00.000Z'],
      ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'],
    ],
    ['CLSIDArray', ['C11FF724-AA03-4555-9952-8FA248A11C3E'], ['c11ff724-aa03-4555-9952-8fa248a11c3e']],
    ['BinaryArray', ['AA==', 'AAE='], ['AA==', 'AAE=']],
  ];

  it.each(ROUND_TRIPS)('keeps a %s value in canonical form', async (type, sent, back) => {
    const attrs = `PropertySetId="0b7c4c6e-2d6f-4f52-9b0c-1c0e5a6b7c8d" PropertyName="rt-${type}" PropertyType="${type}"`;
    const value = type.endsWith('Array') ? props(attrs, sent) : prop(attrs, sent[0] ?? '');
    const created = await h.call('alice', createMessage(`rt ${type}`, value));
    expect(texts(created.doc, 'ResponseCode')).toEqual(['NoError']);
    const reply = await h.call('alice', getItem(first(created.doc, 'ItemId').attrs.Id ?? '', [uri(attrs)]));
    const [got] = extendedOf(reply.doc);
    expect(type.endsWith('Array') ? got?.values : [got?.value]).toEqual(back);
  });

  // Values that are not of their PropertyType, and Value/Values on the wrong kind of type.
  const BAD_VALUES: readonly [type: string, body: string][] = [
    ['Boolean', '<t:Value>yes</t:Value>'],
    ['Short', '<t:Value>32768</t:Value>'],
    ['Integer', '<t:Value>2147483648</t:Value>'],
    ['Integer', '<t:Value>1.5</t:Value>'],
    ['Long', '<t:Value>9223372036854775808</t:Value>'],
    ['Double', '<t:Value>NaN</t:Value>'],
    ['SystemTime', '<t:Value>tomorrow</t:Value>'],
    ['CLSID', '<t:Value>not-a-guid</t:Value>'],
    ['Binary', '<t:Value>***</t:Value>'],
    ['StringArray', '<t:Value>single</t:Value>'],
    ['String', '<t:Values><t:Value>a</t:Value></t:Values>'],
    ['IntegerArray', '<t:Values><t:Value>1</t:Value><t:Value>x</t:Value></t:Values>'],
  ];

  it.each(BAD_VALUES)(
    'refuses a bad %s value with ErrorInvalidExtendedPropertyValue (%s)',
    async (type, body) => {
      const extended = `<t:ExtendedProperty>${uri(`${MY_FLAG} PropertyType="${type}"`)}${body}</t:ExtendedProperty>`;
      const reply = await h.call('alice', createMessage('bad value', extended));
      expect(texts(reply.doc, 'ResponseCode')).toEqual(['ErrorInvalidExtendedPropertyValue']);
    },
  );

  // Attribute combinations the schema's documentation rules out (each is schema-valid on its own).
  const BAD_PATHS: readonly [what: string, attrs: string, code: string][] = [
    [
      'a tag in the custom range',
      'PropertyTag="0x8000" PropertyType="Integer"',
      'ErrorInvalidExtendedProperty',
    ],
    [
      'a decimal tag in the custom range',
      'PropertyTag="65534" PropertyType="Integer"',
      'ErrorInvalidExtendedProperty',
    ],
    [
      'a tag with a property set',
      'PropertyTag="0x1090" PropertySetId="c11ff724-aa03-4555-9952-8fa248a11c3e" PropertyType="Integer"',
      'ErrorInvalidExtendedProperty',
    ],
    [
      'a set without name or id',
      'DistinguishedPropertySetId="Common" PropertyType="Integer"',
      'ErrorInvalidExtendedProperty',
    ],
    [
      'both name and id',
      'DistinguishedPropertySetId="Common" PropertyName="x" PropertyId="1" PropertyType="Integer"',
      'ErrorInvalidExtendedProperty',
    ],
    [
      'both set kinds',
      'DistinguishedPropertySetId="Common" PropertySetId="c11ff724-aa03-4555-9952-8fa248a11c3e" PropertyId="1" PropertyType="Integer"',
      'ErrorInvalidExtendedProperty',
    ],
    ['a name without a set', 'PropertyName="x" PropertyType="Integer"', 'ErrorInvalidExtendedProperty'],
    [
      'the Object type',
      'DistinguishedPropertySetId="Common" PropertyId="1" PropertyType="Object"',
      'ErrorUnsupportedMapiPropertyType',
    ],
  ];

  it.each(BAD_PATHS)('refuses %s on create, in a shape and in a restriction', async (_what, attrs, code) => {
    const created = await h.call('alice', createMessage('bad path', prop(attrs, '1')));
    expect(texts(created.doc, 'ResponseCode')).toEqual([code]);
    const shaped = await h.call('alice', getItem(id, [uri(attrs)]));
    expect(texts(shaped.doc, 'ResponseCode')).toEqual([code]);
    const restricted = await h.call('alice', findItem(`<t:Exists>${uri(attrs)}</t:Exists>`));
    expect(texts(restricted.doc, 'ResponseCode')).toEqual([code]);
  });

  it('refuses the same property twice on one item', async () => {
    const reply = await h.call(
      'alice',
      createMessage(
        'twice',
        prop('PropertyTag="0x1090" PropertyType="Integer"', '1') +
          prop('PropertyTag="4240" PropertyType="Integer"', '2'),
      ),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['ErrorInvalidExtendedProperty']);
  });

  it('sets, replaces and deletes them with UpdateItem', async () => {
    const path = uri(`${EMPLOYEE} PropertyType="String"`);
    const set = (value: string) =>
      `<t:SetItemField>${path}<t:Message>${prop(`${EMPLOYEE} PropertyType="String"`, value)}</t:Message></t:SetItemField>`;
    expect(texts((await h.call('alice', updateItem(id, set('Full Time')))).doc, 'ResponseCode')).toEqual([
      'NoError',
    ]);
    expect(extendedOf((await h.call('alice', getItem(id, [path]))).doc).map((p) => p.value)).toEqual([
      'Full Time',
    ]);

    const added = uri(
      'PropertySetId="5e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b" PropertyId="7" PropertyType="StringArray"',
    );
    const addArray = `<t:SetItemField>${added}<t:Message>${props('PropertySetId="5e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b" PropertyId="7" PropertyType="StringArray"', ['x', 'y'])}</t:Message></t:SetItemField>`;
    expect(texts((await h.call('alice', updateItem(id, addArray))).doc, 'ResponseCode')).toEqual(['NoError']);
    expect(extendedOf((await h.call('alice', getItem(id, [added]))).doc).map((p) => p.values)).toEqual([
      ['x', 'y'],
    ]);

    const deleted = await h.call('alice', updateItem(id, `<t:DeleteItemField>${path}</t:DeleteItemField>`));
    expect(texts(deleted.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(findAll((await h.call('alice', getItem(id, [path]))).doc, 'ExtendedProperty')).toEqual([]);
    // Deleting an absent one is no error.
    const again = await h.call('alice', updateItem(id, `<t:DeleteItemField>${path}</t:DeleteItemField>`));
    expect(texts(again.doc, 'ResponseCode')).toEqual(['NoError']);
  });

  it('refuses an append, a mismatched property and a bad value in UpdateItem, leaving the item as it was', async () => {
    const path = uri(`${MY_FLAG} PropertyType="Integer"`);
    const append = `<t:AppendToItemField>${path}<t:Message>${prop(`${MY_FLAG} PropertyType="Integer"`, '5')}</t:Message></t:AppendToItemField>`;
    expect(texts((await h.call('alice', updateItem(id, append))).doc, 'ResponseCode')).toEqual([
      'ErrorInvalidPropertyAppend',
    ]);
    const other = `<t:SetItemField>${path}<t:Message>${prop(`${EXPIRATION} PropertyType="String"`, 'x')}</t:Message></t:SetItemField>`;
    expect(texts((await h.call('alice', updateItem(id, other))).doc, 'ResponseCode')).toEqual([
      'ErrorIncorrectUpdatePropertyCount',
    ]);
    const subjectThenBad =
      `<t:SetItemField><t:FieldURI FieldURI="item:Subject"/><t:Message><t:Subject>changed</t:Subject></t:Message></t:SetItemField>` +
      `<t:SetItemField>${path}<t:Message>${prop(`${MY_FLAG} PropertyType="Integer"`, 'four')}</t:Message></t:SetItemField>`;
    expect(texts((await h.call('alice', updateItem(id, subjectThenBad))).doc, 'ResponseCode')).toEqual([
      'ErrorInvalidExtendedPropertyValue',
    ]);
    const after = await h.call('alice', getItem(id, [path, '<t:FieldURI FieldURI="item:Subject"/>']));
    expect(texts(after.doc, 'Subject')).toEqual(['Interesting']);
    expect(extendedOf(after.doc).map((p) => p.value)).toEqual(['4']);
  });

  it('travels with a copied item', async () => {
    const copied = await h.call(
      'alice',
      `<m:CopyItem><m:ToFolderId><t:DistinguishedFolderId Id="inbox"/></m:ToFolderId><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:CopyItem>`,
    );
    const copy = first(copied.doc, 'ItemId').attrs.Id ?? '';
    const reply = await h.call('alice', getItem(copy, [uri(`${MY_FLAG} PropertyType="Integer"`)]));
    expect(extendedOf(reply.doc).map((p) => p.value)).toEqual(['4']);
  });
});

describe('extended properties in restrictions and sort orders', () => {
  let h: Harness;
  const SCORE = 'PropertySetId="8d3f7c1e-0f4b-4f0a-9d1e-6b1f0c2a3e4d" PropertyName="Score"';
  const WHEN = 'PropertySetId="8d3f7c1e-0f4b-4f0a-9d1e-6b1f0c2a3e4d" PropertyName="When"';
  const TAGS = 'PropertySetId="8d3f7c1e-0f4b-4f0a-9d1e-6b1f0c2a3e4d" PropertyName="Tags"';
  const BIG = 'PropertySetId="8d3f7c1e-0f4b-4f0a-9d1e-6b1f0c2a3e4d" PropertyName="Big"';
  const NOTE = 'PropertySetId="8d3f7c1e-0f4b-4f0a-9d1e-6b1f0c2a3e4d" PropertyName="Note"';
  const subjects = async (restriction: string, sort = '') =>
    texts((await h.call('alice', findItem(restriction, [], 'notes', sort))).doc, 'Subject');

  beforeAll(async () => {
    h = await startHarness();
    const rows: readonly [string, number, string, readonly string[], string, string][] = [
      ['nine', 9, '2026-01-09T00:00:00Z', ['red', 'Blue'], '9007199254740992', 'Quarterly Report'],
      ['ten', 10, '2026-01-10T00:00:00Z', ['green'], '9007199254740993', 'weekly summary'],
      ['hundred', 100, '2026-01-01T00:30:00+02:00', ['blue', 'green'], '-1', 'report draft'],
    ];
    for (const [subject, score, when, tags, big, note] of rows) {
      const reply = await h.call(
        'alice',
        createMessage(
          subject,
          prop(`${SCORE} PropertyType="Integer"`, String(score)) +
            prop(`${WHEN} PropertyType="SystemTime"`, when) +
            props(`${TAGS} PropertyType="StringArray"`, tags) +
            prop(`${BIG} PropertyType="Long"`, big) +
            prop(`${NOTE} PropertyType="String"`, note),
          'notes',
        ),
      );
      expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    }
    await h.call('alice', createMessage('without', '', 'notes'));
  });
  afterAll(async () => {
    await h.finish();
  });

  it('compares numbers as numbers, with the constant read as the PropertyType', async () => {
    // As strings "10" < "9"; as Integers 10 > 9.
    expect(await subjects(isEqualTo(uri(`${SCORE} PropertyType="Integer"`), '9', 'IsGreaterThan'))).toEqual(
      expect.arrayContaining(['ten', 'hundred']),
    );
    expect(
      await subjects(isEqualTo(uri(`${SCORE} PropertyType="Integer"`), '9', 'IsGreaterThan')),
    ).toHaveLength(2);
    expect(await subjects(isEqualTo(uri(`${SCORE} PropertyType="Integer"`), '0010'))).toEqual(['ten']);
    // IsNotEqualTo never matches an item without the property.
    expect(
      (await subjects(isEqualTo(uri(`${SCORE} PropertyType="Integer"`), '10', 'IsNotEqualTo'))).sort(),
    ).toEqual(['hundred', 'nine']);
    // Long compares exactly beyond 2^53.
    expect(await subjects(isEqualTo(uri(`${BIG} PropertyType="Long"`), '9007199254740993'))).toEqual(['ten']);
  });

  it('compares SystemTime as instants and Exists by presence', async () => {
    // 2026-01-01T00:30:00+02:00 is 2025-12-31T22:30:00Z: before the constant as an instant, after it as text.
    expect(
      await subjects(
        isEqualTo(uri(`${WHEN} PropertyType="SystemTime"`), '2026-01-01T00:00:00Z', 'IsLessThan'),
      ),
    ).toEqual(['hundred']);
    expect((await subjects(`<t:Exists>${uri(`${SCORE} PropertyType="Integer"`)}</t:Exists>`)).sort()).toEqual(
      ['hundred', 'nine', 'ten'],
    );
    expect(
      await subjects(`<t:Not><t:Exists>${uri(`${SCORE} PropertyType="Integer"`)}</t:Exists></t:Not>`),
    ).toEqual(['without']);
    // The same identity with another type is another property: nothing has it.
    expect(await subjects(`<t:Exists>${uri(`${SCORE} PropertyType="String"`)}</t:Exists>`)).toEqual([]);
  });

  it('matches an Array type when any member matches, strings without regard to case', async () => {
    expect((await subjects(isEqualTo(uri(`${TAGS} PropertyType="StringArray"`), 'BLUE'))).sort()).toEqual([
      'hundred',
      'nine',
    ]);
    expect(
      await subjects(isEqualTo(uri(`${TAGS} PropertyType="StringArray"`), 'blue', 'IsNotEqualTo')),
    ).toEqual(['ten']);
  });

  it('searches String properties with Contains', async () => {
    const contains = (value: string, mode: string, comparison: string) =>
      `<t:Contains ContainmentMode="${mode}" ContainmentComparison="${comparison}">${uri(`${NOTE} PropertyType="String"`)}<t:Constant Value="${value}"/></t:Contains>`;
    expect((await subjects(contains('report', 'Substring', 'IgnoreCase'))).sort()).toEqual([
      'hundred',
      'nine',
    ]);
    expect(await subjects(contains('report', 'Prefixed', 'Exact'))).toEqual(['hundred']);
    expect(await subjects(contains('green', 'Substring', 'IgnoreCase'))).toEqual([]);
    const arrays = `<t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase">${uri(`${TAGS} PropertyType="StringArray"`)}<t:Constant Value="REE"/></t:Contains>`;
    expect((await subjects(arrays)).sort()).toEqual(['hundred', 'ten']);
  });

  it('refuses a constant of the wrong type and Contains on a non-text property', async () => {
    const wrong = await h.call(
      'alice',
      findItem(isEqualTo(uri(`${SCORE} PropertyType="Integer"`), 'ten'), [], 'notes'),
    );
    expect(texts(wrong.doc, 'ResponseCode')).toEqual(['ErrorInvalidValueForProperty']);
    const contains = `<t:Contains ContainmentMode="Substring" ContainmentComparison="Exact">${uri(`${SCORE} PropertyType="Integer"`)}<t:Constant Value="1"/></t:Contains>`;
    const refused = await h.call('alice', findItem(contains, [], 'notes'));
    expect(texts(refused.doc, 'ResponseCode')).toEqual(['ErrorUnsupportedQueryFilter']);
  });

  it('sorts by an extended property (absent last) and refuses to sort by an Array type', async () => {
    const order = (path: string, direction: string) =>
      `<m:SortOrder><t:FieldOrder Order="${direction}">${path}</t:FieldOrder></m:SortOrder>`;
    expect(await subjects('', order(uri(`${SCORE} PropertyType="Integer"`), 'Descending'))).toEqual([
      'hundred',
      'ten',
      'nine',
      'without',
    ]);
    expect(await subjects('', order(uri(`${WHEN} PropertyType="SystemTime"`), 'Ascending'))).toEqual([
      'hundred',
      'nine',
      'ten',
      'without',
    ]);
    const refused = await h.call(
      'alice',
      findItem('', [], 'notes', order(uri(`${TAGS} PropertyType="StringArray"`), 'Ascending')),
    );
    expect(texts(refused.doc, 'ResponseCode')).toEqual(['ErrorUnsupportedPathForSortGroup']);
  });
});

describe('extended properties on folders', () => {
  let h: Harness;
  let folderId = '';
  const COLOR = 'PropertySetId="a1b2c3d4-e5f6-4711-8899-aabbccddeeff" PropertyName="Color"';
  const HIDDEN = 'PropertyTag="0x10f4" PropertyType="Boolean"';
  const folderShape = (paths: readonly string[], base = 'Default') =>
    `<m:FolderShape><t:BaseShape>${base}</t:BaseShape>${
      paths.length === 0 ? '' : `<t:AdditionalProperties>${paths.join('')}</t:AdditionalProperties>`
    }</m:FolderShape>`;
  const getFolder = (paths: readonly string[], base = 'Default') =>
    `<m:GetFolder>${folderShape(paths, base)}<m:FolderIds><t:FolderId Id="${folderId}"/></m:FolderIds></m:GetFolder>`;
  const updateFolder = (updates: string) =>
    `<m:UpdateFolder><m:FolderChanges><t:FolderChange><t:FolderId Id="${folderId}"/><t:Updates>${updates}</t:Updates></t:FolderChange></m:FolderChanges></m:UpdateFolder>`;

  beforeAll(async () => {
    h = await startHarness();
    const created = await h.call(
      'alice',
      `<m:CreateFolder><m:ParentFolderId><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderId><m:Folders><t:Folder>` +
        `<t:DisplayName>Projects</t:DisplayName>${prop(`${COLOR} PropertyType="String"`, 'teal')}${prop(HIDDEN, 'false')}</t:Folder></m:Folders></m:CreateFolder>`,
    );
    expect(texts(created.doc, 'ResponseCode')).toEqual(['NoError']);
    folderId = first(created.doc, 'FolderId').attrs.Id ?? '';
  });
  afterAll(async () => {
    await h.finish();
  });

  it('keeps them on CreateFolder and returns them from GetFolder and FindFolder when named', async () => {
    const named = await h.call(
      'alice',
      getFolder(
        [uri(`${COLOR} PropertyType="String"`), uri('PropertyTag="4340" PropertyType="Boolean"')],
        'AllProperties',
      ),
    );
    expect(extendedOf(named.doc)).toEqual([
      {
        path: {
          PropertySetId: 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff',
          PropertyName: 'Color',
          PropertyType: 'String',
        },
        value: 'teal',
        values: undefined,
      },
      { path: { PropertyTag: '0x10f4', PropertyType: 'Boolean' }, value: 'false', values: undefined },
    ]);
    // BaseFolderType: after ChildFolderCount, before EffectiveRights.
    const names = first(named.doc, 'Folder').children.map((c) => c.name);
    expect(names.indexOf('ExtendedProperty')).toBeGreaterThan(names.indexOf('ChildFolderCount'));
    expect(names.lastIndexOf('ExtendedProperty')).toBeLessThan(names.indexOf('EffectiveRights'));
    const unnamed = await h.call('alice', getFolder([], 'AllProperties'));
    expect(findAll(unnamed.doc, 'ExtendedProperty')).toEqual([]);
    const found = await h.call(
      'alice',
      `<m:FindFolder Traversal="Shallow">${folderShape([uri(`${COLOR} PropertyType="String"`)])}<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindFolder>`,
    );
    expect(extendedOf(found.doc).map((p) => p.value)).toEqual(['teal']);
  });

  it('searches them in FindFolder restrictions, with the same semantics as items', async () => {
    const findFolder = (restriction: string) =>
      `<m:FindFolder Traversal="Deep">${folderShape([])}<m:Restriction>${restriction}</m:Restriction>` +
      '<m:ParentFolderIds><t:DistinguishedFolderId Id="msgfolderroot"/></m:ParentFolderIds></m:FindFolder>';
    const color = (value: string) =>
      `<t:IsEqualTo>${uri('PropertySetId="A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF" PropertyName="Color" PropertyType="String"')}` +
      `<t:FieldURIOrConstant><t:Constant Value="${value}"/></t:FieldURIOrConstant></t:IsEqualTo>`;
    const found = await h.call('alice', findFolder(color('TEAL')));
    expect(texts(found.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(texts(found.doc, 'DisplayName')).toEqual(['Projects']);
    const hidden = await h.call(
      'alice',
      findFolder(`<t:Exists>${uri('PropertyTag="4340" PropertyType="Boolean"')}</t:Exists>`),
    );
    expect(texts(hidden.doc, 'DisplayName')).toEqual(['Projects']);
    const none = await h.call('alice', findFolder(color('amber')));
    expect(texts(none.doc, 'DisplayName')).toEqual([]);
  });

  it('sets and deletes them with UpdateFolder', async () => {
    const path = uri(`${COLOR} PropertyType="String"`);
    const set = `<t:SetFolderField>${path}<t:Folder>${prop(`${COLOR} PropertyType="String"`, 'amber')}</t:Folder></t:SetFolderField>`;
    expect(texts((await h.call('alice', updateFolder(set))).doc, 'ResponseCode')).toEqual(['NoError']);
    expect(extendedOf((await h.call('alice', getFolder([path]))).doc).map((p) => p.value)).toEqual(['amber']);
    const removed = await h.call('alice', updateFolder(`<t:DeleteFolderField>${path}</t:DeleteFolderField>`));
    expect(texts(removed.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(findAll((await h.call('alice', getFolder([path]))).doc, 'ExtendedProperty')).toEqual([]);
    const bad = `<t:SetFolderField>${path}<t:Folder>${prop(`${COLOR} PropertyType="String"`, 'x')}${prop(HIDDEN, 'true')}</t:Folder></t:SetFolderField>`;
    expect(texts((await h.call('alice', updateFolder(bad))).doc, 'ResponseCode')).toEqual([
      'ErrorIncorrectUpdatePropertyCount',
    ]);
  });
});
