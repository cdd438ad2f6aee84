import { el, type XmlFragment } from '@ews/core';
import { invalidArgument } from '../errors.js';
import { TYPES_PREFIX } from '../kinds/kind.js';
import { fieldElement } from '../kinds/write-xml.js';
import { type ExchangeVersion, isExchangeVersion } from '../versions/exchange-version.js';
import { COMPARISON_ELEMENTS, type FilterNode } from './filter-node.js';
import type { Filter } from './filter-types.js';
import { checkPathVersion, pathXml } from './property-path.js';

export interface RestrictionOptions {
  /** The RequestServerVersion; fields newer than it are refused. */
  readonly version: ExchangeVersion;
}

/**
 * `some`: send `xml` (one `<m:Restriction>` element, an XmlFragment); `expression` is its content
 * alone (the one search expression, `<t:And>`, `<t:IsEqualTo>`…), what a t:RestrictionType under
 * another name holds (SeekToConditionPageItemView's `<t:Condition>`). `all`: the filter matches
 * everything, send no Restriction. `none`: it matches nothing (e.g. `in` with no values), send no
 * request at all.
 */
export type RestrictionResult =
  | { readonly matches: 'some'; readonly xml: XmlFragment; readonly expression: XmlFragment }
  | { readonly matches: 'all' }
  | { readonly matches: 'none' };

const T = TYPES_PREFIX;
// Element names made once: a name built per call is a new string that the builder's check must
// hash again (the write bench's find pieces).
const CONSTANT = `${T}Constant`;
const FIELD_URI_OR_CONSTANT = `${T}FieldURIOrConstant`;
const CONTAINS = `${T}Contains`;
const EXISTS = `${T}Exists`;
const AND = `${T}And`;
const OR = `${T}Or`;
const NOT = `${T}Not`;
const COMPARISONS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(COMPARISON_ELEMENTS).map(([op, name]) => [op, T + name])),
);

function constantXml(constant: string): XmlFragment {
  return fieldElement('restriction constant', CONSTANT, { Value: constant });
}

function nodeXml(node: FilterNode, version: ExchangeVersion): XmlFragment {
  switch (node.type) {
    case 'compare': {
      checkPathVersion(node.path, version, 'restriction');
      return el(COMPARISONS[node.operator] as string, {}, [
        pathXml(node.path),
        el(FIELD_URI_OR_CONSTANT, {}, constantXml(node.constant)),
      ]);
    }
    case 'contains':
      checkPathVersion(node.path, version, 'restriction');
      return el(CONTAINS, { ContainmentMode: node.mode, ContainmentComparison: node.comparison }, [
        pathXml(node.path),
        constantXml(node.constant),
      ]);
    case 'exists':
      checkPathVersion(node.path, version, 'restriction');
      return el(EXISTS, {}, pathXml(node.path));
    case 'and':
    case 'or':
      return el(
        node.type === 'and' ? AND : OR,
        {},
        node.children.map((c) => nodeXml(c, version)),
      );
    case 'not':
      return el(NOT, {}, nodeXml(node.child, version));
    default:
      // andNodes/orNodes/notNode never leave always/never below the root.
      throw invalidArgument('restriction: a constant filter inside a combination');
  }
}

/** Serializes a filter as `<m:Restriction>` for FindItem / FindFolder (children in the caller's order). */
export function restrictionXml(filter: Filter, options: RestrictionOptions): RestrictionResult {
  if (!isExchangeVersion(options.version))
    throw invalidArgument('restrictionXml: options.version is not an Exchange version');
  const { node } = filter;
  if (node.type === 'always') return { matches: 'all' };
  if (node.type === 'never') return { matches: 'none' };
  const expression = nodeXml(node, options.version);
  return { matches: 'some', xml: el('m:Restriction', {}, expression), expression };
}
