import { EwsInvalidArgumentError } from '@ews/core';
import type { FieldDef, FieldName, InferModel, Model } from '@ews/models';
import type { AccountContext, SignalOption } from '../account/account-context.js';
import type { FolderRef } from '../internal/ids.js';
import { readItemNode } from '../internal/item-classes.js';
import type { ItemShapeSpec } from '../internal/item-shape.js';
import { fieldUriXml } from '../internal/xml.js';
import { buildFindItem, type ItemTraversal, readFindItem } from '../operations/find-item.js';
import { fetchItems } from './fetch-items.js';
import { notXml, type SimpleFilter, simpleFilterXml } from './simple-filter.js';

export const DEFAULT_PAGE_SIZE = 100;

/** A field to order by; prefix with `-` for descending, as in exchangelib's `order_by('-start')`. */
export type OrderField<M extends Model> = FieldName<M> | `-${FieldName<M>}`;

interface QueryState {
  readonly restrictions: readonly string[];
  readonly fields: readonly FieldDef[] | undefined;
  readonly order: readonly string[];
  readonly offset: number;
  readonly limit: number | undefined;
  readonly pageSize: number;
  readonly traversal: ItemTraversal;
}

const INITIAL: QueryState = {
  restrictions: [],
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
  filter(filter: SimpleFilter<M>): ItemQuery<M> {
    const xml = simpleFilterXml(this.#model, filter);
    return xml === undefined ? this : this.#with({ restrictions: [...this.#state.restrictions, xml] });
  }

  /** Items NOT matching all the conditions. */
  exclude(filter: SimpleFilter<M>): ItemQuery<M> {
    const xml = simpleFilterXml(this.#model, filter);
    return xml === undefined
      ? this
      : this.#with({ restrictions: [...this.#state.restrictions, notXml(xml)] });
  }

  /** Return only these fields (plus the item id). */
  only(...fields: readonly FieldName<M>[]): ItemQuery<M> {
    return this.#with({ fields: fields.map((name) => this.#field(name, 'returned')) });
  }

  orderBy(...fields: readonly OrderField<M>[]): ItemQuery<M> {
    const order = fields.map((spec) => {
      const descending = spec.startsWith('-');
      const def = this.#field(descending ? spec.slice(1) : spec, 'sorted on');
      return `<t:FieldOrder Order="${descending ? 'Descending' : 'Ascending'}">${fieldUriXml(def.fieldUri ?? '')}</t:FieldOrder>`;
    });
    return this.#with({ order });
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
    const response = await this.#account.send(
      'FindItem',
      this.#findBody({ baseShape: 'IdOnly' }, 1, 0),
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
    const { limit, pageSize } = this.#state;
    const needsGetItem = this.#state.fields?.some((def) => def.flags.complex) ?? false;
    const shape: ItemShapeSpec = needsGetItem
      ? { baseShape: 'IdOnly' }
      : this.#state.fields === undefined
        ? { baseShape: 'Default' }
        : { baseShape: 'IdOnly', fieldUris: this.#state.fields.flatMap((def) => def.fieldUri ?? []) };
    let offset = this.#state.offset;
    let yielded = 0;
    while (limit === undefined || yielded < limit) {
      const max = limit === undefined ? pageSize : Math.min(pageSize, limit - yielded);
      const response = await this.#account.send(
        'FindItem',
        this.#findBody(shape, max, offset),
        options.signal,
      );
      const page = readFindItem(response);
      const items = needsGetItem
        ? await fetchItems(this.#account, page.items, this.#state.fields ?? [], options.signal)
        : page.items.map(readItemNode);
      for (const item of items) {
        yield item as InferModel<M>;
        yielded++;
      }
      if (page.includesLastItemInRange || page.items.length === 0) return;
      offset = page.indexedPagingOffset ?? offset + page.items.length;
    }
  }

  #findBody(shape: ItemShapeSpec, maxEntries: number, offset: number): string {
    const { restrictions } = this.#state;
    return buildFindItem({
      folders: this.#folders,
      shape,
      view: { type: 'indexed', maxEntries, offset },
      traversal: this.#state.traversal,
      restriction:
        restrictions.length === 0
          ? undefined
          : restrictions.length === 1
            ? restrictions[0]
            : `<t:And>${restrictions.join('')}</t:And>`,
      sortOrder: this.#state.order,
    });
  }

  #field(name: string, purpose: string): FieldDef {
    const def = this.#model.fields.find((candidate) => candidate.name === name);
    if (!def?.fieldUri) throw new EwsInvalidArgumentError(`${this.#model.name}.${name} cannot be ${purpose}`);
    return def;
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
