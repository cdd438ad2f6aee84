import { el, type XmlFragment } from '@ews/core';
import { invalidArgument } from '../errors.js';
import { pathXml } from '../query/property-path.js';
import type { FieldName, Model } from '../schema/define-model.js';
import { type ExchangeVersion, isExchangeVersion } from '../versions/exchange-version.js';
import { resolveFields, type ShapeField } from './shape-fields.js';

export type SortDirection = 'Ascending' | 'Descending';

/** `'subject'` (ascending), `'-dateTimeReceived'` (descending), or an explicit field + order. */
export type SortKey<M extends Model> =
  | FieldName<M>
  | `-${FieldName<M>}`
  | { readonly field: ShapeField<M>; readonly order?: SortDirection };

export interface SortOrderOptions {
  readonly version: ExchangeVersion;
}

function split(key: unknown): { field: unknown; order: SortDirection } {
  if (typeof key === 'string') {
    return key.startsWith('-')
      ? { field: key.slice(1), order: 'Descending' }
      : { field: key, order: 'Ascending' };
  }
  if (typeof key === 'object' && key !== null && 'field' in key) {
    const { field, order = 'Ascending' } = key as { field: unknown; order?: unknown };
    if (order !== 'Ascending' && order !== 'Descending')
      throw invalidArgument('SortOrder: order must be Ascending or Descending');
    return { field, order };
  }
  throw invalidArgument('SortOrder: a sort key is a field name or { field, order }');
}

/** `<m:SortOrder>` with one FieldOrder per key, most significant first. Complex fields cannot be sorted on. */
export function sortOrderXml<M extends Model>(
  model: M,
  keys: readonly SortKey<M>[],
  options: SortOrderOptions,
): XmlFragment {
  if (!isExchangeVersion(options.version))
    throw invalidArgument('SortOrder: options.version is not an Exchange version');
  if (!Array.isArray(keys) || keys.length === 0)
    throw invalidArgument('SortOrder: give at least one sort key');
  const orders: XmlFragment[] = [];
  for (const key of keys) {
    const { field, order } = split(key);
    const [resolved] = resolveFields(model, [field], options.version, 'SortOrder');
    if (resolved === undefined) continue;
    if (resolved.complex)
      throw invalidArgument(`SortOrder: ${model.name}.${String(field)} cannot be sorted on`);
    orders.push(el('t:FieldOrder', { Order: order }, pathXml(resolved.path)));
  }
  return el('m:SortOrder', {}, orders);
}
