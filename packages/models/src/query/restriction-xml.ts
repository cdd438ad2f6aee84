import { invalidArgument } from '../errors.js';
import { TYPES_PREFIX } from '../kinds/kind.js';
import { escapeAttribute } from '../kinds/xml-escape.js';
import { type ExchangeVersion, isExchangeVersion } from '../versions/exchange-version.js';
import { COMPARISON_ELEMENTS, type FilterNode } from './filter-node.js';
import type { Filter } from './filter-types.js';
import { checkPathVersion, pathXml } from './property-path.js';

export interface RestrictionOptions {
  /** The RequestServerVersion; fields newer than it are refused. */
  readonly version: ExchangeVersion;
}

/**
 * `some`: send `xml` (one `<m:Restriction>` element). `all`: the filter matches everything, send
 * no Restriction. `none`: it matches nothing (e.g. `in` with no values), send no request at all.
 */
export type RestrictionResult =
  | { readonly matches: 'some'; readonly xml: string }
  | { readonly matches: 'all' }
  | { readonly matches: 'none' };

const T = TYPES_PREFIX;

function constantXml(constant: string): string {
  return `<${T}Constant Value="${escapeAttribute(constant, 'restriction constant')}"/>`;
}

function nodeXml(node: FilterNode, version: ExchangeVersion): string {
  switch (node.type) {
    case 'compare': {
      checkPathVersion(node.path, version, 'restriction');
      const name = T + COMPARISON_ELEMENTS[node.operator];
      return `<${name}>${pathXml(node.path)}<${T}FieldURIOrConstant>${constantXml(node.constant)}</${T}FieldURIOrConstant></${name}>`;
    }
    case 'contains':
      checkPathVersion(node.path, version, 'restriction');
      return `<${T}Contains ContainmentMode="${node.mode}" ContainmentComparison="${node.comparison}">${pathXml(node.path)}${constantXml(node.constant)}</${T}Contains>`;
    case 'exists':
      checkPathVersion(node.path, version, 'restriction');
      return `<${T}Exists>${pathXml(node.path)}</${T}Exists>`;
    case 'and':
    case 'or': {
      const name = T + (node.type === 'and' ? 'And' : 'Or');
      return `<${name}>${node.children.map((c) => nodeXml(c, version)).join('')}</${name}>`;
    }
    case 'not':
      return `<${T}Not>${nodeXml(node.child, version)}</${T}Not>`;
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
  return { matches: 'some', xml: `<m:Restriction>${nodeXml(node, options.version)}</m:Restriction>` };
}
