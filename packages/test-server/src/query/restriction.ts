import { ResponseError } from '../operations/operation-context.js';
import type { FieldValue } from '../render/item-fields.js';
import type { ItemView } from '../render/item-view.js';
import { child, type XmlElement } from '../xml/xml-tree.js';
import { compareValues, constantAs, fieldAccessor } from './field-values.js';

export type ItemPredicate = (view: ItemView) => boolean;

const PATH_NAMES = new Set(['FieldURI', 'IndexedFieldURI', 'ExtendedFieldURI']);

// Each comparison's verdict from compare(property, constant).
const COMPARISONS: Readonly<Record<string, (order: number) => boolean>> = {
  IsEqualTo: (o) => o === 0,
  IsNotEqualTo: (o) => o !== 0,
  IsGreaterThan: (o) => o > 0,
  IsGreaterThanOrEqualTo: (o) => o >= 0,
  IsLessThan: (o) => o < 0,
  IsLessThanOrEqualTo: (o) => o <= 0,
};

function pathOf(el: XmlElement): XmlElement {
  const path = el.children.find((c) => PATH_NAMES.has(c.name));
  if (path === undefined)
    throw new ResponseError('ErrorInvalidRestriction', `${el.name} needs a property path.`);
  return path;
}

function comparison(el: XmlElement, verdict: (order: number) => boolean): ItemPredicate {
  const read = fieldAccessor(pathOf(el));
  const operand = child(el, 'FieldURIOrConstant');
  const constant = child(operand, 'Constant');
  const otherPath = operand?.children.find((c) => PATH_NAMES.has(c.name));
  if (constant === undefined && otherPath === undefined) {
    throw new ResponseError('ErrorInvalidRestriction', `${el.name} needs FieldURIOrConstant.`);
  }
  const readOther = otherPath === undefined ? undefined : fieldAccessor(otherPath);
  return (view) => {
    const value = read(view);
    if (value === undefined) return false;
    const other: FieldValue = readOther ? readOther(view) : constantAs(value, constant?.attrs.Value ?? '');
    if (other === undefined) return false;
    return verdict(compareValues(value, other));
  };
}

function contains(el: XmlElement): ItemPredicate {
  const read = fieldAccessor(pathOf(el));
  const wanted = child(el, 'Constant')?.attrs.Value ?? '';
  const mode = el.attrs.ContainmentMode ?? 'FullString';
  const comparisonMode = el.attrs.ContainmentComparison ?? 'Exact';
  const ignoreCase = /IgnoreCase|Loose/.test(comparisonMode);
  const norm = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  const needle = norm(wanted);
  return (view) => {
    const value = read(view);
    if (value === undefined) return false;
    const hay = norm(value instanceof Date ? value.toISOString() : String(value));
    switch (mode) {
      case 'FullString':
        return hay === needle;
      case 'Prefixed':
        return hay.startsWith(needle);
      case 'PrefixOnWords':
        return hay.split(/\s+/).some((word) => word.startsWith(needle));
      default:
        return hay.includes(needle);
    }
  };
}

/** Compiles a t:Restriction's single child into a predicate; unsupported parts raise response errors. */
export function compileRestriction(el: XmlElement): ItemPredicate {
  const verdict = COMPARISONS[el.name];
  if (verdict) return comparison(el, verdict);
  switch (el.name) {
    case 'And':
    case 'Or': {
      const parts = el.children.map(compileRestriction);
      if (parts.length === 0)
        throw new ResponseError('ErrorInvalidRestriction', `${el.name} needs operands.`);
      return el.name === 'And' ? (v) => parts.every((p) => p(v)) : (v) => parts.some((p) => p(v));
    }
    case 'Not': {
      const inner = el.children[0];
      if (inner === undefined) throw new ResponseError('ErrorInvalidRestriction', 'Not needs an operand.');
      const part = compileRestriction(inner);
      return (v) => !part(v);
    }
    case 'Exists': {
      const read = fieldAccessor(pathOf(el), 'ErrorInvalidPropertyForExists');
      return (v) => {
        const value = read(v);
        return value !== undefined && value !== '';
      };
    }
    case 'Contains':
      return contains(el);
    default:
      throw new ResponseError(
        'ErrorUnsupportedQueryFilter',
        `The restriction ${el.name} is not supported by this server.`,
      );
  }
}
