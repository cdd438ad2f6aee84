// Derives the test server's item property table from Microsoft's types.xsd: every item FieldURI
// (UnindexedFieldURIType, DictionaryURIType), the item types that declare its element, its wire
// position in each concrete item type and its XSD value type. Pure: no file writes, no client imports.
import { XMLParser } from 'fast-xml-parser';

/** Concrete item kinds the server stores, their XSD type and base type (complexContent extension). */
export const ITEM_TYPES = [
  { kind: 'Item', type: 'ItemType' },
  { kind: 'Message', type: 'MessageType' },
  { kind: 'MeetingRequest', type: 'MeetingRequestMessageType' },
  { kind: 'MeetingResponse', type: 'MeetingResponseMessageType' },
  { kind: 'MeetingCancellation', type: 'MeetingCancellationMessageType' },
  { kind: 'CalendarItem', type: 'CalendarItemType' },
  { kind: 'Contact', type: 'ContactItemType' },
  { kind: 'DistributionList', type: 'DistributionListType' },
  { kind: 'Task', type: 'TaskType' },
  { kind: 'PostItem', type: 'PostItemType' },
];

/**
 * Which FieldURI prefixes name an XSD type's own elements, first match wins: a meeting message's UID
 * is calendar:UID (there is no meeting:UID), a post item's From is message:From.
 */
const PREFIXES = {
  ItemType: ['item'],
  MessageType: ['message'],
  MeetingMessageType: ['meeting', 'calendar'],
  MeetingRequestMessageType: ['meetingRequest', 'calendar', 'meeting'],
  MeetingResponseMessageType: ['meeting', 'calendar'],
  MeetingCancellationMessageType: ['calendar', 'meeting'],
  CalendarItemType: ['calendar', 'meeting'],
  ContactItemType: ['contacts'],
  DistributionListType: ['contacts', 'distributionlist'],
  TaskType: ['task'],
  PostItemType: ['postitem', 'message'],
};
const ITEM_PREFIXES = new Set(Object.values(PREFIXES).flat());

/**
 * Properties Exchange computes itself: the schema cannot say so, Microsoft's EWS reference page of
 * each element does ("This element is read-only" / "is set by the server"). UpdateItem refuses them
 * with ErrorInvalidPropertySet; CreateItem refuses a value for them the same way.
 */
export const READ_ONLY = {
  'item:ItemId': 'assigned by the store',
  'item:ParentFolderId': 'the folder an item lives in changes only by MoveItem/CopyItem',
  'item:DateTimeReceived': 'set when the item is received or created',
  'item:Size': 'computed from the item',
  'item:IsSubmitted': 'set by the server when the item is submitted',
  'item:IsDraft': 'set by the server (a saved, unsent message is a draft)',
  'item:IsFromMe': 'computed by the server',
  'item:IsResend': 'computed by the server',
  'item:IsUnmodified': 'computed by the server',
  'item:InternetMessageHeaders': 'read from the message as received',
  'item:DateTimeSent': 'set when the item is sent',
  'item:DateTimeCreated': 'set when the item is created',
  'item:ResponseObjects': 'computed: the responses the caller may make',
  'item:ReminderNextTime': 'computed from the reminder settings',
  'item:DisplayCc': 'computed from the Cc recipients',
  'item:DisplayTo': 'computed from the To recipients',
  'item:DisplayBcc': 'computed from the Bcc recipients',
  'item:HasAttachments': 'computed from the attachments',
  'item:EffectiveRights': "computed from the caller's permissions",
  'item:LastModifiedName': 'set by the server on every change',
  'item:LastModifiedTime': 'set by the server on every change',
  'item:WebClientReadFormQueryString': 'computed by the server',
  'item:WebClientEditFormQueryString': 'computed by the server',
  'item:ConversationId': 'computed from the conversation',
  'item:UniqueBody': 'computed from the body',
  'item:StoreEntryId': 'assigned by the store',
  'item:InstanceKey': 'assigned by the store',
  'item:NormalizedBody': 'computed from the body',
  'item:EntityExtractionResult': 'computed by the server',
  'item:RetentionDate': 'computed from the retention policy',
  'item:Preview': 'computed from the body',
  'item:TextBody': 'computed from the body',
  'item:IconIndex': 'computed by the server',
  'item:MentionedMe': 'computed by the server',
  'message:ConversationIndex': 'computed from the conversation',
  'message:ConversationTopic': 'computed from the subject',
  'message:ReceivedBy': 'set on delivery',
  'message:ReceivedRepresenting': 'set on delivery',
  'message:ReminderMessageData': 'set by the server on reminder messages',
  'meeting:IsDelegated': 'set by the calendar attendant',
  'meeting:IsOutOfDate': 'set by the calendar attendant',
  'meeting:HasBeenProcessed': 'set by the calendar attendant',
  'meeting:ResponseType': "the attendee's response, set by the response messages",
  'meetingRequest:MeetingRequestType': 'set when the request is sent',
  'calendar:OriginalStart': 'an occurrence keeps its original start',
  'calendar:IsMeeting': 'computed from the attendees',
  'calendar:IsCancelled': 'set by CancelCalendarItem',
  'calendar:IsRecurring': 'computed from the recurrence',
  'calendar:MeetingRequestWasSent': 'set when invitations are sent',
  'calendar:CalendarItemType': 'computed: Single, Occurrence, Exception or RecurringMaster',
  'calendar:MyResponseType': 'set by the response messages',
  'calendar:Organizer': 'the mailbox that creates the meeting',
  'calendar:ConflictingMeetingCount': 'computed from the calendar',
  'calendar:AdjacentMeetingCount': 'computed from the calendar',
  'calendar:ConflictingMeetings': 'computed from the calendar',
  'calendar:AdjacentMeetings': 'computed from the calendar',
  'calendar:Duration': 'computed from Start and End',
  'calendar:AppointmentReplyTime': 'set by the response messages',
  'calendar:AppointmentSequenceNumber': 'set by the server on every sent update',
  'calendar:AppointmentState': 'computed by the server',
  'calendar:FirstOccurrence': 'computed from the recurrence',
  'calendar:LastOccurrence': 'computed from the recurrence',
  'calendar:ModifiedOccurrences': 'computed from the exceptions',
  'calendar:DeletedOccurrences': 'computed from the deleted occurrences',
  'calendar:IsOrganizer': 'computed from the organizer',
  'calendar:DateTimeStamp': 'set by the server',
  'calendar:RecurrenceId': 'an occurrence keeps its original start',
  'contacts:CompleteName': 'computed from the name parts',
  'contacts:HasPicture': 'computed from the attachments',
  'contacts:DirectoryId': 'set from the directory',
  'contacts:ContactSource': 'set from the contact source',
  'contacts:DirectReports': 'read from the directory',
  'contacts:ManagerMailbox': 'read from the directory',
  'contacts:PhoneticFullName': 'read from the directory',
  'contacts:PhoneticFirstName': 'read from the directory',
  'contacts:PhoneticLastName': 'read from the directory',
  'contacts:Photo': 'read from the directory',
  'contacts:MSExchangeCertificate': 'read from the directory',
  'contacts:UserSMIMECertificate': 'read from the directory',
  'task:AssignedTime': 'set when the task is assigned',
  'task:ChangeCount': 'counted by the server',
  'task:DelegationState': 'set by task assignment',
  'task:Delegator': 'set by task assignment',
  'task:IsAssignmentEditable': 'set by task assignment',
  'task:IsComplete': 'computed from Status',
  'task:IsRecurring': 'computed from the recurrence',
  'task:IsTeamTask': 'set by task assignment',
  'task:Owner': 'set by task assignment',
  'task:StatusDescription': 'computed from Status',
  'postitem:PostedTime': 'set when the post is created',
};

/** FieldURIs of the item prefixes that name no element of any item type, with why. */
export const WITHOUT_ELEMENT = {
  'item:MimeContentUTF8': {
    why: 'asks for MimeContent written as UTF-8: an output option, no element of its own',
  },
  'item:FirstBody': {
    why: 'a FindItem-only preview of the body in Exchange Online: no element in types.xsd',
  },
  'meeting:DoNotForwardMeeting': {
    why: 'the same DoNotForwardMeeting element calendar:DoNotForwardMeeting names',
    sameAs: 'calendar:DoNotForwardMeeting',
  },
  'contacts:Culture': { why: "a contact's culture is ItemType's Culture element", sameAs: 'item:Culture' },
};

/** DictionaryURIType: an indexed FieldURI names one entry (by its Key) of a dictionary element. */
export const INDEXED = {
  'item:InternetMessageHeader': {
    element: 'InternetMessageHeaders',
    entry: 'InternetMessageHeader',
    key: 'HeaderName',
  },
  'contacts:ImAddress': { element: 'ImAddresses', entry: 'Entry', key: 'Key' },
  'contacts:PhysicalAddress:Street': {
    element: 'PhysicalAddresses',
    entry: 'Entry',
    key: 'Key',
    field: 'Street',
  },
  'contacts:PhysicalAddress:City': {
    element: 'PhysicalAddresses',
    entry: 'Entry',
    key: 'Key',
    field: 'City',
  },
  'contacts:PhysicalAddress:State': {
    element: 'PhysicalAddresses',
    entry: 'Entry',
    key: 'Key',
    field: 'State',
  },
  'contacts:PhysicalAddress:CountryOrRegion': {
    element: 'PhysicalAddresses',
    entry: 'Entry',
    key: 'Key',
    field: 'CountryOrRegion',
  },
  'contacts:PhysicalAddress:PostalCode': {
    element: 'PhysicalAddresses',
    entry: 'Entry',
    key: 'Key',
    field: 'PostalCode',
  },
  'contacts:PhoneNumber': { element: 'PhoneNumbers', entry: 'Entry', key: 'Key' },
  'contacts:EmailAddress': { element: 'EmailAddresses', entry: 'Entry', key: 'Key' },
  'distributionlist:Members:Member': { element: 'Members', entry: 'Member', key: 'Key' },
};

const XS_SIMPLE = new Set([
  'string',
  'boolean',
  'int',
  'long',
  'double',
  'dateTime',
  'base64Binary',
  'anyURI',
  'language',
]);

const asArray = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The parts of types.xsd the table needs: simple types, complex types' own sequences and bases. */
export function readSchema(xsdText) {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true });
  const schema = parser.parse(xsdText).schema;
  const simple = new Map(asArray(schema.simpleType).map((t) => [t.name, t]));
  const complex = new Map(asArray(schema.complexType).map((t) => [t.name, t]));
  const enumeration = (name) => asArray(simple.get(name)?.restriction?.enumeration).map((e) => e.value);
  return { simple, complex, enumeration };
}

function ownSequence(complexType) {
  const extension = complexType.complexContent?.extension;
  const sequence = extension ? extension.sequence : complexType.sequence;
  return {
    base: extension?.base?.replace(/^t:/, ''),
    elements: asArray(sequence?.element).map((e) => ({ name: e.name, type: e.type ?? 'anonymous' })),
  };
}

/** An element's value type: an xs: type, an enumeration's values, or complex (kept as sent). */
function valueType(schema, typeName) {
  if (typeName.startsWith('xs:')) {
    const base = typeName.slice(3);
    if (!XS_SIMPLE.has(base)) throw new Error(`unhandled XSD type ${typeName}`);
    return { xsd: base };
  }
  const local = typeName.replace(/^t:/, '');
  const simple = schema.simple.get(local);
  if (simple === undefined) return { xsd: 'complex', type: typeName };
  const values = schema.enumeration(local);
  if (values.length > 0) return { xsd: 'enum', type: typeName, values };
  const base = simple.restriction?.base ?? asArray(simple.union?.simpleType)[0]?.restriction?.base;
  if (base === undefined) throw new Error(`unhandled simple type ${local}`);
  return { ...valueType(schema, base), type: typeName };
}

/** Derives the whole table; throws when the schema has a FieldURI nobody explained. */
export function deriveItemProperties(xsdText) {
  const schema = readSchema(xsdText);
  const unindexed = schema
    .enumeration('UnindexedFieldURIType')
    .filter((u) => ITEM_PREFIXES.has(u.split(':')[0]));
  const known = new Set(unindexed);
  const chainOf = (type) => {
    const chain = [];
    for (let t = type; t !== undefined; t = ownSequence(schema.complex.get(t)).base) chain.unshift(t);
    return chain;
  };
  // Each (XSD type, element) gets the first FieldURI its type's prefixes give.
  const uriOf = (type, element) =>
    (PREFIXES[type] ?? []).map((p) => `${p}:${element}`).find((uri) => known.has(uri));

  const sequences = {};
  const properties = new Map();
  for (const { kind, type } of ITEM_TYPES) {
    const names = [];
    for (const t of chainOf(type)) {
      for (const element of ownSequence(schema.complex.get(t)).elements) {
        const position = names.length;
        names.push(element.name);
        const uri = uriOf(t, element.name);
        if (uri === undefined) continue;
        let row = properties.get(uri);
        if (row === undefined) {
          row = {
            uri,
            element: element.name,
            declaredBy: [],
            positions: {},
            value: valueType(schema, element.type),
            ...(READ_ONLY[uri] ? { readOnly: READ_ONLY[uri] } : {}),
          };
          properties.set(uri, row);
        }
        if (!row.declaredBy.includes(t)) row.declaredBy.push(t);
        row.positions[kind] = position;
      }
    }
    sequences[kind] = names;
  }
  const withoutElement = unindexed
    .filter((uri) => !properties.has(uri))
    .map((uri) => {
      const why = WITHOUT_ELEMENT[uri];
      if (why === undefined) throw new Error(`${uri} names no item element: say why in WITHOUT_ELEMENT`);
      return { uri, ...why };
    });
  for (const uri of Object.keys(READ_ONLY)) {
    if (!properties.has(uri)) throw new Error(`READ_ONLY names ${uri}, which is no item property`);
  }
  const dictionary = schema.enumeration('DictionaryURIType');
  const indexed = dictionary.map((uri) => {
    const spec = INDEXED[uri];
    if (spec === undefined) throw new Error(`indexed FieldURI ${uri} has no entry in INDEXED`);
    const kinds = Object.entries(sequences)
      .filter(([, names]) => names.includes(spec.element))
      .map(([kind]) => kind);
    if (kinds.length === 0) throw new Error(`indexed FieldURI ${uri}: no item type has ${spec.element}`);
    return { uri, ...spec, kinds };
  });
  return { sequences, properties: [...properties.values()], indexed, withoutElement };
}

/** The committed TypeScript module. */
export function renderItemProperties(table) {
  const json = (v) => JSON.stringify(v, null, 2);
  return `// Generated by scripts/generate-item-properties.mjs from tools/ews-schema/schema/types.xsd. Do not edit:
// change the generator and run \`pnpm generate\` (test/item-properties-drift.test.ts compares).
import type { SchemaIndexedProperty, SchemaItemKind, SchemaItemProperty, SchemaUriWithoutElement } from './item-property-types.js';

/** Every concrete item type's elements in wire order (its base types' sequences first). */
export const ITEM_SEQUENCES: Readonly<Record<SchemaItemKind, readonly string[]>> = ${json(table.sequences)};

/** Every item FieldURI (UnindexedFieldURIType) that names an element, with its wire positions per kind. */
export const ITEM_PROPERTIES: readonly SchemaItemProperty[] = ${json(table.properties)};

/** DictionaryURIType: one entry of a dictionary element, chosen by its key. */
export const INDEXED_PROPERTIES: readonly SchemaIndexedProperty[] = ${json(table.indexed)};

/** Item FieldURIs that name no element of any item type. */
export const URIS_WITHOUT_ELEMENT: readonly SchemaUriWithoutElement[] = ${json(table.withoutElement)};
`;
}
