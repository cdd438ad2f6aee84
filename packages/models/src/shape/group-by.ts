import { el, type XmlFragment } from '@ews/core';
import { invalidArgument } from '../errors.js';
import { pathXml } from '../query/property-path.js';
import type { Model } from '../schema/define-model.js';
import { type ExchangeVersion, isExchangeVersion } from '../versions/exchange-version.js';
import { resolveFields, type ShapeField } from './shape-fields.js';
import type { SortDirection } from './sort-order.js';

/** Which item of a group stands for it when groups are ordered (types.xsd AggregateType). */
export type GroupAggregate = 'Minimum' | 'Maximum';

/** The standard groupings of DistinguishedGroupBy (types.xsd StandardGroupByType). */
export type StandardGroupBy = 'ConversationTopic';

/**
 * A FindItem grouping: items with the same `field` value form a group; groups are ordered by the
 * `aggregate` (Minimum/Maximum) of `aggregateOn` over their items, in `order`.
 */
export interface GroupBySpec<M extends Model> {
  readonly field: ShapeField<M>;
  readonly aggregateOn: ShapeField<M>;
  readonly aggregate: GroupAggregate;
  readonly order?: SortDirection;
}

export interface GroupByOptions {
  readonly version: ExchangeVersion;
}

const AGGREGATES: ReadonlySet<string> = new Set(['Minimum', 'Maximum']);
const ORDERS: ReadonlySet<string> = new Set(['Ascending', 'Descending']);

function onePath(model: Model, field: unknown, version: ExchangeVersion, what: string): XmlFragment {
  const [resolved] = resolveFields(model, [field], version, 'GroupBy');
  if (resolved === undefined) throw invalidArgument(`GroupBy: ${what} names no field`);
  // A field FindItem cannot return cannot be grouped or aggregated on either.
  if (resolved.complex) throw invalidArgument(`GroupBy: ${model.name}.${String(field)} cannot be ${what}`);
  return pathXml(resolved.path);
}

function direction(order: unknown): SortDirection {
  if (order === undefined) return 'Ascending';
  if (typeof order !== 'string' || !ORDERS.has(order))
    throw invalidArgument('GroupBy: order must be Ascending or Descending');
  return order as SortDirection;
}

/** `<m:GroupBy>`: the grouping field and the aggregate that orders the groups. */
export function groupByXml<M extends Model>(
  model: M,
  spec: GroupBySpec<M>,
  options: GroupByOptions,
): XmlFragment {
  if (!isExchangeVersion(options.version))
    throw invalidArgument('GroupBy: options.version is not an Exchange version');
  if (typeof spec !== 'object' || spec === null) throw invalidArgument('GroupBy: a grouping is required');
  if (typeof spec.aggregate !== 'string' || !AGGREGATES.has(spec.aggregate))
    throw invalidArgument('GroupBy: aggregate must be Minimum or Maximum');
  const order = direction(spec.order);
  const field = onePath(model, spec.field, options.version, 'grouped on');
  const aggregateOn = onePath(model, spec.aggregateOn, options.version, 'aggregated on');
  return el('m:GroupBy', { Order: order }, [
    field,
    el('t:AggregateOn', { Aggregate: spec.aggregate }, aggregateOn),
  ]);
}

/** `<m:DistinguishedGroupBy>`: one of Exchange's standard groupings (ConversationTopic). */
export function distinguishedGroupByXml(standard: StandardGroupBy, order?: SortDirection): XmlFragment {
  if (standard !== 'ConversationTopic')
    throw invalidArgument('DistinguishedGroupBy: the only standard grouping is ConversationTopic');
  return el('m:DistinguishedGroupBy', { Order: direction(order) }, el('t:StandardGroupBy', {}, standard));
}
