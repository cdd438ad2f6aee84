import { enumKind } from '../kinds/enum-kind.js';
import { listOf } from '../kinds/list-kinds.js';
import { modelKind } from '../kinds/model-kind.js';
import { text } from '../kinds/scalar-kinds.js';
import { defineModel, type InferModel } from '../schema/define-model.js';
import { field } from '../schema/field-def.js';
import { mailboxType } from './mailbox.js';
import { simpleContent } from './simple-content.js';

// Contact "indexed" properties: dictionaries of <t:Entry Key="…"> whose keys are fixed enums.
// A restriction or shape names one entry with an IndexedFieldURI (e.g. contacts:PhoneNumber + Key).

export const emailAddressKey = enumKind('EmailAddressKey', [
  'EmailAddress1',
  'EmailAddress2',
  'EmailAddress3',
]);
export const phoneNumberKey = enumKind('PhoneNumberKey', [
  'AssistantPhone',
  'BusinessFax',
  'BusinessPhone',
  'BusinessPhone2',
  'Callback',
  'CarPhone',
  'CompanyMainPhone',
  'HomeFax',
  'HomePhone',
  'HomePhone2',
  'Isdn',
  'MobilePhone',
  'OtherFax',
  'OtherTelephone',
  'Pager',
  'PrimaryPhone',
  'RadioPhone',
  'Telex',
  'TtyTddPhone',
  'BusinessMobile',
  'IPPhone',
  'Mms',
  'Msn',
]);
export const imAddressKey = enumKind('ImAddressKey', ['ImAddress1', 'ImAddress2', 'ImAddress3']);
export const physicalAddressKey = enumKind('PhysicalAddressKey', ['Home', 'Business', 'Other']);

export interface EmailAddressEntry {
  readonly key: (typeof emailAddressKey.choices)[number];
  readonly value: string;
  readonly name?: string;
  readonly routingType?: string;
  readonly mailboxType?: (typeof mailboxType.choices)[number];
}
export interface PhoneNumberEntry {
  readonly key: (typeof phoneNumberKey.choices)[number];
  readonly value: string;
}
export interface ImAddressEntry {
  readonly key: (typeof imAddressKey.choices)[number];
  readonly value: string;
}

const key = <K>(kind: K) => ({ name: 'key', xmlName: 'Key', kind, required: true }) as const;

/** t:EmailAddressDictionaryType (Contact.EmailAddresses). */
export const emailAddressDictionary = listOf(
  simpleContent<EmailAddressEntry>('EmailAddressEntry', [
    key(emailAddressKey),
    { name: 'name', xmlName: 'Name', kind: text, required: false },
    { name: 'routingType', xmlName: 'RoutingType', kind: text, required: false },
    { name: 'mailboxType', xmlName: 'MailboxType', kind: mailboxType, required: false },
  ]),
  'Entry',
);
/** t:PhoneNumberDictionaryType (Contact.PhoneNumbers). */
export const phoneNumberDictionary = listOf(
  simpleContent<PhoneNumberEntry>('PhoneNumberEntry', [key(phoneNumberKey)]),
  'Entry',
);
/** t:ImAddressDictionaryType (Contact.ImAddresses). */
export const imAddressDictionary = listOf(
  simpleContent<ImAddressEntry>('ImAddressEntry', [key(imAddressKey)]),
  'Entry',
);

/** t:PhysicalAddressDictionaryEntryType: a postal address under a Home/Business/Other key. */
export const PhysicalAddressModel = defineModel({
  name: 'PhysicalAddress',
  xmlName: 'Entry',
  fields: [
    field('key', physicalAddressKey, { xmlName: 'Key', flags: { attribute: true, required: true } }),
    field('street', text, { xmlName: 'Street', fieldUri: 'contacts:PhysicalAddress:Street' }),
    field('city', text, { xmlName: 'City', fieldUri: 'contacts:PhysicalAddress:City' }),
    field('state', text, { xmlName: 'State', fieldUri: 'contacts:PhysicalAddress:State' }),
    field('countryOrRegion', text, {
      xmlName: 'CountryOrRegion',
      fieldUri: 'contacts:PhysicalAddress:CountryOrRegion',
    }),
    field('postalCode', text, { xmlName: 'PostalCode', fieldUri: 'contacts:PhysicalAddress:PostalCode' }),
  ],
});
export type PhysicalAddress = InferModel<typeof PhysicalAddressModel>;
/** t:PhysicalAddressDictionaryType (Contact.PhysicalAddresses). */
export const physicalAddressDictionary = listOf(modelKind(PhysicalAddressModel), 'Entry');
