import { parseXsdBoolean, propertyOfElement, type SchemaItemProperty } from '../schema/item-properties.js';
import { isTyped } from '../schema/typed-properties.js';
import type { ItemKind } from '../store/item-model.js';
import type { XmlElement } from '../xml/xml-tree.js';
import { ResponseError } from './operation-context.js';

/** Checks a simple value against its XSD type; ErrorInvalidValueForProperty when it does not fit. */
export function checkValue(property: SchemaItemProperty, element: XmlElement): void {
  const text = element.text.trim();
  const value = property.value;
  let ok = true;
  switch (value.xsd) {
    case 'boolean':
      ok = parseXsdBoolean(text) !== undefined;
      break;
    case 'int':
    case 'long':
      ok = /^[+-]?\d+$/.test(text);
      break;
    case 'double':
      ok = text !== '' && Number.isFinite(Number(text));
      break;
    case 'dateTime':
      ok =
        /^-?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/.test(text) &&
        !Number.isNaN(Date.parse(text));
      break;
    case 'enum':
      ok = value.values.includes(text);
      break;
    default:
      break;
  }
  if (!ok) {
    throw new ResponseError(
      'ErrorInvalidValueForProperty',
      `${property.uri} does not take the value ${JSON.stringify(text.slice(0, 64))}.`,
    );
  }
}

/** ErrorInvalidPropertySet for a property the server sets itself (the table says why). */
export function refuseReadOnly(property: SchemaItemProperty): void {
  if (property.readOnly !== undefined) {
    throw new ResponseError('ErrorInvalidPropertySet', `${property.uri} is read-only: ${property.readOnly}.`);
  }
}

/**
 * The properties a new item keeps as sent: every child of the item element that names a schema
 * property of its kind and is not typed. Read-only properties and values outside their XSD type are refused.
 */
export function keptProperties(kind: ItemKind, itemEl: XmlElement): Record<string, XmlElement> {
  const kept: Record<string, XmlElement> = {};
  for (const element of itemEl.children) {
    const property = propertyOfElement(kind, element.name);
    // ItemId and ExtendedProperty have no FieldURI of their own (extended properties are kept elsewhere).
    if (property === undefined || isTyped(property.uri, kind)) continue;
    refuseReadOnly(property);
    checkValue(property, element);
    kept[property.uri] = element;
  }
  return kept;
}
