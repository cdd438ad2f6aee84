// Derives the item field tables from exchangelib's catalog (field names, FieldURIs, flags,
// versions) and Microsoft's types.xsd (wire order, enumeration values). Pure: no file writes.
import { XMLParser } from 'fast-xml-parser';

/** Item classes we generate, their XSD type, base class and generated file. */
export const ITEM_CLASSES = [
  { cls: 'Item', xsdType: 'ItemType', base: undefined, file: 'item-model.ts' },
  { cls: 'Message', xsdType: 'MessageType', base: 'Item', file: 'message-model.ts' },
  { cls: 'CalendarItem', xsdType: 'CalendarItemType', base: 'Item', file: 'calendar-item-model.ts' },
  { cls: 'Contact', xsdType: 'ContactItemType', base: 'Item', file: 'contact-model.ts' },
  { cls: 'Task', xsdType: 'TaskType', base: 'Item', file: 'task-model.ts' },
  { cls: 'PostItem', xsdType: 'PostItemType', base: 'Item', file: 'post-item-model.ts' },
  {
    cls: 'DistributionList',
    xsdType: 'DistributionListType',
    base: 'Item',
    file: 'distribution-list-model.ts',
  },
  // Meeting messages: types.xsd extends MessageType, exchangelib repeats Message's fields.
  { cls: 'MeetingMessage', xsdType: 'MeetingMessageType', base: 'Message', file: 'meeting-message-model.ts' },
  {
    cls: 'MeetingRequest',
    xsdType: 'MeetingRequestMessageType',
    base: 'MeetingMessage',
    file: 'meeting-request-model.ts',
  },
  {
    cls: 'MeetingResponse',
    xsdType: 'MeetingResponseMessageType',
    base: 'MeetingMessage',
    file: 'meeting-response-model.ts',
  },
  {
    cls: 'MeetingCancellation',
    xsdType: 'MeetingCancellationMessageType',
    base: 'MeetingMessage',
    file: 'meeting-cancellation-model.ts',
  },
  // Not an item: FindPeople/GetPersona return it. Its own table, no base.
  { cls: 'Persona', xsdType: 'PersonaType', base: undefined, file: 'persona-model.ts' },
];

// exchangelib field type → our kind (a TS expression). Choice fields become enums from the XSD.
const KIND_BY_TYPE = {
  CharField: 'text',
  TextField: 'text',
  URIField: 'text',
  CultureField: 'text',
  EmailAddressField: 'text',
  BooleanField: 'boolean',
  IntegerField: 'int',
  AppointmentStateField: 'int',
  EnumAsIntField: 'int',
  DecimalField: 'decimal',
  DateTimeField: 'dateTime',
  DateOrDateTimeField: 'dateTime',
  DateTimeBackedDateField: 'dateAsDateTime',
  DateField: 'date',
  Base64Field: 'base64',
  MimeContentField: 'base64',
  CharListField: 'stringList',
  TextListField: 'stringList',
  MailboxField: 'singleMailbox',
  MailboxListField: 'mailboxList',
  AttendeesField: 'attendeeList',
  BodyField: 'body',
  IdElementField: 'itemId',
  ChoiceField: 'enum',
  FreeBusyStatusField: 'enum',
  StringAttributedValueField: 'attributedStringList',
  PhoneNumberAttributedValueField: 'attributedPhoneList',
  EmailAddressAttributedValueField: 'attributedEmailList',
  PostalAddressAttributedValueField: 'attributedAddressList',
  BodyContentAttributedValueField: 'attributedBodyList',
  PersonaPhoneNumberField: 'personaPhoneNumber',
};

// Where the XSD says more than exchangelib's field type.
const KIND_BY_URI = {
  'item:TextBody': 'body', // t:BodyType on the wire, a plain string in exchangelib
  'item:ParentFolderId': 'itemId', // t:FolderIdType: same Id/ChangeKey shape
  'item:ConversationId': 'itemId',
  'meeting:AssociatedCalendarItemId': 'itemId', // t:ItemIdType
  'calendar:Duration': 'duration', // xs:string in the XSD, but always an xs:duration value
  'task:IsAssignmentEditable': 'int', // xs:int in the XSD (exchangelib reads it as a boolean)
  'contacts:UserSMIMECertificate': 'binaryList', // t:ArrayOfBinaryType, not one base64 value
  'contacts:MSExchangeCertificate': 'binaryList',
  'calendar:Recurrence': 'recurrence',
  'task:Recurrence': 'taskRecurrence',
  'calendar:FirstOccurrence': 'occurrenceInfo',
  'calendar:LastOccurrence': 'occurrenceInfo',
  'calendar:ModifiedOccurrences': 'occurrenceInfoList',
  'calendar:DeletedOccurrences': 'deletedOccurrenceList',
  'calendar:StartTimeZone': 'timeZoneDefinition',
  'calendar:EndTimeZone': 'timeZoneDefinition',
  'item:Attachments': 'attachmentList',
  'item:InternetMessageHeaders': 'headerList',
  'item:ResponseObjects': 'responseObjectList',
  'item:EffectiveRights': 'effectiveRights',
  'message:ReminderMessageData': 'reminderMessageData',
  'contacts:CompleteName': 'completeName',
  'contacts:EmailAddress': 'emailAddressList',
  'contacts:PhysicalAddress': 'physicalAddressList',
  'contacts:PhoneNumber': 'phoneNumberList',
  'contacts:ImAddress': 'imAddressList',
  'distributionlist:Members': 'memberList',
  'persona:EmailAddress': 'mailbox',
  'persona:EmailAddresses': 'addressList',
  'persona:FolderIds': 'folderIdList',
  'persona:Attributions': 'attributionList',
  'persona:Children': 'attributedStringArrayList', // t:ArrayOfStringArrayAttributedValuesType
  'persona:RelevanceScore': 'int', // xs:int in the XSD
};

// Indexed fields: the FieldURI names one entry (with a Key), the element holds the dictionary.
const XML_NAME_BY_URI = {
  'contacts:EmailAddress': 'EmailAddresses',
  'contacts:PhysicalAddress': 'PhysicalAddresses',
  'contacts:PhoneNumber': 'PhoneNumbers',
  'contacts:ImAddress': 'ImAddresses',
};

// Our property names where exchangelib's private names would read badly.
const NAME_BY_URI = {
  'calendar:StartTimeZone': 'startTimeZone',
  'calendar:EndTimeZone': 'endTimeZone',
  'item:InternetMessageHeaders': 'internetMessageHeaders',
  'persona:PersonaId': 'personaId',
  'persona:PhoneNumber': 'phoneNumber', // exchangelib spells it PhoneNumber
};

// Fields exchangelib declares that types.xsd does not have, so no server sends them.
const OMITTED_URIS = {
  'persona:FileAsHeader': 'not an element of types.xsd PersonaType',
};

// Elements types.xsd gives a class that exchangelib declares per application rather than as a
// field (its ExtendedProperty subclasses). No FieldURI: paths are ExtendedFieldURIs.
const XSD_ONLY_FIELDS = {
  Item: [{ name: 'extendedProperties', xmlName: 'ExtendedProperty', kind: 'extendedPropertyList' }],
};

// What each kind may stand for in types.xsd; the generator refuses any other pairing.
const XSD_TYPES_BY_KIND = {
  extendedPropertyList: ['t:ExtendedPropertyType'],
  text: ['xs:string', 't:NonEmptyStringType', 'xs:language', 't:ItemClassType', 'xs:anyURI'],
  boolean: ['xs:boolean'],
  int: ['xs:int', 'xs:long', 't:ReminderMinutesBeforeStartType'],
  decimal: ['xs:double', 'xs:decimal'],
  dateTime: ['xs:dateTime'],
  dateAsDateTime: ['xs:dateTime'],
  date: ['xs:date'],
  duration: ['xs:string', 'xs:duration'],
  base64: ['xs:base64Binary', 't:MimeContentType'],
  binaryList: ['t:ArrayOfBinaryType'],
  stringList: ['t:ArrayOfStringsType'],
  singleMailbox: ['t:SingleRecipientType'],
  // MeetingRequest's IntendedFreeBusyStatus is a t:LegacyFreeBusyType like LegacyFreeBusyStatus.
  mailboxList: ['t:ArrayOfRecipientsType'],
  attendeeList: ['t:NonEmptyArrayOfAttendeesType'],
  body: ['t:BodyType'],
  itemId: ['t:ItemIdType', 't:FolderIdType'],
  recurrence: ['t:RecurrenceType'],
  taskRecurrence: ['t:TaskRecurrenceType'],
  occurrenceInfo: ['t:OccurrenceInfoType'],
  occurrenceInfoList: ['t:NonEmptyArrayOfOccurrenceInfoType'],
  deletedOccurrenceList: ['t:NonEmptyArrayOfDeletedOccurrencesType'],
  timeZoneDefinition: ['t:TimeZoneDefinitionType'],
  attachmentList: ['t:NonEmptyArrayOfAttachmentsType'],
  headerList: ['t:NonEmptyArrayOfInternetHeadersType'],
  responseObjectList: ['t:NonEmptyArrayOfResponseObjectsType'],
  effectiveRights: ['t:EffectiveRightsType'],
  reminderMessageData: ['t:ReminderMessageDataType'],
  completeName: ['t:CompleteNameType'],
  emailAddressList: ['t:EmailAddressDictionaryType'],
  physicalAddressList: ['t:PhysicalAddressDictionaryType'],
  phoneNumberList: ['t:PhoneNumberDictionaryType'],
  imAddressList: ['t:ImAddressDictionaryType'],
  memberList: ['t:MembersListType'],
  mailbox: ['t:EmailAddressType'],
  addressList: ['t:ArrayOfEmailAddressesType'],
  folderIdList: ['t:ArrayOfFolderIdType'],
  attributionList: ['t:ArrayOfPersonaAttributionsType'],
  personaPhoneNumber: ['t:PersonaPhoneNumberType'],
  attributedStringList: ['t:ArrayOfStringAttributedValuesType'],
  attributedStringArrayList: ['t:ArrayOfStringArrayAttributedValuesType'],
  attributedPhoneList: ['t:ArrayOfPhoneNumberAttributedValuesType'],
  attributedEmailList: ['t:ArrayOfEmailAddressAttributedValuesType'],
  attributedAddressList: ['t:ArrayOfPostalAddressAttributedValuesType'],
  attributedBodyList: ['t:ArrayOfBodyContentAttributedValuesType'],
};

// Message fields that cannot change once the message is sent (exchangelib's `is_read_only_after_send`).
const READ_ONLY_AFTER_SEND = new Set([
  'message:ToRecipients',
  'message:CcRecipients',
  'message:BccRecipients',
  'message:IsReadReceiptRequested',
  'message:IsDeliveryReceiptRequested',
  'message:From',
  'message:ReplyTo',
]);

// Value classes whose kinds are not written yet, with the reason shown in README and tables.
const OMITTED_VALUE_CLASSES = {
  CalendarItem:
    'ConflictingMeetings/AdjacentMeetings: t:NonEmptyArrayOfAllItemsType nests whole items; FindItem/GetItem of the ids is the supported path',
};

/** RequestServerVersion for an exchangelib build (`15.0.847.0`): the newest version row at or below it. */
export function versionForBuild(build, versionsTable) {
  if (build === null || build === undefined) return undefined;
  const parts = (b) => b.split('.').map(Number);
  const cmp = (a, b) => {
    const [x, y] = [parts(a), parts(b)];
    for (let i = 0; i < 4; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
  };
  const row = versionsTable.find((r) => cmp(r.build, build) <= 0);
  if (row === undefined) throw new Error(`no Exchange version for build ${build}`);
  return row.api_version;
}

function camelCase(name) {
  if (name === '_id') return 'itemId';
  return name
    .replace(/^datetime_/, 'date_time_')
    .replace(/^_/, '')
    .replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
}

const asArray = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Reads complexType sequences (own elements, in order) and simpleType enumerations from types.xsd. */
export function readXsd(typesXsdText) {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true });
  const schema = parser.parse(typesXsdText).schema;
  const sequences = new Map();
  for (const type of asArray(schema.complexType)) {
    const holder = type.complexContent?.extension ?? type;
    const elements = asArray(holder.sequence?.element).map((e) => ({ name: e.name, type: e.type }));
    sequences.set(type.name, elements);
  }
  const enums = new Map();
  for (const type of asArray(schema.simpleType)) {
    const values = asArray(type.restriction?.enumeration).map((e) => e.value);
    if (values.length > 0) enums.set(type.name, values);
  }
  return { sequences, enums };
}

/**
 * The tables as plain data: per class, its own fields in XSD order, and the omitted fields.
 * `catalog` is catalog-items.json, `versions` is versions.json.
 */
export function deriveItemTables(catalog, versions, xsd) {
  const classes = new Map(catalog.item_classes.map((c) => [c.cls, c]));
  const models = [];
  const omitted = [];
  const enums = new Map();
  for (const spec of ITEM_CLASSES) {
    const cls = classes.get(spec.cls);
    if (cls === undefined) throw new Error(`catalog has no class ${spec.cls}`);
    const sequence = sequences(xsd, spec.xsdType);
    const baseNames = new Set(spec.base ? classes.get(spec.base).fields.map((f) => f.name) : []);
    const fields = [];
    for (const f of cls.fields) {
      if (baseNames.has(f.name)) continue;
      const name = NAME_BY_URI[f.uri] ?? camelCase(f.name);
      const skip = (reason) => omitted.push({ model: spec.cls, name, fieldUri: f.uri, reason });
      if (f.deprecated) {
        skip(`deprecated since build ${f.deprecated}`);
        continue;
      }
      if (OMITTED_URIS[f.uri]) {
        skip(OMITTED_URIS[f.uri]);
        continue;
      }
      if (OMITTED_VALUE_CLASSES[f.value_cls] && !KIND_BY_URI[f.uri]) {
        skip(OMITTED_VALUE_CLASSES[f.value_cls]);
        continue;
      }
      const kind = KIND_BY_URI[f.uri] ?? KIND_BY_TYPE[f.type];
      if (kind === undefined) throw new Error(`${spec.cls}.${f.name}: no kind for ${f.type}`);
      const xmlName = XML_NAME_BY_URI[f.uri] ?? f.uri.split(':')[1];
      const position = sequence.findIndex((e) => e.name === xmlName);
      if (position === -1)
        throw new Error(`${spec.xsdType} has no element ${xmlName} (${spec.cls}.${f.name})`);
      const xsdType = sequence[position].type;
      if (kind !== 'enum' && !XSD_TYPES_BY_KIND[kind]?.includes(xsdType)) {
        throw new Error(`${spec.cls}.${f.name}: kind ${kind} does not fit ${xsdType}`);
      }
      let enumType;
      if (kind === 'enum') {
        enumType = sequence[position].type.replace(/^t:/, '');
        const values = xsd.enums.get(enumType);
        if (values === undefined) throw new Error(`${enumType} is not an enumeration`);
        enums.set(enumType, values);
      }
      fields.push({
        name,
        xmlName,
        fieldUri: f.uri,
        kind,
        ...(enumType ? { enumType } : {}),
        minVersion: versionForBuild(f.since, versions.versions_table_newest_first),
        flags: {
          readOnly: f.ro,
          readOnlyAfterSend: spec.xsdType === 'MessageType' && READ_ONLY_AFTER_SEND.has(f.uri),
          searchable: f.searchable,
          required: f.req,
          complex: f.complex,
        },
        position,
      });
    }
    for (const extra of XSD_ONLY_FIELDS[spec.cls] ?? []) {
      const position = sequence.findIndex((e) => e.name === extra.xmlName);
      if (position === -1) throw new Error(`${spec.xsdType} has no element ${extra.xmlName}`);
      if (!XSD_TYPES_BY_KIND[extra.kind].includes(sequence[position].type))
        throw new Error(
          `${spec.cls}.${extra.name}: kind ${extra.kind} does not fit ${sequence[position].type}`,
        );
      const off = {
        readOnly: false,
        readOnlyAfterSend: false,
        searchable: false,
        required: false,
        complex: false,
      };
      fields.push({ ...extra, fieldUri: undefined, minVersion: undefined, flags: off, position });
    }
    fields.sort((a, b) => a.position - b.position);
    models.push({ ...spec, fields: fields.map(({ position, ...rest }) => rest) });
  }
  return { models, omitted, enums: [...enums].sort(([a], [b]) => a.localeCompare(b)) };
}

function sequences(xsd, typeName) {
  const sequence = xsd.sequences.get(typeName);
  if (sequence === undefined) throw new Error(`types.xsd has no complexType ${typeName}`);
  return sequence;
}
