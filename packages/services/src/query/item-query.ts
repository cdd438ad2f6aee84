import { EwsInvalidArgumentError } from '@ews/core';
import {
  type FieldName,
  type Filter,
  filterFor,
  type InferModel,
  itemShape,
  type Model,
  restrictionXml,
  type SortKey,
  sortOrderXml,
  type WhereSpec,
  where,
} from '@ews/models';
import type { AccountContext, SignalOption } from '../account/account-context.js';
import type { FolderRef } from '../internal/ids.js';
import { readItemNode } from '../internal/item-classes.js';
import { buildFindItem, type ItemTraversal, readFindItem } from '../operations/find-item.js';
import { fetchItems } from './fetch-items.js';

export const DEFAULT_PAGE_SIZE = 100;

/** A field to order by; prefix with `-` for descending, as in exchangelib's `order_by('-start')`. */
export type OrderField<M extends Model> = SortKey<M>;

/**
 * What `filter()` / `exclude()` take: the object form (`{ subject: { icontains: 'x' } }`, see
 * `where` in @ews/models) or a filter built with `filterFor(model)` (for OR, NOT, extended fields).
 */
export type ItemFilter<M extends Model> = WhereSpec<M> | Filter<M>;

interface QueryState {
  readonly filters: readonly Filter[];
  readonly fields: readonly FieldName<Model>[] | undefined;
  readonly order: readonly SortKey<Model>[];
  readonly offset: number;
  readonly limit: number | undefined;
  readonly pageSize: number;
  readonly traversal: ItemTraversal;
}

const INITIAL: QueryState = {
  filters: [],
  fields: undefined,
  order: [],
  offset: 0,
  limit: undefined,
  pageSize: DEFAULT_PAGE_SIZE,
  traversal: 'Shallow',
};

/**
 * A lazy, immutable query over the items of one or more folders. Every method returns a new
 * query; nothing is sent until it is iterated (or count/first/toArray is awaited). Paging is
 * transparent: one FindItem per page of `pageSize` items.
 *
 * `only(...)` with fields FindItem cannot return (bodies, attendees, MIME…: the model's `complex`
 * flag) switches to FindItem for the ids, then GetItem in batches for the fields. That costs more
 * calls per page; exchangelib does it silently, we say so here.
 */
export class ItemQuery<M extends Model> implements AsyncIterable<InferModel<M>> {
  readonly #account: AccountContext;
  readonly #folders: readonly FolderRef[];
  readonly #model: M;
  readonly #state: QueryState;

  constructor(account: AccountContext, folders: readonly FolderRef[], model: M, state: QueryState = INITIAL) {
    this.#account = account;
    this.#folders = folders;
    this.#model = model;
    this.#state = state;
  }

  /** Items matching every condition (AND with earlier filters). */
  filter(filter: ItemFilter<M>): ItemQuery<M> {
    return this.#with({ filters: [...this.#state.filters, this.#toFilter(filter)] });
  }

  /** Items NOT matching the filter (all its conditions together). */
  exclude(filter: ItemFilter<M>): ItemQuery<M> {
    const builder = filterFor(this.#model as Model);
    return this.#with({ filters: [...this.#state.filters, builder.not(this.#toFilter(filter))] });
  }

  /** Return only these fields (plus the item id). Checked now, so a typo fails here, not on send. */
  only(...fields: readonly FieldName<M>[]): ItemQuery<M> {
    itemShape(this.#model, { version: this.#account.version, fields });
    return this.#with({ fields });
  }

  /** Most significant first; `'-start'` for descending. Replaces an earlier orderBy. */
  orderBy(...fields: readonly OrderField<M>[]): ItemQuery<M> {
    if (fields.length > 0) sortOrderXml(this.#model, fields, { version: this.#account.version });
    return this.#with({ order: fields as readonly SortKey<Model>[] });
  }

  /** Skip the first `count` items. */
  offset(count: number): ItemQuery<M> {
    return this.#with({ offset: nonNegative(count, 'offset') + this.#state.offset });
  }

  /** Return at most `count` items. */
  limit(count: number): ItemQuery<M> {
    const limit = nonNegative(count, 'limit');
    return this.#with({
      limit: this.#state.limit === undefined ? limit : Math.min(limit, this.#state.limit),
    });
  }

  /** Items per FindItem call (default 100). */
  pageSize(size: number): ItemQuery<M> {
    if (!Number.isSafeInteger(size) || size < 1)
      throw new EwsInvalidArgumentError('pageSize must be a positive integer');
    return this.#with({ pageSize: size });
  }

  traversal(traversal: ItemTraversal): ItemQuery<M> {
    return this.#with({ traversal });
  }

  /** How many items match (one FindItem asking for a single id). */
  async count(options: SignalOption = {}): Promise<number> {
    const restriction = this.#restriction();
    if (restriction === 'none') return 0;
    const shape = itemShape(this.#model, { version: this.#account.version }).xml;
    const response = await this.#account.send(
      'FindItem',
      this.#findBody(shape, restriction, 1, 0),
      options.signal,
    );
    const total = readFindItem(response).totalItemsInView ?? 0;
    const afterOffset = Math.max(0, total - this.#state.offset);
    return this.#state.limit === undefined ? afterOffset : Math.min(afterOffset, this.#state.limit);
  }

  async exists(options: SignalOption = {}): Promise<boolean> {
    return (await this.count(options)) > 0;
  }

  /** The first item, or undefined. */
  async first(options: SignalOption = {}): Promise<InferModel<M> | undefined> {
    for await (const item of this.limit(1).iterate(options)) return item;
    return undefined;
  }

  async toArray(options: SignalOption = {}): Promise<InferModel<M>[]> {
    const items: InferModel<M>[] = [];
    for await (const item of this.iterate(options)) items.push(item);
    return items;
  }

  [Symbol.asyncIterator](): AsyncIterator<InferModel<M>> {
    return this.iterate()[Symbol.asyncIterator]();
  }

  /** Iterates page by page; aborting `signal` stops between and during calls. */
  async *iterate(options: SignalOption = {}): AsyncGenerator<InferModel<M>, void, undefined> {
    const { limit, pageSize, fields } = this.#state;
    const restriction = this.#restriction();
    if (restriction === 'none') return;
    const { version } = this.#account;
    const model = this.#model as Model;
    const findShape =
      fields === undefined
        ? itemShape(model, { version, baseShape: 'Default' })
        : itemShape(model, { version, fields, operation: 'FindItem' });
    // Fields FindItem cannot return: FindItem for the ids only, then GetItem for every field.
    const getItemShape =
      findShape.complexFields.length === 0
        ? undefined
        : itemShape(model, { version, fields: fields ?? [] }).xml;
    const shape = getItemShape === undefined ? findShape.xml : itemShape(model, { version }).xml;
    let offset = this.#state.offset;
    let yielded = 0;
    while (limit === undefined || yielded < limit) {
      const max = limit === undefined ? pageSize : Math.min(pageSize, limit - yielded);
      const response = await this.#account.send(
        'FindItem',
        this.#findBody(shape, restriction, max, offset),
        options.signal,
      );
      const page = readFindItem(response);
      const items =
        getItemShape === undefined
          ? page.items.map(readItemNode)
          : await fetchItems(this.#account, page.items, getItemShape, options.signal);
      for (const item of items) {
        yield item as InferModel<M>;
        yielded++;
      }
      if (page.includesLastItemInRange || page.items.length === 0) return;
      offset = page.indexedPagingOffset ?? offset + page.items.length;
    }
  }

  /** The `<m:Restriction>`, undefined for no restriction, or 'none' when nothing can match. */
  #restriction(): string | undefined | 'none' {
    const { filters } = this.#state;
    if (filters.length === 0) return undefined;
    const combined =
      filters.length === 1 ? (filters[0] as Filter) : filterFor(this.#model as Model).and(...filters);
    const result = restrictionXml(combined, { version: this.#account.version });
    return result.matches === 'some' ? result.xml : result.matches === 'none' ? 'none' : undefined;
  }

  #findBody(shape: string, restriction: string | undefined, maxEntries: number, offset: number): string {
    const { order } = this.#state;
    return buildFindItem({
      folders: this.#folders,
      shape,
      view: { type: 'indexed', maxEntries, offset },
      traversal: this.#state.traversal,
      restriction,
      sortOrder:
        order.length === 0
          ? undefined
          : sortOrderXml(this.#model as Model, order, { version: this.#account.version }),
    });
  }

  #toFilter(filter: ItemFilter<M>): Filter {
    return isFilter(filter) ? filter : where(this.#model, filter);
  }

  #with(changes: Partial<QueryState>): ItemQuery<M> {
    return new ItemQuery(this.#account, this.#folders, this.#model, { ...this.#state, ...changes });
  }
}

function nonNegative(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new EwsInvalidArgumentError(`${name} must be a non-negative integer`);
  return value;
}

function isFilter<M extends Model>(value: ItemFilter<M>): value is Filter<M> {
  const node = (value as { node?: unknown }).node;
  return typeof node === 'object' && node !== null && 'type' in node;
}
