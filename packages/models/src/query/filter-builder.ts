import { invalidArgument } from '../errors.js';
import type { Model } from '../schema/define-model.js';
import { fieldConstant, pathConstant } from './constant-value.js';
import {
  andNodes,
  CONTAINMENT_COMPARISONS,
  CONTAINMENT_MODES,
  type ComparisonOperator,
  type ContainmentComparison,
  type ContainmentMode,
  type FilterNode,
  NEVER,
  notNode,
  orNodes,
} from './filter-node.js';
import type { FieldRef, Filter, ListFieldName, TextFieldName, ValueFor } from './filter-types.js';
import { isPropertyPath, modelField, type ResolvedPath, resolveField } from './property-path.js';

export interface ContainsOptions {
  /** Default `Substring`. */
  readonly mode?: ContainmentMode;
  /** Default `Exact` (case-sensitive). */
  readonly comparison?: ContainmentComparison;
}

type TextRef<M extends Model> = TextFieldName<M> | Exclude<FieldRef<M>, string>;

/** Typed filter constructors for one model. Field names and value types are checked at compile time. */
export interface FilterBuilder<M extends Model> {
  readonly model: M;
  eq<F extends FieldRef<M>>(field: F, value: ValueFor<M, F>): Filter<M>;
  ne<F extends FieldRef<M>>(field: F, value: ValueFor<M, F>): Filter<M>;
  gt<F extends FieldRef<M>>(field: F, value: ValueFor<M, F>): Filter<M>;
  gte<F extends FieldRef<M>>(field: F, value: ValueFor<M, F>): Filter<M>;
  lt<F extends FieldRef<M>>(field: F, value: ValueFor<M, F>): Filter<M>;
  lte<F extends FieldRef<M>>(field: F, value: ValueFor<M, F>): Filter<M>;
  /** `from <= field <= to`. */
  range<F extends FieldRef<M>>(field: F, from: ValueFor<M, F>, to: ValueFor<M, F>): Filter<M>;
  /** Equal to any of the values; an empty list matches nothing. */
  in<F extends FieldRef<M>>(field: F, values: readonly ValueFor<M, F>[]): Filter<M>;
  /** A list field holds every one of the values (one IsEqualTo per value, AND-ed). */
  hasAll<F extends ListFieldName<M>>(field: F, values: readonly ValueFor<M, F>[]): Filter<M>;
  /** t:Contains with any ContainmentMode / ContainmentComparison (default Substring, Exact). */
  contains<F extends TextRef<M>>(field: F, value: string, options?: ContainsOptions): Filter<M>;
  icontains<F extends TextRef<M>>(field: F, value: string): Filter<M>;
  exact<F extends TextRef<M>>(field: F, value: string): Filter<M>;
  iexact<F extends TextRef<M>>(field: F, value: string): Filter<M>;
  startsWith<F extends TextRef<M>>(field: F, value: string): Filter<M>;
  iStartsWith<F extends TextRef<M>>(field: F, value: string): Filter<M>;
  exists(field: FieldRef<M>): Filter<M>;
  and(...filters: readonly Filter<M>[]): Filter<M>;
  or(...filters: readonly Filter<M>[]): Filter<M>;
  not(filter: Filter<M>): Filter<M>;
  /** Matches every item: `restrictionXml` then emits no Restriction. */
  all(): Filter<M>;
  /** Matches no item. */
  none(): Filter<M>;
}

function wrap<M extends Model>(node: FilterNode): Filter<M> {
  return Object.freeze({ node });
}

/** The node of a caller's filter; anything else (a bare value, a query string) is refused. */
function nodeOf(filter: unknown, what: string): FilterNode {
  const node = (filter as { node?: { type?: unknown } } | null)?.node;
  if (typeof filter !== 'object' || filter === null || typeof node?.type !== 'string')
    throw invalidArgument(`${what}: expects filters made by filterFor(model) or where(model, …)`);
  return node as FilterNode;
}

/**
 * `filterFor(CalendarItemModel)` returns the constructors for calendar filters:
 * `q.and(q.gte('start', from), q.icontains('subject', 'review'))`.
 * Unknown fields, fields EWS cannot filter on and wrongly typed values are refused with
 * EWS_INVALID_ARGUMENT (for callers without TypeScript); versions are checked when serializing.
 */
export function filterFor<M extends Model>(model: M): FilterBuilder<M> {
  function searchable(field: unknown, what: string): ResolvedPath {
    if (isPropertyPath(field)) return field;
    if (typeof field !== 'string')
      throw invalidArgument(`${what}: a field name or property path is required`);
    const def = modelField(model, field, what);
    if (!def.flags.searchable) {
      throw invalidArgument(
        `${what}: EWS does not support filtering on ${model.name}.${field} (${def.fieldUri})`,
      );
    }
    return resolveField(def);
  }
  function target(field: unknown, value: unknown, what: string): { path: ResolvedPath; constant: string } {
    const path = searchable(field, what);
    if (path.type !== 'field') return { path, constant: pathConstant(path, value, what) };
    const def = modelField(model, path.name, what);
    return { path, constant: fieldConstant(def, value, `${what} ${model.name}.${path.name}`) };
  }
  function compare(operator: ComparisonOperator, field: unknown, value: unknown): Filter<M> {
    return wrap(Object.freeze({ type: 'compare', operator, ...target(field, value, operator) }));
  }
  function contains(field: unknown, value: unknown, options: ContainsOptions = {}): Filter<M> {
    const mode = options.mode ?? 'Substring';
    const comparison = options.comparison ?? 'Exact';
    if (!CONTAINMENT_MODES.includes(mode)) throw invalidArgument('contains: unknown ContainmentMode');
    if (!CONTAINMENT_COMPARISONS.includes(comparison))
      throw invalidArgument('contains: unknown ContainmentComparison');
    if (typeof value !== 'string') throw invalidArgument('contains: the value must be a string');
    const { path, constant } = target(field, value, 'contains');
    return wrap(Object.freeze({ type: 'contains', path, constant, mode, comparison }));
  }
  function values(list: unknown, what: string): readonly unknown[] {
    if (!Array.isArray(list)) throw invalidArgument(`${what}: the values must be an array`);
    return list;
  }
  const builder: FilterBuilder<M> = {
    model,
    eq: (field, value) => compare('eq', field, value),
    ne: (field, value) => compare('ne', field, value),
    gt: (field, value) => compare('gt', field, value),
    gte: (field, value) => compare('gte', field, value),
    lt: (field, value) => compare('lt', field, value),
    lte: (field, value) => compare('lte', field, value),
    range: (field, from, to) =>
      wrap(andNodes([compare('gte', field, from).node, compare('lte', field, to).node])),
    in: (field, list) => wrap(orNodes(values(list, 'in').map((v) => compare('eq', field, v).node))),
    hasAll(field, list) {
      const def = modelField(model, field, 'hasAll');
      if (!def.flags.list) throw invalidArgument(`hasAll: ${model.name}.${field} is not a list field`);
      const entries = values(list, 'hasAll');
      if (entries.length === 0) throw invalidArgument('hasAll: give at least one value');
      return wrap(andNodes(entries.map((v) => compare('eq', field, v).node)));
    },
    contains: (field, value, options) => contains(field, value, options),
    icontains: (field, value) => contains(field, value, { comparison: 'IgnoreCase' }),
    exact: (field, value) => contains(field, value, { mode: 'FullString' }),
    iexact: (field, value) => contains(field, value, { mode: 'FullString', comparison: 'IgnoreCase' }),
    startsWith: (field, value) => contains(field, value, { mode: 'Prefixed' }),
    iStartsWith: (field, value) => contains(field, value, { mode: 'Prefixed', comparison: 'IgnoreCase' }),
    exists: (field) => wrap(Object.freeze({ type: 'exists', path: searchable(field, 'exists') })),
    and: (...filters) => wrap(andNodes(filters.map((f) => nodeOf(f, 'and')))),
    or: (...filters) => wrap(orNodes(filters.map((f) => nodeOf(f, 'or')))),
    not: (filter) => wrap(notNode(nodeOf(filter, 'not'))),
    all: () => wrap(andNodes([])),
    none: () => wrap(NEVER),
  };
  return Object.freeze(builder);
}
