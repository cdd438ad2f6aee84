import { ResponseError } from '../operations/operation-context.js';
import type { ItemView } from '../render/item-view.js';
import { child, type XmlElement } from '../xml/xml-tree.js';
import { compareValues, constantAs, fieldAccessor } from './field-values.js';
import { membersOf, type PathReader, type PathResolver, type Scalar } from './path-reader.js';

export type Predicate<T> = (target: T) => boolean;
export type ItemPredicate = Predicate<ItemView>;

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

/**
 * A comparison holds when the property has a value and it compares so with the operand; on a
 * multi-valued property when any member does (IsNotEqualTo: when no member equals). An absent property
 * matches no comparison.
 */
function comparison<T>(
  el: XmlElement,
  verdict: (order: number) => boolean,
  resolve: PathResolver<T>,
): Predicate<T> {
  const reader = resolve(pathOf(el), 'ErrorUnsupportedPathForQuery');
  const operand = child(el, 'FieldURIOrConstant');
  const constant = child(operand, 'Constant');
  const otherPath = operand?.children.find((c) => PATH_NAMES.has(c.name));
  if (constant === undefined && otherPath === undefined) {
    throw new ResponseError('ErrorInvalidRestriction', `${el.name} needs FieldURIOrConstant.`);
  }
  const other: PathReader<T> | undefined =
    otherPath === undefined ? undefined : resolve(otherPath, 'ErrorUnsupportedPathForQuery');
  const text = constant?.attrs.Value ?? '';
  // Typed paths read their constant once, so a constant of the wrong type fails even on an empty folder.
  const fixed = other === undefined && reader.constant !== undefined ? reader.constant(text) : undefined;
  const operandsFor = (target: T, sample: Scalar): readonly Scalar[] => {
    if (other !== undefined) return membersOf(other.read(target));
    return [fixed ?? constantAs(sample, text)];
  };
  const negated = el.name === 'IsNotEqualTo';
  return (target) => {
    const values = membersOf(reader.read(target));
    if (values.length === 0) return false;
    const holds = (value: Scalar) => operandsFor(target, value).some((o) => compareValues(value, o) === 0);
    if (negated) return !values.some(holds) && operandsFor(target, values[0] as Scalar).length > 0;
    return values.some((value) => operandsFor(target, value).some((o) => verdict(compareValues(value, o))));
  };
}

function contains<T>(el: XmlElement, resolve: PathResolver<T>): Predicate<T> {
  const reader = resolve(pathOf(el), 'ErrorUnsupportedPathForQuery');
  if (reader.textual === false) {
    throw new ResponseError('ErrorUnsupportedQueryFilter', 'Contains searches text properties only.');
  }
  const wanted = child(el, 'Constant')?.attrs.Value ?? '';
  const mode = el.attrs.ContainmentMode ?? 'FullString';
  const comparisonMode = el.attrs.ContainmentComparison ?? 'Exact';
  const ignoreCase = /IgnoreCase|Loose/.test(comparisonMode);
  const norm = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  const needle = norm(wanted);
  const matches = (value: Scalar) => {
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
  return (target) => membersOf(reader.read(target)).some(matches);
}

/**
 * Compiles a t:Restriction's single child into a predicate over anything `resolve` can read paths of
 * (items through their views, folders through a folder resolver); unsupported parts raise response errors.
 */
export function compileRestrictionWith<T>(el: XmlElement, resolve: PathResolver<T>): Predicate<T> {
  const verdict = COMPARISONS[el.name];
  if (verdict) return comparison(el, verdict, resolve);
  switch (el.name) {
    case 'And':
    case 'Or': {
      const parts = el.children.map((c) => compileRestrictionWith(c, resolve));
      if (parts.length === 0)
        throw new ResponseError('ErrorInvalidRestriction', `${el.name} needs operands.`);
      return el.name === 'And' ? (v) => parts.every((p) => p(v)) : (v) => parts.some((p) => p(v));
    }
    case 'Not': {
      const inner = el.children[0];
      if (inner === undefined) throw new ResponseError('ErrorInvalidRestriction', 'Not needs an operand.');
      const part = compileRestrictionWith(inner, resolve);
      return (v) => !part(v);
    }
    case 'Exists': {
      const reader = resolve(pathOf(el), 'ErrorInvalidPropertyForExists');
      return (v) => membersOf(reader.read(v)).some((value) => value !== '');
    }
    case 'Contains':
      return contains(el, resolve);
    default:
      throw new ResponseError(
        'ErrorUnsupportedQueryFilter',
        `The restriction ${el.name} is not supported by this server.`,
      );
  }
}

/** Compiles an item restriction (FindItem). */
export function compileRestriction(el: XmlElement): ItemPredicate {
  return compileRestrictionWith(el, fieldAccessor);
}
