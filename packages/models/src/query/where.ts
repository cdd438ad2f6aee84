import { invalidArgument } from '../errors.js';
import type { Model } from '../schema/define-model.js';
import { type FilterBuilder, filterFor } from './filter-builder.js';
import type { Filter, FilterableFields, FilterableName } from './filter-types.js';

type TextOperators = {
  readonly contains?: string;
  readonly icontains?: string;
  readonly exact?: string;
  readonly iexact?: string;
  readonly startsWith?: string;
  readonly iStartsWith?: string;
};

/** The lookups for one field; several lookups on one field are AND-ed. */
export type FieldOperators<V> = {
  readonly eq?: V;
  readonly ne?: V;
  readonly gt?: V;
  readonly gte?: V;
  readonly lt?: V;
  readonly lte?: V;
  readonly in?: readonly V[];
  readonly range?: readonly [V, V];
  /** true: the property is set; false: it is not. */
  readonly exists?: boolean;
} & ([V] extends [string] ? TextOperators : unknown);

/** `{ field: value }` (equality) or `{ field: { lookup: value } }`; all entries are AND-ed. */
export type WhereSpec<M extends Model> = {
  readonly [N in FilterableName<M>]?: FilterableFields<M>[N] | FieldOperators<FilterableFields<M>[N]>;
};

type Lookup = (q: FilterBuilder<Model>, field: string, value: unknown) => Filter;

function listOrThrow(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw invalidArgument(`where: '${what}' takes an array`);
  return value;
}

// The lookup names and the builder call each one makes (exchangelib's __gt, __in, … as data).
const LOOKUPS: Readonly<Record<string, Lookup>> = Object.freeze({
  eq: (q, f, v) => q.eq(f as never, v as never),
  ne: (q, f, v) => q.ne(f as never, v as never),
  gt: (q, f, v) => q.gt(f as never, v as never),
  gte: (q, f, v) => q.gte(f as never, v as never),
  lt: (q, f, v) => q.lt(f as never, v as never),
  lte: (q, f, v) => q.lte(f as never, v as never),
  in: (q, f, v) => q.in(f as never, listOrThrow(v, 'in') as never),
  range(q, f, v) {
    const bounds = listOrThrow(v, 'range');
    if (bounds.length !== 2) throw invalidArgument("where: 'range' takes exactly two values");
    return q.range(f as never, bounds[0] as never, bounds[1] as never);
  },
  exists(q, f, v) {
    if (typeof v !== 'boolean') throw invalidArgument("where: 'exists' takes true or false");
    return v ? q.exists(f as never) : q.not(q.exists(f as never));
  },
  contains: (q, f, v) => q.contains(f as never, v as string),
  icontains: (q, f, v) => q.icontains(f as never, v as string),
  exact: (q, f, v) => q.exact(f as never, v as string),
  iexact: (q, f, v) => q.iexact(f as never, v as string),
  startsWith: (q, f, v) => q.startsWith(f as never, v as string),
  iStartsWith: (q, f, v) => q.iStartsWith(f as never, v as string),
});

function isOperatorObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null; // not a Date / PlainDate value
}

/**
 * The object form of a filter: `where(CalendarItemModel, { start: { gte: from }, subject: { icontains: 'x' } })`.
 * Every entry is AND-ed; combine the result with `filterFor(model)` for OR / NOT.
 */
export function where<M extends Model>(model: M, spec: WhereSpec<M>): Filter<M> {
  const q = filterFor(model) as unknown as FilterBuilder<Model>;
  const parts: Filter[] = [];
  for (const [field, value] of Object.entries(spec as Readonly<Record<string, unknown>>)) {
    if (value === undefined) continue;
    if (!isOperatorObject(value)) {
      parts.push(q.eq(field as never, value as never));
      continue;
    }
    for (const [name, operand] of Object.entries(value)) {
      if (operand === undefined) continue;
      const lookup = LOOKUPS[name];
      if (lookup === undefined)
        throw invalidArgument(`where: unknown lookup '${name}' on ${model.name}.${field}`);
      parts.push(lookup(q, field, operand));
    }
  }
  return q.and(...parts) as Filter<M>;
}
