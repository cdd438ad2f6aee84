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

function constantXml(constant: string): XmlFragment {
  return fieldElement('restriction constant', `${T}Constant`, { Value: constant });
}

function nodeXml(node: FilterNode, version: ExchangeVersion): XmlFragment {
  switch (node.type) {
    case 'compare': {
      checkPathVersion(node.path, version, 'restriction');
      return el(T + COMPARISON_ELEMENTS[node.operator], {}, [
        pathXml(node.path),
        el(`${T}FieldURIOrConstant`, {}, constantXml(node.constant)),
      ]);
    }
    case 'contains':
      checkPathVersion(node.path, version, 'restriction');
      return el(`${T}Contains`, { ContainmentMode: node.mode, ContainmentComparison: node.comparison }, [
        pathXml(node.path),
        constantXml(node.constant),
      ]);
    case 'exists':
      checkPathVersion(node.path, version, 'restriction');
      return el(`${T}Exists`, {}, pathXml(node.path));
    case 'and':
    case 'or':
      return el(
        T + (node.type === 'and' ? 'And' : 'Or'),
        {},
        node.children.map((c) => nodeXml(c, version)),
      );
    case 'not':
      return el(`${T}Not`, {}, nodeXml(node.child, version));
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
