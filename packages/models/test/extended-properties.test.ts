import { validateEws } from '@ews-tools/ews-schema';
import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import {
  deleteExtendedPropertyXml,
  type ExchangeVersion,
  type ExtendedProperty,
  extendedField,
  extendedPropertyFor,
  extendedValue,
  type Folder,
  FolderModel,
  filterFor,
  findExtendedValue,
  fromXml,
  itemShape,
  type Message,
  MessageModel,
  restrictionXml,
  sameExtendedField,
  setExtendedPropertyXml,
  toXml,
} from '../src/index.js';
import { extendedPropertiesFromXml } from '../src/properties/extended-property.js';
import { createFolderEnvelope, createItemEnvelope, getItemResponseEnvelope } from './helpers/envelopes.js';
import { errorCodeOf } from './helpers/error-code.js';
import { rootOf } from './helpers/xml.js';

const VERSION: ExchangeVersion = 'Exchange2016';
const NS =
  'xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';
const header = `<s:Header><t:RequestServerVersion Version="${VERSION}"/></s:Header>`;

const externId = extendedField({
  propertySetId: 'c11ff724-aa03-4555-9952-8fa248a11c3e',
  propertyName: 'External ID',
  propertyType: 'String',
});
const flag = extendedField({ propertyTag: '0x1090', propertyType: 'Integer' });
const keywords = extendedField({
  distinguishedPropertySetId: 'PublicStrings',
  propertyId: 0x8001,
  propertyType: 'StringArray',
});
const size = extendedField({ propertyTag: '0x0E08', propertyType: 'Long' });

const message: Message = {
  subject: 'Tagged',
  extendedProperties: [
    extendedValue(externId, 'abc-123'),
    extendedValue(flag, 2),
    extendedValue(keywords, ['a', 'b & c']),
    extendedValue(size, 2n ** 62n),
  ],
};

describe('ExtendedProperty in the Item and Folder tables', () => {
  it('sits after HasAttachments (Item) and ChildFolderCount (Folder), as types.xsd orders them', () => {
    const names = MessageModel.fields.map((f) => f.xmlName);
    expect(names.indexOf('ExtendedProperty')).toBe(names.indexOf('HasAttachments') + 1);
    const folderNames = FolderModel.fields.map((f) => f.xmlName);
    expect(folderNames.indexOf('ExtendedProperty')).toBe(folderNames.indexOf('ChildFolderCount') + 1);
  });

  it('an item writes every property as a sibling, validates, and reads back in order', async () => {
    const xml = toXml(
      MessageModel,
      { ...message, isRead: true, hasAttachments: false },
      { version: VERSION, mode: 'full' },
    ).xml;
    expect(xml.match(/<t:ExtendedProperty>/g)).toHaveLength(4);
    expect(xml.indexOf('<t:HasAttachments>')).toBeLessThan(xml.indexOf('<t:ExtendedProperty>'));
    const create = toXml(MessageModel, message, { version: VERSION }).xml;
    const results = await validateEws([getItemResponseEnvelope(xml), createItemEnvelope(create, VERSION)]);
    expect(results.map((r) => r.errors)).toEqual(['', '']);
    const parsed = fromXml(MessageModel, xml);
    expect(parsed.extendedProperties).toEqual(message.extendedProperties);
    expect(findExtendedValue(parsed.extendedProperties, size)).toBe(2n ** 62n);
    expect(findExtendedValue(parsed.extendedProperties, keywords)).toEqual(['a', 'b & c']);
    expect(extendedPropertiesFromXml(rootOf(xml, 'Message'))).toEqual(message.extendedProperties);
  });

  it('a single extended property is read as a one-entry list', () => {
    const xml = toXml(
      MessageModel,
      { extendedProperties: [extendedValue(flag, 7)] },
      { version: VERSION },
    ).xml;
    expect(fromXml(MessageModel, xml).extendedProperties).toEqual([{ path: flag, value: 7 }]);
  });

  it('a folder carries them too: CreateFolder request and GetFolder response validate and read back', async () => {
    const folder: Folder = {
      displayName: 'Projects',
      folderClass: 'IPF.Note',
      extendedProperties: [extendedValue(externId, 'folder-1'), extendedValue(flag, 1)],
    };
    const create = toXml(FolderModel, folder, { version: VERSION }).xml;
    const full = toXml(
      FolderModel,
      { ...folder, folderId: { id: 'AQMkF=' }, totalCount: 3, childFolderCount: 0, unreadCount: 1 },
      { version: VERSION, mode: 'full' },
    ).xml;
    const getFolder =
      `<s:Envelope ${NS}><s:Body><m:GetFolderResponse><m:ResponseMessages>` +
      `<m:GetFolderResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` +
      `<m:Folders>${full}</m:Folders></m:GetFolderResponseMessage></m:ResponseMessages></m:GetFolderResponse></s:Body></s:Envelope>`;
    const results = await validateEws([createFolderEnvelope(create, VERSION), getFolder]);
    expect(results.map((r) => r.errors)).toEqual(['', '']);
    expect(fromXml(FolderModel, full).extendedProperties).toEqual(folder.extendedProperties);
    expect(full.indexOf('<t:ChildFolderCount>')).toBeLessThan(full.indexOf('<t:ExtendedProperty>'));
  });

  it('types a value by its path (checked by `pnpm typecheck`)', () => {
    // @ts-expect-error a String property holds a string
    expect(errorCodeOf(() => extendedValue(externId, 42))).toBe('EWS_INVALID_ARGUMENT');
    // @ts-expect-error a Long holds a bigint, not a number
    expect(errorCodeOf(() => extendedValue(size, 1))).toBe('EWS_INVALID_ARGUMENT');
    const typed: bigint | undefined = findExtendedValue(message.extendedProperties, size);
    expect(typed).toBe(2n ** 62n);
  });

  it('refuses a value that does not fit the PropertyType', () => {
    expect(errorCodeOf(() => extendedValue(flag, 'two' as never))).toBe('EWS_INVALID_ARGUMENT');
    expect(errorCodeOf(() => extendedValue(keywords, []))).toBe('EWS_INVALID_ARGUMENT');
    const wrong = { path: flag, value: 'x' } as unknown as ExtendedProperty;
    expect(
      errorCodeOf(() => toXml(MessageModel, { extendedProperties: [wrong] }, { version: VERSION })),
    ).toBe('EWS_INVALID_ARGUMENT');
  });

  it('sameExtendedField compares GUIDs case-insensitively and tags by number', () => {
    expect(sameExtendedField(flag, extendedField({ propertyTag: '4240', propertyType: 'Integer' }))).toBe(
      true,
    );
    expect(
      sameExtendedField(
        externId,
        extendedField({ ...externId, propertySetId: externId.propertySetId!.toUpperCase() }),
      ),
    ).toBe(true);
    expect(sameExtendedField(flag, extendedField({ propertyTag: '0x1090', propertyType: 'Long' }))).toBe(
      false,
    );
    expect(sameExtendedField(flag, externId)).toBe(false);
  });
});

describe('user-declared extended fields in shapes, filters and updates', () => {
  it('AdditionalProperties, a Restriction and SetItemField/DeleteItemField validate in real requests', async () => {
    const shape = itemShape(MessageModel, { version: VERSION, fields: ['subject', externId, flag] });
    expect(shape.xml.xml).toContain('<t:ExtendedFieldURI PropertyTag="0x1090" PropertyType="Integer"/>');
    const q = filterFor(MessageModel);
    const restriction = restrictionXml(q.and(q.eq(externId, 'abc-123'), q.gt(flag, 1)), { version: VERSION });
    if (restriction.matches !== 'some') throw new Error('expected a restriction');
    const findItem =
      `<s:Envelope ${NS}>${header}<s:Body><m:FindItem Traversal="Shallow">${shape.xml.xml}` +
      `${restriction.xml.xml}<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds>` +
      '</m:FindItem></s:Body></s:Envelope>';

    const set = setExtendedPropertyXml(MessageModel, extendedValue(keywords, ['x', 'y']), {
      version: VERSION,
    }).xml;
    const remove = deleteExtendedPropertyXml(MessageModel, flag).xml;
    expect(set).toBe(
      '<t:SetItemField><t:ExtendedFieldURI DistinguishedPropertySetId="PublicStrings" PropertyId="32769" PropertyType="StringArray"/>' +
        '<t:Message><t:ExtendedProperty><t:ExtendedFieldURI DistinguishedPropertySetId="PublicStrings" PropertyId="32769" PropertyType="StringArray"/>' +
        '<t:Values><t:Value>x</t:Value><t:Value>y</t:Value></t:Values></t:ExtendedProperty></t:Message></t:SetItemField>',
    );
    expect(remove).toBe(
      '<t:DeleteItemField><t:ExtendedFieldURI PropertyTag="0x1090" PropertyType="Integer"/></t:DeleteItemField>',
    );
    const updateItem =
      `<s:Envelope ${NS}>${header}<s:Body><m:UpdateItem ConflictResolution="AutoResolve" MessageDisposition="SaveOnly">` +
      `<m:ItemChanges><t:ItemChange><t:ItemId Id="AAMk="/><t:Updates>${set}${remove}</t:Updates></t:ItemChange>` +
      '</m:ItemChanges></m:UpdateItem></s:Body></s:Envelope>';

    const setFolder = setExtendedPropertyXml(FolderModel, extendedValue(flag, 5), { version: VERSION }).xml;
    expect(setFolder.startsWith('<t:SetFolderField>')).toBe(true);
    const updateFolder =
      `<s:Envelope ${NS}>${header}<s:Body><m:UpdateFolder><m:FolderChanges><t:FolderChange>` +
      `<t:FolderId Id="AQMk="/><t:Updates>${setFolder}${deleteExtendedPropertyXml(FolderModel, externId).xml}</t:Updates>` +
      '</t:FolderChange></m:FolderChanges></m:UpdateFolder></s:Body></s:Envelope>';

    const results = await validateEws([findItem, updateItem, updateFolder]);
    expect(results.map((r) => r.errors)).toEqual(['', '', '']);
  });

  it('filters check a value by the MAPI type: a Long takes a bigint, an Integer no text', () => {
    const q = filterFor(MessageModel);
    const written = restrictionXml(q.gte(size, 2n ** 40n), { version: VERSION });
    expect(written.matches === 'some' ? written.xml.xml : '').toContain(
      '<t:Constant Value="1099511627776"/>',
    );
    expect(errorCodeOf(() => restrictionXml(q.eq(flag, 'two' as never), { version: VERSION }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
    // An array type compares one element.
    expect(restrictionXml(q.eq(keywords, 'a'), { version: VERSION }).matches).toBe('some');
  });

  it('update helpers refuse a model without extended properties and a hand-made path', () => {
    const NoExtended = { ...MessageModel, byName: new Map() } as unknown as typeof MessageModel;
    expect(errorCodeOf(() => deleteExtendedPropertyXml(NoExtended, flag))).toBe('EWS_INVALID_ARGUMENT');
    const bogus = { type: 'extended', propertyType: 'Integer' } as never;
    expect(errorCodeOf(() => deleteExtendedPropertyXml(MessageModel, bogus))).toBe('EWS_INVALID_ARGUMENT');
  });
});

interface PropertyVector {
  id: string;
  xml: string;
  property: { property_set_id: string; property_name: string; property_type: 'String' };
  expected: string;
}

describe('response-parsing.json: extended-property-string-*', () => {
  const vectors = (loadVectors('response-parsing') as { vectors: { id: string }[] }).vectors.filter((v) =>
    v.id.startsWith('extended-property-'),
  ) as PropertyVector[];

  it('has the three vectors', () => {
    expect(vectors.map((v) => v.id)).toEqual([
      'extended-property-string-1',
      'extended-property-string-2',
      'extended-property-string-3',
    ]);
  });

  // The vectors' ExtendedFieldURI is empty: the path is the one the class declares, as here.
  it.each(vectors.map((v) => [v.id, v] as const))('%s', (_, v) => {
    const path = extendedField({
      propertySetId: v.property.property_set_id,
      propertyName: v.property.property_name,
      propertyType: v.property.property_type,
    });
    const node = rootOf(v.xml, 'ExtendedProperty');
    const value: string = extendedPropertyFor(path).readElement(node, 'ExtendedProperty');
    expect(value).toBe(v.expected);
  });

  it('a declared path writes its own ExtendedFieldURI and reads typed values', () => {
    const kind = extendedPropertyFor(size);
    const xml = kind.writeElement('t:ExtendedProperty', 5n, { version: VERSION, mode: 'create' }, 'x').xml;
    expect(xml).toBe(
      '<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x0E08" PropertyType="Long"/><t:Value>5</t:Value></t:ExtendedProperty>',
    );
    expect(kind.readElement(rootOf(xml, 'ExtendedProperty'), 'x')).toBe(5n);
    expect(kind.accepts(5)).toBe(false);
  });
});
