import type { ResolvedPath } from './property-path.js';

/** t:ContainmentModeType. */
export const CONTAINMENT_MODES = Object.freeze([
  'FullString',
  'Prefixed',
  'Substring',
  'PrefixOnWords',
  'ExactPhrase',
] as const);
export type ContainmentMode = (typeof CONTAINMENT_MODES)[number];

/** t:ContainmentComparisonType. */
export const CONTAINMENT_COMPARISONS = Object.freeze([
  'Exact',
  'IgnoreCase',
  'IgnoreNonSpacingCharacters',
  'Loose',
  'IgnoreCaseAndNonSpacingCharacters',
  'LooseAndIgnoreCase',
  'LooseAndIgnoreNonSpace',
  'LooseAndIgnoreCaseAndIgnoreNonSpace',
] as const);
export type ContainmentComparison = (typeof CONTAINMENT_COMPARISONS)[number];

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';

/** The restriction element for each comparison. */
export const COMPARISON_ELEMENTS: Readonly<Record<ComparisonOperator, string>> = Object.freeze({
  eq: 'IsEqualTo',
  ne: 'IsNotEqualTo',
  gt: 'IsGreaterThan',
  gte: 'IsGreaterThanOrEqualTo',
  lt: 'IsLessThan',
  lte: 'IsLessThanOrEqualTo',
});

/** not(a < b) is a >= b: a negated comparison is written as its inverse, not wrapped in t:Not. */
const INVERSE: Readonly<Record<ComparisonOperator, ComparisonOperator>> = Object.freeze({
  eq: 'ne',
  ne: 'eq',
  gt: 'lte',
  gte: 'lt',
  lt: 'gte',
  lte: 'gt',
});

/**
 * A filter as data. `always` matches every item (no Restriction is sent); `never` matches none
 * (e.g. `in` with no values: the caller should send no request at all).
 */
export type FilterNode =
  | {
      readonly type: 'compare';
      readonly operator: ComparisonOperator;
      readonly path: ResolvedPath;
      readonly constant: string;
    }
  | {
      readonly type: 'contains';
      readonly path: ResolvedPath;
      readonly constant: string;
      readonly mode: ContainmentMode;
      readonly comparison: ContainmentComparison;
    }
  | { readonly type: 'exists'; readonly path: ResolvedPath }
  | { readonly type: 'and' | 'or'; readonly children: readonly FilterNode[] }
  | { readonly type: 'not'; readonly child: FilterNode }
  | { readonly type: 'always' | 'never' };

export const ALWAYS: FilterNode = Object.freeze({ type: 'always' });
export const NEVER: FilterNode = Object.freeze({ type: 'never' });

/** AND: `never` wins, `always` children drop out, one child stands alone. */
export function andNodes(children: readonly FilterNode[]): FilterNode {
  if (children.some((c) => c.type === 'never')) return NEVER;
  const kept = children.filter((c) => c.type !== 'always');
  if (kept.length === 0) return ALWAYS;
  if (kept.length === 1) return kept[0]!;
  return Object.freeze({ type: 'and', children: Object.freeze(kept) });
}

/** OR: `always` wins, `never` children drop out, one child stands alone. */
export function orNodes(children: readonly FilterNode[]): FilterNode {
  if (children.some((c) => c.type === 'always')) return ALWAYS;
  const kept = children.filter((c) => c.type !== 'never');
  if (kept.length === 0) return NEVER;
  if (kept.length === 1) return kept[0]!;
  return Object.freeze({ type: 'or', children: Object.freeze(kept) });
}

export function notNode(child: FilterNode): FilterNode {
  switch (child.type) {
    case 'compare':
      return Object.freeze({ ...child, operator: INVERSE[child.operator] });
    case 'not':
      return child.child;
    case 'always':
      return NEVER;
    case 'never':
      return ALWAYS;
    default:
      return Object.freeze({ type: 'not', child });
  }
}
