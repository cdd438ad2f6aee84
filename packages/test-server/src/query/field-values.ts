import { ResponseError } from '../operations/operation-context.js';
import { type FieldValue, itemField } from '../render/item-fields.js';
import type { ItemView } from '../render/item-view.js';
import type { XmlElement } from '../xml/xml-tree.js';

const INDEXED_TO_WHOLE: Record<string, string> = { 'contacts:EmailAddress': 'contacts:EmailAddresses' };

/** The value accessor for a FieldURI/IndexedFieldURI path element, or ErrorUnsupportedPathForQuery. */
export function fieldAccessor(
  path: XmlElement,
  error = 'ErrorUnsupportedPathForQuery',
): (view: ItemView) => FieldValue {
  const uri = path.attrs.FieldURI ?? '';
  const field = itemField(INDEXED_TO_WHOLE[uri] ?? uri);
  if (path.name === 'ExtendedFieldURI' || field?.value === undefined) {
    throw new ResponseError(
      error,
      `The property ${uri || path.name} is not supported in queries by this server.`,
    );
  }
  return field.value;
}

/** Compares two values of the same property; strings compare case-insensitively like Exchange's collation. */
export function compareValues(a: FieldValue, b: FieldValue): number {
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return String(a ?? '').localeCompare(String(b ?? ''), 'en', { sensitivity: 'accent' });
}

/** Converts a t:Constant Value to the type of the property it is compared with. */
export function constantAs(sample: FieldValue, text: string): FieldValue {
  if (sample instanceof Date) {
    const date = new Date(text);
    if (Number.isNaN(date.getTime()))
      throw new ResponseError('ErrorInvalidValueForProperty', `Not a date: ${text}.`);
    return date;
  }
  if (typeof sample === 'number') return Number(text);
  if (typeof sample === 'boolean') return text === 'true' || text === '1';
  return text;
}
