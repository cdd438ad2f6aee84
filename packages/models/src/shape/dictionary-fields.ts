import {
  emailAddressKey,
  imAddressKey,
  phoneNumberKey,
  physicalAddressKey,
} from '../properties/indexed-properties.js';
import { type IndexedFieldPath, indexedField } from '../query/property-path.js';

// A contact's dictionaries (emails, phones, IM and postal addresses) have a FieldURI in the model
// but none in the schema's shape paths: types.xsd names them only entry by entry
// (IndexedFieldURI, DictionaryURIType). A shape asking for the whole field asks for every entry.
const DICTIONARY_ENTRIES: ReadonlyMap<string, readonly IndexedFieldPath[]> = new Map([
  ['contacts:EmailAddress', emailAddressKey.choices.map((key) => indexedField('contacts:EmailAddress', key))],
  ['contacts:ImAddress', imAddressKey.choices.map((key) => indexedField('contacts:ImAddress', key))],
  ['contacts:PhoneNumber', phoneNumberKey.choices.map((key) => indexedField('contacts:PhoneNumber', key))],
  [
    'contacts:PhysicalAddress',
    ['Street', 'City', 'State', 'CountryOrRegion', 'PostalCode'].flatMap((part) =>
      physicalAddressKey.choices.map((key) => indexedField(`contacts:PhysicalAddress:${part}`, key)),
    ),
  ],
]);

/** The IndexedFieldURI of every entry of a dictionary field, or undefined for any other FieldURI. */
export function dictionaryEntries(fieldUri: string | undefined): readonly IndexedFieldPath[] | undefined {
  return fieldUri === undefined ? undefined : DICTIONARY_ENTRIES.get(fieldUri);
}
