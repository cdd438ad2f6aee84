import { validateEws } from '@ews-tools/ews-schema';
import { describe, expect, it } from 'vitest';
import {
  attachedItem,
  attachedItemFromXml,
  type Contact,
  ContactModel,
  type ExtendedProperty,
  extendedField,
  type Folder,
  FolderModel,
  fromXml,
  type Item,
  ItemModel,
  type MapiPropertyType,
  type MapiScalarType,
  MessageModel,
  toXml,
  type WriteContext,
} from '../src/index.js';
import { extendedPropertiesFromXml, extendedProperty } from '../src/properties/extended-property.js';
import { mapiElementType } from '../src/properties/mapi-types.js';
import { MAPI_PROPERTY_TYPES } from '../src/query/property-path.js';
import { createItemEnvelope, getItemResponseEnvelope } from './helpers/envelopes.js';
import { errorCodeOf } from './helpers/error-code.js';
import { rootOf } from './helpers/xml.js';

const VERSION = 'Exchange2016' as const;
const context: WriteContext = { version: VERSION, mode: 'create' };
const SAMPLES: Readonly<Record<MapiScalarType, unknown>> = {
  ApplicationTime: 45000.5,
  Binary: Uint8Array.from([0, 255, 13, 10]),
  Boolean: true,
  CLSID: '00062008-0000-0000-C000-000000000046',
  Currency: 123_456_789_012_345_678n,
  Double: 0.000125,
  Error: -2147221233,
  Float: 3.5,
  Integer: -42,
  Long: 9_007_199_254_740_993n,
  Null: '',
  Object: 'object data',
  Short: 7,
  SystemTime: new Date('2024-03-01T08:00:00Z'),
  String: 'a & <b>\r\n',
};
const PATHS = [
  { propertyTag: '0x3a45' },
  { distinguishedPropertySetId: 'PublicStrings', propertyName: 'ews-ts test' },
  { distinguishedPropertySetId: 'Common', propertyId: 34080 },
  { propertySetId: 'c11ff724-aa03-4555-9952-8fa248a11c3e', propertyName: 'Custom' },
  { propertySetId: '00062004-0000-0000-C000-000000000046', propertyId: 0x8084 },
] as const;

function sample(type: MapiPropertyType): ExtendedProperty['value'] {
  const { scalar, array } = mapiElementType(type);
  const one = SAMPLES[scalar];
  return (array ? [one, one] : one) as ExtendedProperty['value'];
}
const properties: ExtendedProperty[] = MAPI_PROPERTY_TYPES.map((propertyType, i) => ({
  path: extendedField({ ...PATHS[i % PATHS.length], propertyType }),
  value: sample(propertyType),
}));
// Bytes as plain arrays (the reader returns Buffers), bigints and Dates as text: comparable values.
function bytesAsArrays(value: unknown): unknown {
  if (value instanceof Uint8Array) return [...value];
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return value.map(bytesAsArrays);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bytesAsArrays(v)]));
  return value;
}

describe('extended properties', () => {
  it('covers all 27 MAPI property types', () => {
    expect(MAPI_PROPERTY_TYPES).toHaveLength(27);
  });

  it('every MAPI type (scalars and arrays) on every kind of path validates inside an Item and reads back', async () => {
    const xml = properties.map(
      (p) => extendedProperty.writeElement('t:ExtendedProperty', p, context, 'test').xml,
    );
    // ExtendedProperty follows Subject in t:ItemType.
    const item = toXml(ItemModel, { subject: 'props' }, { version: VERSION }).xml.replace(
      '</t:Item>',
      `${xml.join('')}</t:Item>`,
    );
    const [result] = await validateEws([createItemEnvelope(item, VERSION)]);
    expect(result?.errors ?? '').toBe('');
    expect(result?.ok).toBe(true);
    const read = extendedPropertiesFromXml(rootOf(item, 'Item'));
    expect(read).toHaveLength(27);
    expect(bytesAsArrays(read)).toEqual(bytesAsArrays(properties));
    expect(read.find((p) => p.path.propertyType === 'Long')?.value).toBe(9_007_199_254_740_993n);
  });

  it('refuses a path extendedField() would refuse, and values that do not fit the type', () => {
    const tagAndName = {
      path: { type: 'extended', propertyTag: '0x1000', propertyName: 'x', propertyType: 'String' },
      value: 'x',
    } as unknown as ExtendedProperty;
    expect(
      errorCodeOf(() => extendedProperty.writeElement('t:ExtendedProperty', tagAndName, context, 'x')),
    ).toBe('EWS_INVALID_ARGUMENT');
    const mistyped = {
      path: extendedField({ propertyTag: '0x1000', propertyType: 'Integer' }),
      value: 'seven',
    };
    expect(extendedProperty.accepts(mistyped)).toBe(false);
    expect(
      errorCodeOf(() =>
        extendedProperty.writeElement(
          't:ExtendedProperty',
          mistyped as unknown as ExtendedProperty,
          context,
          'x',
        ),
      ),
    ).toBe('EWS_INVALID_ARGUMENT');
    const emptyArray = {
      path: extendedField({ propertyTag: '0x1000', propertyType: 'StringArray' }),
      value: [],
    };
    expect(extendedProperty.accepts(emptyArray)).toBe(false);
    const unreadable =
      '<t:ExtendedProperty xmlns:t="urn:t"><t:ExtendedFieldURI PropertyTag="0x1000" PropertyType="Long"/><t:Value>1.5</t:Value></t:ExtendedProperty>';
    expect(errorCodeOf(() => extendedProperty.readElement(rootOf(unreadable, 'ExtendedProperty'), 'x'))).toBe(
      'EWS_PROTOCOL',
    );
  });
});

describe('attachments', () => {
  const message = { subject: 'Attached & forwarded', body: { bodyType: 'Text' as const, value: 'hi\r\n' } };
  const item: Item = {
    subject: 'with attachments',
    attachments: [
      {
        type: 'FileAttachment',
        attachmentId: { id: 'AAMkAtt1=', rootItemId: 'AAMkRoot=', rootItemChangeKey: 'CQAAAB==' },
        name: 'report.pdf',
        contentType: 'application/pdf',
        contentId: 'report@example',
        size: 3,
        lastModifiedTime: new Date('2024-03-01T08:00:00Z'),
        isInline: false,
        isContactPhoto: false,
        content: Uint8Array.from([37, 80, 68]),
      },
      {
        type: 'ItemAttachment',
        attachmentId: { id: 'AAMkAtt2=' },
        name: 'Forwarded message',
        item: attachedItem(MessageModel, message, { version: VERSION }),
      },
      { type: 'FileAttachment', name: 'second.txt', content: Uint8Array.from([104, 105]) },
    ],
  };

  it('file and item attachments validate in a GetItem response and read back in document order', async () => {
    const xml = toXml(ItemModel, item, { version: VERSION, mode: 'full' }).xml;
    const [result] = await validateEws([getItemResponseEnvelope(xml)]);
    expect(result?.errors ?? '').toBe('');
    const parsed = fromXml(ItemModel, xml);
    const [first, second, third] = parsed.attachments ?? [];
    expect(parsed.attachments?.map((a) => a.type)).toEqual([
      'FileAttachment',
      'ItemAttachment',
      'FileAttachment',
    ]);
    expect(bytesAsArrays(first)).toEqual(bytesAsArrays(item.attachments?.[0]));
    expect(
      second?.type === 'ItemAttachment' && second.item ? attachedItemFromXml(second.item) : undefined,
    ).toEqual(message);
    expect(bytesAsArrays(third)).toEqual(bytesAsArrays(item.attachments?.[2]));
  });

  it('a CreateItem leaves the server-set attachment fields out', () => {
    const xml = toXml(ItemModel, item, { version: VERSION }).xml;
    expect(xml).not.toContain('AttachmentId');
    expect(xml).not.toContain('<t:Size>');
    expect(xml).toContain('<t:Content>JVBE</t:Content>');
  });

  it('refuses an attached item of a kind an attachment cannot hold', () => {
    const bogus = { type: 'ItemAttachment', item: { type: 'Folder', node: '' } };
    expect(errorCodeOf(() => toXml(ItemModel, { attachments: [bogus as never] }, { version: VERSION }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
  });
});

describe('indexed contact properties, headers and members', () => {
  it('writes dictionary entries with their Key and refuses unknown keys', () => {
    const contact: Contact = {
      phoneNumbers: [{ key: 'MobilePhone', value: '+45 12 34 56 78' }],
      emailAddresses: [{ key: 'EmailAddress1', value: 'anne@example.com', name: 'Anne' }],
      physicalAddresses: [{ key: 'Home', city: 'Aarhus' }],
      imAddresses: [{ key: 'ImAddress2', value: 'anne@im' }],
    };
    const xml = toXml(ContactModel, contact, { version: VERSION }).xml;
    expect(xml).toContain(
      '<t:PhoneNumbers><t:Entry Key="MobilePhone">+45 12 34 56 78</t:Entry></t:PhoneNumbers>',
    );
    expect(xml).toContain('<t:Entry Key="EmailAddress1" Name="Anne">anne@example.com</t:Entry>');
    expect(xml).toContain('<t:PhysicalAddresses><t:Entry Key="Home"><t:City>Aarhus</t:City></t:Entry>');
    expect(fromXml(ContactModel, xml)).toEqual(contact);
    const wrongKey = { phoneNumbers: [{ key: 'Fax', value: '1' }] } as unknown as Contact;
    expect(errorCodeOf(() => toXml(ContactModel, wrongKey, { version: VERSION }))).toBe(
      'EWS_INVALID_ARGUMENT',
    );
  });

  it('reads InternetMessageHeaders as name/value pairs and refuses a header without a name', () => {
    const xml =
      '<t:Item><t:InternetMessageHeaders>' +
      '<t:InternetMessageHeader HeaderName="Received">from a &lt;b&gt;</t:InternetMessageHeader>' +
      '<t:InternetMessageHeader HeaderName="X-Empty"></t:InternetMessageHeader>' +
      '</t:InternetMessageHeaders></t:Item>';
    expect(fromXml(ItemModel, xml).internetMessageHeaders).toEqual([
      { name: 'Received', value: 'from a <b>' },
      { name: 'X-Empty', value: '' },
    ]);
    const nameless = xml.replace(' HeaderName="X-Empty"', '');
    expect(errorCodeOf(() => fromXml(ItemModel, nameless))).toBe('EWS_PROTOCOL');
  });
});

describe('folders: EffectiveRights and PermissionSet', () => {
  it('a folder with both validates in a GetFolder response and reads back', async () => {
    const folder: Folder = {
      folderId: { id: 'AQMkF=', changeKey: 'AQAAAB==' },
      displayName: 'Shared',
      effectiveRights: {
        createAssociated: true,
        createContents: true,
        createHierarchy: true,
        delete: true,
        modify: true,
        read: true,
        viewPrivateItems: true,
      },
      permissionSet: {
        permissions: [
          { userId: { distinguishedUser: 'Default' }, permissionLevel: 'Reviewer', readItems: 'FullDetails' },
          { userId: { sid: 'S-1-5-21-1', primarySmtpAddress: 'bob@example.com' }, permissionLevel: 'Editor' },
        ],
        unknownEntries: ['NT:S-1-5-21-9'],
      },
      unreadCount: 2,
    };
    const xml = toXml(FolderModel, folder, { version: VERSION, mode: 'full' }).xml;
    const envelope =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" ' +
      'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
      'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><s:Body><m:GetFolderResponse>' +
      '<m:ResponseMessages><m:GetFolderResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>' +
      `<m:Folders>${xml}</m:Folders></m:GetFolderResponseMessage></m:ResponseMessages></m:GetFolderResponse></s:Body></s:Envelope>`;
    const [result] = await validateEws([envelope]);
    expect(result?.errors ?? '').toBe('');
    expect(fromXml(FolderModel, xml)).toEqual(folder);
    // A CreateFolder carries the permissions but not the server's answers.
    const created = toXml(FolderModel, folder, { version: VERSION }).xml;
    expect(created).toContain('<t:PermissionLevel>Reviewer</t:PermissionLevel>');
    expect(created).not.toContain('EffectiveRights');
    expect(created).not.toContain('UnknownEntries');
  });
});
