import type { ItemKind } from '../store/item-model.js';
import type { XmlElement } from '../xml/xml-tree.js';
import { el, type XmlFragment } from '../xml/xml-writer.js';
import {
  INDEXED_PROPERTIES,
  ITEM_PROPERTIES,
  ITEM_SEQUENCES,
  URIS_WITHOUT_ELEMENT,
} from './item-properties.generated.js';
import type { SchemaIndexedProperty, SchemaItemKind, SchemaItemProperty } from './item-property-types.js';

export type { SchemaIndexedProperty, SchemaItemProperty } from './item-property-types.js';

// The server stores exactly the schema's concrete item types: each side must name the same kinds.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const kindsMatch: Same<ItemKind, SchemaItemKind> = true;
void kindsMatch;

const BY_URI = new Map(ITEM_PROPERTIES.map((p) => [p.uri, p]));
for (const alias of URIS_WITHOUT_ELEMENT) {
  const target = alias.sameAs === undefined ? undefined : BY_URI.get(alias.sameAs);
  if (target !== undefined) BY_URI.set(alias.uri, target);
}
const INDEXED_BY_URI = new Map(INDEXED_PROPERTIES.map((p) => [p.uri, p]));

/** The schema property a FieldURI names (aliases such as contacts:Culture resolved), if any. */
export function schemaProperty(uri: string): SchemaItemProperty | undefined {
  return BY_URI.get(uri);
}

export function indexedProperty(uri: string): SchemaIndexedProperty | undefined {
  return INDEXED_BY_URI.get(uri);
}

/** Does an item of this kind have the property? */
export function kindHas(property: SchemaItemProperty, kind: ItemKind): boolean {
  return property.positions[kind] !== undefined;
}

/** Each kind's FieldURI for each of its element names: how a CreateItem child is recognised. */
const URI_BY_ELEMENT = new Map<ItemKind, ReadonlyMap<string, SchemaItemProperty>>(
  (Object.keys(ITEM_SEQUENCES) as ItemKind[]).map((kind) => [
    kind,
    new Map(ITEM_PROPERTIES.filter((p) => kindHas(p, kind)).map((p) => [p.element, p])),
  ]),
);

export function propertyOfElement(kind: ItemKind, element: string): SchemaItemProperty | undefined {
  return URI_BY_ELEMENT.get(kind)?.get(element);
}

/** The kind's properties in wire order. */
const IN_ORDER = new Map<ItemKind, readonly SchemaItemProperty[]>(
  (Object.keys(ITEM_SEQUENCES) as ItemKind[]).map((kind) => [
    kind,
    ITEM_PROPERTIES.filter((p) => kindHas(p, kind)).sort(
      (a, b) => (a.positions[kind] ?? 0) - (b.positions[kind] ?? 0),
    ),
  ]),
);

export function propertiesInOrder(kind: ItemKind): readonly SchemaItemProperty[] {
  return IN_ORDER.get(kind) ?? [];
}

/** A kept element written back as it was sent, in the types namespace. */
export function writeKept(element: XmlElement): XmlFragment {
  const text = element.children.length > 0 && element.text.trim() === '' ? '' : element.text;
  return el(`t:${element.name}`, element.attrs, text, element.children.map(writeKept));
}

/**
 * A kept property written back. Exchange writes values in their canonical form: xs:boolean as
 * true/false (never 1/0, which clients such as exchangelib do not read back), xs:dateTime in UTC.
 */
export function writeProperty(property: SchemaItemProperty, element: XmlElement): XmlFragment {
  const value = keptValue(property, element);
  if (property.value.xsd === 'boolean' && typeof value === 'boolean') {
    return el(`t:${element.name}`, element.attrs, String(value));
  }
  if (property.value.xsd === 'dateTime' && value instanceof Date) {
    return el(`t:${element.name}`, element.attrs, value.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  }
  return writeKept(element);
}

/** xs:boolean: true, false, 1 or 0 (surrounding whitespace collapsed). */
export function parseXsdBoolean(text: string): boolean | undefined {
  const value = text.trim();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return undefined;
}

/** A value restrictions and sort orders compare. */
export type KeptValue = string | number | boolean | Date | undefined;

/**
 * The value a kept element has for queries, by its XSD type; undefined for a complex type no query
 * compares (the caller then refuses the path).
 */
export function keptValue(property: SchemaItemProperty, element: XmlElement): KeptValue {
  const text = element.text.trim();
  switch (property.value.xsd) {
    case 'boolean':
      return parseXsdBoolean(text);
    case 'int':
    case 'long':
    case 'double':
      return text === '' ? undefined : Number(text);
    case 'dateTime': {
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? undefined : date;
    }
    case 'complex':
      return complexValue(property.value.type, element);
    default:
      return element.text;
  }
}

/** The complex types a query can still compare: lists of strings and single recipients (bodies: query/restriction.ts). */
function complexValue(type: string, element: XmlElement): KeptValue {
  if (type === 't:ArrayOfStringsType') return element.children.map((c) => c.text).join(';');
  if (type === 't:SingleRecipientType') {
    const mailbox = element.children.find((c) => c.name === 'Mailbox');
    return mailbox?.children.find((c) => c.name === 'EmailAddress')?.text.trim();
  }
  return undefined;
}

/** Can a query compare this property's values? */
export function isComparable(property: SchemaItemProperty): boolean {
  if (property.value.xsd !== 'complex') return true;
  return ['t:ArrayOfStringsType', 't:SingleRecipientType'].includes(property.value.type);
}
