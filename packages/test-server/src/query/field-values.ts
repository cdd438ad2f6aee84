import { isDerivedFromUid, viewExtendedProperties } from '../calendar/global-object-id.js';
import { ResponseError } from '../operations/operation-context.js';
import { type FieldValue, itemField } from '../render/item-fields.js';
import type { ItemView } from '../render/item-view.js';
import type { XmlElement } from '../xml/xml-tree.js';
import { extendedPathReader } from './extended-path-reader.js';
import { indexedPathReader } from './indexed-path-reader.js';
import { NEVER_MATCHING_PATHS, renderedPathReader, specialPathReader } from './item-path-policies.js';
import { NEVER_MATCHES, type PathReader, type Scalar } from './path-reader.js';

/**
 * A plain FieldURI's value from the property table, or undefined when the table has none to search.
 * (The one place the table is consulted: a schema-driven table can replace this body.)
 */
export function plainFieldAccessor(uri: string): ((view: ItemView) => FieldValue) | undefined {
  return itemField(uri)?.value;
}

function fieldUriReader(uri: string, error: string): PathReader<ItemView> {
  if (NEVER_MATCHING_PATHS.has(uri)) return NEVER_MATCHES;
  const special = specialPathReader(uri);
  if (special !== undefined) return special;
  const plain = plainFieldAccessor(uri);
  if (plain !== undefined) return { read: plain };
  const rendered = renderedPathReader(uri);
  if (rendered !== undefined) return rendered;
  throw new ResponseError(
    error,
    `The property ${uri || '(none)'} is not supported in queries by this server.`,
  );
}

/** The reader for an item path element (FieldURI, IndexedFieldURI, ExtendedFieldURI), or `error`. */
export function fieldAccessor(
  path: XmlElement,
  error = 'ErrorUnsupportedPathForQuery',
): PathReader<ItemView> {
  switch (path.name) {
    case 'ExtendedFieldURI':
      // The GlobalObjectIds are derived from the UID, and only worked out when a path names them.
      return extendedPathReader(
        path,
        isDerivedFromUid(path) ? viewExtendedProperties : (view: ItemView) => view.item,
      );
    case 'IndexedFieldURI':
      return indexedPathReader(path, error);
    case 'FieldURI':
      return fieldUriReader(path.attrs.FieldURI ?? '', error);
    default:
      throw new ResponseError(error, `${path.name} is not a property path.`);
  }
}

function order(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two values of the same property; strings compare case-insensitively like Exchange's collation. */
export function compareValues(a: Scalar, b: Scalar): number {
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    return order(a, b);
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b);
  return String(a).localeCompare(String(b), 'en', { sensitivity: 'accent' });
}

/** Converts a t:Constant Value to the type of the property value it is compared with. */
export function constantAs(sample: Scalar, text: string): Scalar {
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
