import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaDir } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extendedPathReader } from '../src/query/extended-path-reader.js';
import type { PathResolver } from '../src/query/path-reader.js';
import { compileRestrictionWith } from '../src/query/restriction.js';
import { FOLDER_URIS_BEFORE_EXTENDED, ITEM_URIS_BEFORE_EXTENDED } from '../src/render/extended-properties.js';
import {
  parseExtendedPath,
  readExtendedProperties,
  type StoredExtendedProperty,
} from '../src/store/extended-properties.js';
import { parseXml } from '../src/xml/xml-tree.js';
import { type Harness, startHarness, texts } from './support/harness.js';

// Restriction paths beyond plain FieldURIs: IndexedFieldURI entries, list members, the body's text,
// and the paths Exchange accepts but never matches (exchangelib's live suite: ReminderDueBy,
// ConversationIndex, PercentComplete, AllowNewTimeProposal).

const shape =
  '<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="item:Subject"/></t:AdditionalProperties></m:ItemShape>';
const findItem = (folder: string, restriction: string, sort = '') =>
  `<m:FindItem Traversal="Shallow">${shape}<m:Restriction>${restriction}</m:Restriction>${sort}` +
  `<m:ParentFolderIds><t:DistinguishedFolderId Id="${folder}"/></m:ParentFolderIds></m:FindItem>`;
const field = (uri: string) => `<t:FieldURI FieldURI="${uri}"/>`;
const indexed = (uri: string, index: string) =>
  `<t:IndexedFieldURI FieldURI="${uri}" FieldIndex="${index}"/>`;
const compare = (path: string, value: string, op = 'IsEqualTo') =>
  `<t:${op}>${path}<t:FieldURIOrConstant><t:Constant Value="${value}"/></t:FieldURIOrConstant></t:${op}>`;
const contains = (path: string, value: string, mode = 'Substring', comparison = 'IgnoreCase') =>
  `<t:Contains ContainmentMode="${mode}" ContainmentComparison="${comparison}">${path}<t:Constant Value="${value}"/></t:Contains>`;

describe('restriction paths', () => {
  let h: Harness;
  const run = async (folder: string, restriction: string, sort = '') => {
    const reply = await h.call('alice', findItem(folder, restriction, sort));
    return { codes: texts(reply.doc, 'ResponseCode'), subjects: texts(reply.doc, 'Subject').sort() };
  };

  beforeAll(async () => {
    h = await startHarness();
    const message = (subject: string, body: string, bodyType: string, categories: readonly string[]) =>
      `<t:Message><t:Subject>${subject}</t:Subject><t:Body BodyType="${bodyType}">${body}</t:Body>` +
      `${categories.length ? `<t:Categories>${categories.map((c) => `<t:String>${c}</t:String>`).join('')}</t:Categories>` : ''}</t:Message>`;
    const created = await h.call(
      'alice',
      '<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId><t:DistinguishedFolderId Id="notes"/></m:SavedItemFolderId><m:Items>' +
        message('merger', 'The merger is finalized.', 'Text', ['Red', 'Project X']) +
        message('html', '&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;', 'HTML', ['Blue']) +
        message('plain', 'Nothing to see.', 'Text', []) +
        '</m:Items></m:CreateItem>',
    );
    expect(texts(created.doc, 'ResponseCode')).toEqual(['NoError', 'NoError', 'NoError']);
    const contact = await h.call(
      'alice',
      '<m:CreateItem><m:SavedItemFolderId><t:DistinguishedFolderId Id="contacts"/></m:SavedItemFolderId><m:Items><t:Contact>' +
        '<t:GivenName>Indexed</t:GivenName>' +
        '<t:EmailAddresses><t:Entry Key="EmailAddress1">indexed.person@fabrikam.example</t:Entry></t:EmailAddresses>' +
        '<t:PhoneNumbers><t:Entry Key="BusinessPhone">+45 1234 5678</t:Entry></t:PhoneNumbers>' +
        '<t:Surname>Person</t:Surname>' +
        '</t:Contact></m:Items></m:CreateItem>',
    );
    expect(texts(contact.doc, 'ResponseCode')).toEqual(['NoError']);
  });
  afterAll(async () => {
    await h.finish();
  });

  it.each([
    ['item:ReminderDueBy', '2026-03-11T12:00:00Z', 'notes'],
    ['message:ConversationIndex', 'AQHX', 'notes'],
    ['task:PercentComplete', '0', 'tasks'],
    ['calendar:AllowNewTimeProposal', 'true', 'calendar'],
  ])('accepts %s and matches nothing', async (uri, value, folder) => {
    for (const op of ['IsEqualTo', 'IsGreaterThanOrEqualTo', 'IsLessThanOrEqualTo']) {
      expect(await run(folder, compare(field(uri), value, op))).toEqual({ codes: ['NoError'], subjects: [] });
    }
    expect(await run(folder, `<t:Exists>${field(uri)}</t:Exists>`)).toEqual({
      codes: ['NoError'],
      subjects: [],
    });
  });

  it('searches the body as its text (HTML converted), with Contains and IsEqualTo', async () => {
    expect(await run('notes', contains(field('item:Body'), 'MERGER'))).toEqual({
      codes: ['NoError'],
      subjects: ['merger'],
    });
    expect(await run('notes', contains(field('item:Body'), 'hello world'))).toEqual({
      codes: ['NoError'],
      subjects: ['html'],
    });
    expect(await run('notes', compare(field('item:Body'), 'Nothing to see.'))).toEqual({
      codes: ['NoError'],
      subjects: ['plain'],
    });
  });

  it('matches item:Categories when any member does, without regard to case', async () => {
    expect(await run('notes', compare(field('item:Categories'), 'red'))).toEqual({
      codes: ['NoError'],
      subjects: ['merger'],
    });
    // exchangelib's categories__contains=[a, b] is an And of IsEqualTo; categories__in an Or.
    const both = `<t:And>${compare(field('item:Categories'), 'Red')}${compare(field('item:Categories'), 'project x')}</t:And>`;
    expect((await run('notes', both)).subjects).toEqual(['merger']);
    const either = `<t:Or>${compare(field('item:Categories'), 'Red')}${compare(field('item:Categories'), 'BLUE')}</t:Or>`;
    expect((await run('notes', either)).subjects).toEqual(['html', 'merger']);
    expect((await run('notes', contains(field('item:Categories'), 'proj'))).subjects).toEqual(['merger']);
    // IsNotEqualTo: has categories, none of them equal (an item without categories matches no comparison).
    expect((await run('notes', compare(field('item:Categories'), 'Red', 'IsNotEqualTo'))).subjects).toEqual([
      'html',
    ]);
    expect((await run('notes', `<t:Exists>${field('item:Categories')}</t:Exists>`)).subjects).toEqual([
      'html',
      'merger',
    ]);
    const sort = `<m:SortOrder><t:FieldOrder Order="Ascending">${field('item:Categories')}</t:FieldOrder></m:SortOrder>`;
    expect((await run('notes', `<t:Exists>${field('item:Subject')}</t:Exists>`, sort)).codes).toEqual([
      'ErrorUnsupportedPathForSortGroup',
    ]);
  });

  it('reads IndexedFieldURI entries (contacts:EmailAddress, contacts:PhoneNumber) by their FieldIndex', async () => {
    const email = (index: string) =>
      compare(indexed('contacts:EmailAddress', index), 'INDEXED.person@fabrikam.example');
    expect(await run('contacts', email('EmailAddress1'))).toEqual({
      codes: ['NoError'],
      subjects: ['Indexed Person'],
    });
    expect(await run('contacts', email('EmailAddress2'))).toEqual({ codes: ['NoError'], subjects: [] });
    expect((await run('contacts', email('EmailAddress4'))).codes).toEqual(['ErrorInvalidContactEmailIndex']);
    const phone = contains(indexed('contacts:PhoneNumber', 'BusinessPhone'), '1234', 'Substring', 'Exact');
    expect((await run('contacts', phone)).subjects).toEqual(['Indexed Person']);
    expect((await run('contacts', contains(indexed('contacts:PhoneNumber', 'Bogus'), '1'))).codes).toEqual([
      'ErrorUnsupportedPathForQuery',
    ]);
    // A physical address part the contact does not have: accepted, no match.
    expect(
      await run('contacts', compare(indexed('contacts:PhysicalAddress:City', 'Business'), 'Paris')),
    ).toEqual({
      codes: ['NoError'],
      subjects: [],
    });
  });

  it.each([
    'message:IsResponseRequested',
    'message:IsReadReceiptRequested',
    'message:IsDeliveryReceiptRequested',
    'item:ReminderIsSet',
  ])('accepts %s', async (uri) => {
    expect((await run('notes', compare(field(uri), 'true'))).codes).toEqual(['NoError']);
  });

  it.each([
    ['calendar:When', 'tomorrow'],
    ['calendar:ConferenceType', '1'],
    ['item:ReminderMinutesBeforeStart', '15'],
  ])('accepts %s', async (uri, value) => {
    expect((await run('calendar', compare(field(uri), value))).codes).toEqual(['NoError']);
  });

  it('still refuses recipient lists, which Exchange does not search (exchangelib: is_searchable=False)', async () => {
    expect((await run('notes', compare(field('message:ToRecipients'), 'bob@contoso.test'))).codes).toEqual([
      'ErrorUnsupportedPathForQuery',
    ]);
  });
});

describe('the restriction evaluator over folders', () => {
  interface Folder {
    readonly displayName: string;
    readonly extendedProperties: StoredExtendedProperty[];
  }
  const folder = (displayName: string, props: string): Folder => ({
    displayName,
    extendedProperties: readExtendedProperties(parseXml(`<Folder xmlns:t="urn:t">${props}</Folder>`)),
  });
  const color = (value: string) =>
    `<t:ExtendedProperty><t:ExtendedFieldURI DistinguishedPropertySetId="PublicStrings" PropertyName="Color" PropertyType="String"/><t:Value>${value}</t:Value></t:ExtendedProperty>`;
  // A folder resolver as FindFolder can build one: its own FieldURIs, extended properties from the shared reader.
  const resolve: PathResolver<Folder> = (path, error) => {
    if (path.name === 'ExtendedFieldURI') return extendedPathReader(path, (f: Folder) => f);
    if (path.attrs.FieldURI === 'folder:DisplayName') return { read: (f) => f.displayName };
    throw new Error(error);
  };

  it('evaluates extended and folder paths with the same semantics as items', () => {
    const folders = [
      folder('Projects', color('teal')),
      folder('Archive', color('Amber')),
      folder('Plain', ''),
    ];
    const restriction = parseXml(
      '<Or><IsEqualTo><ExtendedFieldURI PropertySetId="00020329-0000-0000-C000-000000000046" PropertyName="Color" PropertyType="String"/>' +
        '<FieldURIOrConstant><Constant Value="AMBER"/></FieldURIOrConstant></IsEqualTo>' +
        '<Contains ContainmentMode="Prefixed" ContainmentComparison="IgnoreCase"><FieldURI FieldURI="folder:DisplayName"/><Constant Value="proj"/></Contains></Or>',
    );
    const predicate = compileRestrictionWith(restriction, resolve);
    expect(folders.filter(predicate).map((f) => f.displayName)).toEqual(['Projects', 'Archive']);
  });
});

describe('where t:ExtendedProperty goes (types.xsd)', () => {
  const types = readFileSync(join(schemaDir, 'types.xsd'), 'utf8');
  /** The element names of a complex type's sequence that come before its ExtendedProperty. */
  function before(typeName: string): string[] {
    const start = types.indexOf(`<xs:complexType name="${typeName}"`);
    const body = types.slice(start, types.indexOf('</xs:complexType>', start));
    const names = [...body.matchAll(/<xs:element name="([A-Za-z]+)"/g)].map((m) => m[1] ?? '');
    return names.slice(0, names.indexOf('ExtendedProperty'));
  }

  it('lists ItemType elements before ExtendedProperty', () => {
    expect(before('ItemType').map((n) => `item:${n}`)).toEqual([...ITEM_URIS_BEFORE_EXTENDED]);
  });

  it('lists BaseFolderType elements before ExtendedProperty', () => {
    expect(before('BaseFolderType').map((n) => `folder:${n}`)).toEqual([...FOLDER_URIS_BEFORE_EXTENDED]);
  });
});

describe('PropertyType outside the schema', () => {
  // Requests are not always schema-checked (validateRequests is an option): the reader refuses on its own.
  const codeFor = (type: string) => {
    const path = parseXml(`<ExtendedFieldURI PropertyTag="0x1090" PropertyType="${type}"/>`);
    try {
      parseExtendedPath(path);
      return 'accepted';
    } catch (error) {
      return (error as { responseCode?: string }).responseCode;
    }
  };

  it.each([
    ['BooleanArray', 'ErrorInvalidExtendedProperty'],
    ['Bogus', 'ErrorInvalidExtendedProperty'],
    ['Error', 'ErrorUnsupportedMapiPropertyType'],
    ['Null', 'ErrorUnsupportedMapiPropertyType'],
    ['ObjectArray', 'ErrorUnsupportedMapiPropertyType'],
    ['IntegerArray', 'accepted'],
  ])('%s: %s', (type, code) => {
    expect(codeFor(type)).toBe(code);
  });
});
