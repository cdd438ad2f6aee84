import { ResponseError } from '../operations/operation-context.js';
import type { ItemView } from '../render/item-view.js';
import { child, childrenNamed, type XmlElement } from '../xml/xml-tree.js';
import type { PathReader } from './path-reader.js';
import { renderedElement } from './rendered-value.js';

interface IndexedPath {
  /** The whole property the entry lives in. */
  readonly whole: string;
  readonly entry: string;
  readonly keyAttr: string;
  /** The FieldIndex values types.xsd allows (undefined: any, e.g. a header name). */
  readonly keys?: readonly string[];
  /** PhysicalAddress: the entry's child element the path reads. */
  readonly part?: string;
  readonly caseInsensitiveKey?: boolean;
  readonly badIndex: string;
}

// types.xsd: EmailAddressKeyType, PhoneNumberKeyType, ImAddressKeyType, PhysicalAddressKeyType.
const EMAIL_KEYS = ['EmailAddress1', 'EmailAddress2', 'EmailAddress3'];
const IM_KEYS = ['ImAddress1', 'ImAddress2', 'ImAddress3'];
const ADDRESS_KEYS = ['Home', 'Business', 'Other'];
const PHONE_KEYS = [
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
];

const entryOf = (whole: string, keys: readonly string[], part?: string): IndexedPath => ({
  whole,
  entry: 'Entry',
  keyAttr: 'Key',
  keys,
  ...(part === undefined ? {} : { part }),
  badIndex: 'ErrorUnsupportedPathForQuery',
});

/** DictionaryURIType's searchable paths: which whole property and entry each reads. */
const INDEXED_PATHS: Readonly<Record<string, IndexedPath>> = {
  'contacts:EmailAddress': {
    ...entryOf('contacts:EmailAddresses', EMAIL_KEYS),
    badIndex: 'ErrorInvalidContactEmailIndex',
  },
  'contacts:PhoneNumber': entryOf('contacts:PhoneNumbers', PHONE_KEYS),
  'contacts:ImAddress': entryOf('contacts:ImAddresses', IM_KEYS),
  'contacts:PhysicalAddress:Street': entryOf('contacts:PhysicalAddresses', ADDRESS_KEYS, 'Street'),
  'contacts:PhysicalAddress:City': entryOf('contacts:PhysicalAddresses', ADDRESS_KEYS, 'City'),
  'contacts:PhysicalAddress:State': entryOf('contacts:PhysicalAddresses', ADDRESS_KEYS, 'State'),
  'contacts:PhysicalAddress:CountryOrRegion': entryOf(
    'contacts:PhysicalAddresses',
    ADDRESS_KEYS,
    'CountryOrRegion',
  ),
  'contacts:PhysicalAddress:PostalCode': entryOf('contacts:PhysicalAddresses', ADDRESS_KEYS, 'PostalCode'),
  'item:InternetMessageHeader': {
    whole: 'item:InternetMessageHeaders',
    entry: 'InternetMessageHeader',
    keyAttr: 'HeaderName',
    caseInsensitiveKey: true,
    badIndex: 'ErrorUnsupportedPathForQuery',
  },
};

/**
 * A t:IndexedFieldURI (contacts:EmailAddress with FieldIndex EmailAddress2, a PhysicalAddress part of the
 * Business address, a header by name): the one entry of the whole property as GetItem shows it.
 */
export function indexedPathReader(pathEl: XmlElement, error: string): PathReader<ItemView> {
  const uri = pathEl.attrs.FieldURI ?? '';
  const spec = INDEXED_PATHS[uri];
  if (spec === undefined) {
    throw new ResponseError(error, `The indexed property ${uri || '(none)'} is not supported in queries.`);
  }
  const index = pathEl.attrs.FieldIndex ?? '';
  if (spec.keys !== undefined && !spec.keys.includes(index)) {
    throw new ResponseError(spec.badIndex, `${index} is not a FieldIndex of ${uri}.`);
  }
  const wanted = spec.caseInsensitiveKey ? index.toLowerCase() : index;
  return {
    read: (view) => {
      const entry = childrenNamed(renderedElement(view, spec.whole), spec.entry).find((e) => {
        const key = e.attrs[spec.keyAttr] ?? '';
        return (spec.caseInsensitiveKey ? key.toLowerCase() : key) === wanted;
      });
      const text = (spec.part === undefined ? entry : child(entry, spec.part))?.text.trim();
      return text === undefined || text === '' ? undefined : text;
    },
  };
}
