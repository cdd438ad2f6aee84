import { ResponseError } from '../operations/operation-context.js';
import {
  canonicalValue,
  type ExtendedPropertyHolder,
  findExtendedProperty,
  parseExtendedPath,
  scalarOf,
} from '../store/extended-properties.js';
import type { XmlElement } from '../xml/xml-tree.js';
import type { PathReader } from './path-reader.js';

/**
 * A t:ExtendedFieldURI in a restriction or sort order, over anything with extended properties (items
 * through their view, folders directly). Values compare with their PropertyType's semantics: numbers as
 * numbers (Long and Currency exactly), SystemTime as instants, Boolean, Binary bytewise, strings without
 * regard to case; constants are read as the PropertyType, and one that is not is ErrorInvalidValueForProperty.
 */
export function extendedPathReader<T>(
  pathEl: XmlElement,
  holderOf: (target: T) => ExtendedPropertyHolder,
): PathReader<T> {
  const path = parseExtendedPath(pathEl);
  return {
    read: (target) => {
      const prop = findExtendedProperty(holderOf(target), path);
      if (prop === undefined) return undefined;
      return typeof prop.value === 'string'
        ? scalarOf(path.baseType, prop.value)
        : prop.value.map((v) => scalarOf(path.baseType, v));
    },
    constant: (text) => {
      const canonical = canonicalValue(path.baseType, text);
      if (canonical === undefined) {
        throw new ResponseError('ErrorInvalidValueForProperty', `Not a ${path.baseType} value: ${text}.`);
      }
      return scalarOf(path.baseType, canonical);
    },
    multiValued: path.isArray,
    textual: path.baseType === 'String',
  };
}
