import type { EnumKind, FieldDef, Model } from '../../src/index.js';
import {
  attachedItem,
  duration,
  extendedField,
  extendedValue,
  MessageModel,
  PlainDate,
} from '../../src/index.js';

const OCCURRENCE = {
  itemId: { id: 'AAMkOcc=', changeKey: 'DwAAAB==' },
  start: new Date('2024-03-11T09:00:00Z'),
  end: new Date('2024-03-11T10:00:00Z'),
  originalStart: new Date('2024-03-11T09:00:00Z'),
};

// One valid sample per kind, so a test can set every field of a table.
const BY_KIND: Readonly<Record<string, unknown>> = {
  text: 'sample & <text>',
  boolean: true,
  int: 7,
  decimal: 37.5,
  dateTime: new Date('2024-03-01T08:00:00Z'),
  date: PlainDate.of(2024, 3, 1),
  dateAsDateTime: PlainDate.of(1980, 2, 3),
  duration: duration({ hours: 1, minutes: 30 }),
  base64: Uint8Array.from([1, 2, 3, 250]),
  body: { bodyType: 'HTML', value: '<p>Hi\r\n</p>' },
  'list<text>': ['A', 'B'],
  'list<base64>': [Uint8Array.from([48, 130])],
  ItemId: { id: 'AAMkAD=', changeKey: 'CQAAAB==' },
  'wrapped<Mailbox>': {
    name: 'Anne',
    emailAddress: 'anne@example.com',
    routingType: 'SMTP',
    mailboxType: 'Mailbox',
  },
  'list<Mailbox>': [{ emailAddress: 'anne@example.com' }, { name: 'Bob', emailAddress: 'bob@example.com' }],
  'list<Attendee>': [{ mailbox: { emailAddress: 'anne@example.com' }, responseType: 'Accept' }],
  Recurrence: {
    pattern: { type: 'Weekly', interval: 2, daysOfWeek: ['Monday', 'Thursday'], firstDayOfWeek: 'Monday' },
    range: { type: 'Numbered', startDate: PlainDate.of(2024, 3, 4), numberOfOccurrences: 10 },
  },
  TaskRecurrence: {
    pattern: { type: 'WeeklyRegeneration', interval: 3 },
    range: { type: 'EndDate', startDate: PlainDate.of(2024, 3, 4), endDate: PlainDate.of(2024, 12, 31) },
  },
  OccurrenceInfo: OCCURRENCE,
  'list<OccurrenceInfo>': [OCCURRENCE],
  'list<DeletedOccurrence>': [{ start: new Date('2024-03-18T09:00:00Z') }],
  TimeZoneDefinition: { id: 'Romance Standard Time' },
  'list<Attachment>': [
    {
      // Only writable fields: the read-only AttachmentId/Size/LastModifiedTime are left out of CreateItem.
      type: 'FileAttachment',
      name: 'notes & plans.txt',
      contentType: 'text/plain',
      isInline: false,
      content: Uint8Array.from([104, 105, 13, 10]),
    },
    // Mixed kinds: reading must keep this order (file, item, file).
    {
      type: 'ItemAttachment',
      name: 'Forwarded',
      item: attachedItem(
        MessageModel,
        { subject: 'Inner & attached', isRead: true },
        { version: 'Exchange2013' },
      ),
    },
    { type: 'FileAttachment', name: 'second.bin', content: Uint8Array.from([0, 255]) },
  ],
  // A scalar and an array type, by name, by id and by tag; Long is a bigint.
  'repeated<ExtendedProperty>': [
    extendedValue(
      extendedField({
        propertySetId: 'c11ff724-aa03-4555-9952-8fa248a11c3e',
        propertyName: 'External ID',
        propertyType: 'String',
      }),
      'abc & <123>',
    ),
    extendedValue(
      extendedField({
        distinguishedPropertySetId: 'PublicStrings',
        propertyId: 33,
        propertyType: 'StringArray',
      }),
      ['one', 'two'],
    ),
    extendedValue(extendedField({ propertyTag: '0x1090', propertyType: 'Integer' }), 2),
    extendedValue(extendedField({ propertyTag: '0x0E08', propertyType: 'Long' }), 9007199254740993n),
  ],
  'list<InternetMessageHeader>': [
    { name: 'X-Mailer', value: 'ews & friends' },
    { name: 'Received', value: 'from a <b>' },
  ],
  'list<ResponseObject>': [
    { type: 'AcceptItem', referenceItemId: { id: 'AAMkRef=' } },
    { type: 'ReplyToItem', subject: 'RE: x', newBodyContent: { bodyType: 'Text', value: 'ok' } },
  ],
  EffectiveRights: {
    createAssociated: false,
    createContents: true,
    createHierarchy: false,
    delete: true,
    modify: true,
    read: true,
    viewPrivateItems: false,
  },
  ReminderMessageData: {
    reminderText: 'Stand-up',
    location: 'Room 1',
    startTime: new Date('2024-03-01T09:00:00Z'),
    endTime: new Date('2024-03-01T09:15:00Z'),
    associatedCalendarItemId: { id: 'AAMkCal=' },
  },
  CompleteName: { title: 'Dr.', firstName: 'Anne', lastName: 'Smith', fullName: 'Dr. Anne Smith' },
  'list<EmailAddressEntry>': [
    {
      key: 'EmailAddress1',
      value: 'anne@example.com',
      name: 'Anne',
      routingType: 'SMTP',
      mailboxType: 'Mailbox',
    },
    { key: 'EmailAddress2', value: 'anne@home.example' },
  ],
  'list<PhysicalAddress>': [
    { key: 'Business', street: '1 Main St', city: 'Springfield', postalCode: '12345' },
  ],
  'list<PhoneNumberEntry>': [
    { key: 'MobilePhone', value: '+45 12 34 56 78' },
    { key: 'BusinessPhone', value: '+1 555 0100' },
  ],
  'list<ImAddressEntry>': [{ key: 'ImAddress1', value: 'sip:anne@example.com' }],
  PermissionSet: {
    permissions: [
      { userId: { distinguishedUser: 'Default' }, permissionLevel: 'None' },
      {
        userId: { primarySmtpAddress: 'anne@example.com', displayName: 'Anne' },
        canCreateItems: true,
        editItems: 'Owned',
        deleteItems: 'None',
        readItems: 'FullDetails',
        permissionLevel: 'Custom',
      },
    ],
  },
  Mailbox: { name: 'Anne', emailAddress: 'anne@example.com', routingType: 'SMTP' },
  'list<ItemId>': [{ id: 'AQMkF1=' }, { id: 'AQMkF2=', changeKey: 'AQAAAB==' }],
  'list<PersonaAttribution>': [
    {
      id: '0',
      sourceId: { id: 'AAMkC=' },
      displayName: 'Contacts',
      isWritable: true,
      folderId: { id: 'AQMkF1=' },
    },
  ],
  PersonaPhoneNumber: { number: '+45 12 34 56 78', type: 'Mobile' },
  'list<StringAttributedValue>': [{ value: 'Anne & co', attributions: ['0', '1'] }],
  'list<StringArrayAttributedValue>': [{ value: ['Tom', 'Ida'], attributions: ['0'] }],
  'list<PhoneNumberAttributedValue>': [
    { value: { number: '+1 555 0100', type: 'Business' }, attributions: ['0'] },
  ],
  'list<EmailAddressAttributedValue>': [
    { value: { name: 'Anne', emailAddress: 'anne@example.com', routingType: 'SMTP' }, attributions: ['0'] },
  ],
  'list<PostalAddressAttributedValue>': [
    {
      value: {
        street: '1 Main St',
        city: 'Aarhus',
        country: 'Denmark',
        latitude: 56.15,
        locationSource: 'Contact',
      },
      attributions: ['1'],
    },
  ],
  'list<BodyContentAttributedValue>': [
    { value: { value: 'Met at <conf>', bodyType: 'Text' }, attributions: ['0'] },
  ],
  'list<DistributionListMember>': [
    { key: 'member-1', mailbox: { name: 'Anne', emailAddress: 'anne@example.com' }, status: 'Normal' },
  ],
};

// Fields whose schema type is narrower than their kind.
const BY_XML_NAME: Readonly<Record<string, unknown>> = {
  Culture: 'en-US',
  ItemClass: 'IPM.Note',
};

export function sampleFor(def: FieldDef): unknown {
  if (def.kind.name.startsWith('enum:')) return (def.kind as EnumKind<string>).choices[0];
  const sample = BY_XML_NAME[def.xmlName] ?? BY_KIND[def.kind.name];
  if (sample === undefined) throw new Error(`no sample for kind ${def.kind.name} (${def.name})`);
  return sample;
}

/** A value with every field of the model set (optionally only the writable ones). */
export function sampleValue(model: Model, options: { writableOnly: boolean }): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const def of model.fields) {
    if (options.writableOnly && def.flags.readOnly) continue;
    value[def.name] = sampleFor(def);
  }
  return value;
}
