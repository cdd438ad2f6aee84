import { readFileSync } from 'node:fs';
import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { deriveFolders } from '../scripts/folder-and-zone-tables.mjs';
import { deriveItemTables, readXsd } from '../scripts/item-tables.mjs';
import {
  CalendarItemModel,
  ContactModel,
  DISTINGUISHED_FOLDERS,
  DistributionListModel,
  ItemModel,
  MeetingCancellationModel,
  MeetingMessageModel,
  MeetingRequestModel,
  MeetingResponseModel,
  MessageModel,
  type Model,
  OMITTED_ITEM_FIELDS,
  PersonaModel,
  PostItemModel,
  TaskModel,
} from '../src/index.js';

const xsdText = readFileSync(new URL('../../../tools/ews-schema/schema/types.xsd', import.meta.url), 'utf8');
const versions = loadVectors('versions');
const derived = deriveItemTables(loadVectors('catalog-items'), versions, readXsd(xsdText));
const MODELS: Readonly<Record<string, Model>> = {
  Item: ItemModel,
  Message: MessageModel,
  CalendarItem: CalendarItemModel,
  Contact: ContactModel,
  Task: TaskModel,
  PostItem: PostItemModel,
  DistributionList: DistributionListModel,
  MeetingMessage: MeetingMessageModel,
  MeetingRequest: MeetingRequestModel,
  MeetingResponse: MeetingResponseModel,
  MeetingCancellation: MeetingCancellationModel,
  Persona: PersonaModel,
};

function describeField(def: Model['fields'][number]) {
  return {
    name: def.name,
    xmlName: def.xmlName,
    fieldUri: def.fieldUri,
    minVersion: def.minVersion,
    flags: { ...def.flags },
    kind: def.kind.name,
  };
}

describe('the committed tables match what the generator derives from the catalogs now', () => {
  it.each(derived.models)('$cls', (expected) => {
    const model = MODELS[expected.cls]!;
    const own = model.fields.slice(model.base?.fields.length ?? 0).map(describeField);
    const kindName = (f: (typeof expected.fields)[number]) =>
      f.kind === 'enum' ? `enum:${f.enumType}` : KIND_NAMES[f.kind];
    expect(own).toEqual(
      expected.fields.map((f) => ({
        name: f.name,
        xmlName: f.xmlName,
        fieldUri: f.fieldUri,
        minVersion: f.minVersion,
        flags: { ...f.flags, list: f.kind.endsWith('List'), attribute: false },
        kind: kindName(f),
      })),
    );
  });

  it('the omitted-field list is the derived one, and every omission has a reason', () => {
    expect(OMITTED_ITEM_FIELDS).toEqual(derived.omitted);
    for (const omitted of OMITTED_ITEM_FIELDS) expect(omitted.reason.length).toBeGreaterThan(10);
  });

  it('every catalog field of each generated class is either in the table or listed as omitted', () => {
    const catalog = loadVectors('catalog-items') as {
      item_classes: { cls: string; fields: { uri: string }[] }[];
    };
    const uris = (cls: string) => catalog.item_classes.find((c) => c.cls === cls)!.fields.map((f) => f.uri);
    for (const [cls, model] of Object.entries(MODELS)) {
      const ancestors = new Set<string>();
      for (let m: Model | undefined = model; m !== undefined; m = m.base) ancestors.add(m.name);
      const omitted = OMITTED_ITEM_FIELDS.filter((o) => ancestors.has(o.model));
      // ExtendedProperty has no FieldURI (types.xsd only; addressed by ExtendedFieldURI).
      const withUri = model.fields.filter(
        (f) => f.fieldUri !== undefined || f.xmlName !== 'ExtendedProperty',
      );
      const ours = [...withUri.map((f) => f.fieldUri), ...omitted.map((o) => o.fieldUri)].sort();
      // exchangelib drops Item's UniqueBody from some classes; types.xsd gives it to every item.
      // Persona is not an item: it has no base fields.
      const missingBase = cls === 'Persona' ? [] : uris('Item').filter((uri) => !uris(cls).includes(uri));
      expect(missingBase.filter((uri) => uri !== 'item:UniqueBody')).toEqual([]);
      // The meeting messages extend Message in types.xsd; exchangelib leaves out its ReminderMessageData.
      const missingMessage = cls.startsWith('Meeting')
        ? uris('Message').filter((uri) => !uris(cls).includes(uri))
        : [];
      expect(missingMessage).toEqual(cls.startsWith('Meeting') ? ['message:ReminderMessageData'] : []);
      const theirs = [...new Set([...uris(cls), ...missingBase, ...missingMessage])].sort();
      expect(ours).toEqual(theirs);
    }
  });

  it('distinguished folders match catalog-folders.json', () => {
    expect(DISTINGUISHED_FOLDERS).toEqual(deriveFolders(loadVectors('catalog-folders'), versions));
    expect(DISTINGUISHED_FOLDERS).toHaveLength(64);
  });
});

const KIND_NAMES: Readonly<Record<string, string>> = {
  extendedPropertyList: 'repeated<ExtendedProperty>',
  text: 'text',
  boolean: 'boolean',
  int: 'int',
  decimal: 'decimal',
  dateTime: 'dateTime',
  date: 'date',
  dateAsDateTime: 'dateAsDateTime',
  duration: 'duration',
  base64: 'base64',
  binaryList: 'list<base64>',
  stringList: 'list<text>',
  singleMailbox: 'wrapped<Mailbox>',
  mailboxList: 'list<Mailbox>',
  attendeeList: 'list<Attendee>',
  body: 'body',
  itemId: 'ItemId',
  recurrence: 'Recurrence',
  taskRecurrence: 'TaskRecurrence',
  occurrenceInfo: 'OccurrenceInfo',
  occurrenceInfoList: 'list<OccurrenceInfo>',
  deletedOccurrenceList: 'list<DeletedOccurrence>',
  timeZoneDefinition: 'TimeZoneDefinition',
  attachmentList: 'list<Attachment>',
  headerList: 'list<InternetMessageHeader>',
  responseObjectList: 'list<ResponseObject>',
  effectiveRights: 'EffectiveRights',
  reminderMessageData: 'ReminderMessageData',
  completeName: 'CompleteName',
  emailAddressList: 'list<EmailAddressEntry>',
  physicalAddressList: 'list<PhysicalAddress>',
  phoneNumberList: 'list<PhoneNumberEntry>',
  imAddressList: 'list<ImAddressEntry>',
  memberList: 'list<DistributionListMember>',
  mailbox: 'Mailbox',
  addressList: 'list<Mailbox>',
  folderIdList: 'list<ItemId>',
  attributionList: 'list<PersonaAttribution>',
  personaPhoneNumber: 'PersonaPhoneNumber',
  attributedStringList: 'list<StringAttributedValue>',
  attributedStringArrayList: 'list<StringArrayAttributedValue>',
  attributedPhoneList: 'list<PhoneNumberAttributedValue>',
  attributedEmailList: 'list<EmailAddressAttributedValue>',
  attributedAddressList: 'list<PostalAddressAttributedValue>',
  attributedBodyList: 'list<BodyContentAttributedValue>',
};
