import {
  type CallOptions,
  EwsInvalidArgumentError,
  EwsProtocolError,
  el,
  nonNegativeInteger,
  positiveInteger,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import {
  distinguishedGroupByXml,
  type FieldName,
  type Filter,
  filterFor,
  type GroupAggregate,
  groupByXml,
  type InferModel,
  type Item,
  itemShape,
  type Model,
  type RestrictionResult,
  restrictionXml,
  type SortDirection,
  type SortKey,
  sortOrderXml,
  supportsVersion,
  type WhereSpec,
  where,
} from '@ews/models';
import type { AccountContext } from '../account/account-context.js';
import { type BulkDeleteOptions, bulkDelete } from '../bulk/bulk.js';
import {
  type BulkMarkAsJunkOptions,
  type BulkSendOptions,
  bulkArchive,
  bulkCopy,
  bulkMarkAsJunk,
  bulkMove,
  bulkSend,
} from '../bulk/bulk-verbs.js';
import type { BulkOptions, BulkResult } from '../bulk/run-chunks.js';
import { wholeCall } from '../internal/call-deadline.js';
import { readItemNode } from '../internal/item-classes.js';
import { XS_INT_MAX } from '../internal/schema-limits.js';
import { send } from '../internal/send.js';
import {
  buildFindItem,
  type ItemTraversal,
  readFindItemList,
  type SeekCondition,
} from '../operations/find-item.js';
import { requiredItemRef } from '../operations/item-id-results.js';
import {
  type FolderRef,
  type FolderTarget,
  folderRefOf,
  type ItemRef,
  type MailboxFolderRef,
  mailboxFolderRef,
} from '../refs.js';
import {
  type FieldFetchOptions,
  type FieldFetchPlan,
  fieldFetchSettings,
  withFetchedFields,
} from './fetch-batches.js';
import {
  eachItem,
  type ItemSlice,
  readFindItemLists,
  readFindItemPages,
  streamFindItemPage,
  streamingAccount,
} from './find-item-pages.js';
import { GroupedItemQuery } from './grouped-item-query.js';
import { EwsDoesNotExistError, EwsMultipleObjectsError } from './lookup-errors.js';

export const DEFAULT_PAGE_SIZE = 100;

/** A field to order by; prefix with `-` for descending, as in exchangelib's `order_by('-start')`. */
export type OrderField<M extends Model> = SortKey<M>;

/**
 * What `filter()` / `exclude()` take: the object form (`{ subject: { icontains: 'x' } }`, see
 * `where` in @ews/models) or a filter built with `filterFor(model)` (for OR, NOT, extended fields).
 */
export type ItemFilter<M extends Model> = WhereSpec<M> | Filter<M>;

/** The value type of one field of a model's items. */
export type FieldValue<M extends Model, F extends FieldName<M>> = F extends keyof InferModel<M>
  ? InferModel<M>[F]
  : never;

/** What `values(...fields)` yields: a plain object with exactly those fields (undefined when not set). */
export type ValuesRow<M extends Model, F extends FieldName<M>> = { readonly [K in F]: FieldValue<M, K> };

/** What `valuesList(...fields)` yields: the fields' values in the order named. */
export type ValuesTuple<M extends Model, F extends readonly FieldName<M>[]> = {
  readonly [I in keyof F]: F[I] extends FieldName<M> ? FieldValue<M, F[I]> : never;
};

/** How `groupBy()` orders its groups: by the Maximum (default) or Minimum of `aggregateOn` over each group. */
export interface ItemGroupByOptions<M extends Model> {
  readonly aggregateOn: FieldName<M>;
  readonly aggregate?: GroupAggregate;
  /** The groups' order (default Ascending); items within a group follow `orderBy()`. */
  readonly order?: SortDirection;
}

/** Where `move()`, `copy()` and `archive()` put items (for `archive()`, a folder of the archive mailbox). */
export type FolderDestination = FolderTarget;

interface QueryState {
  readonly filters: readonly Filter[];
  readonly fields: readonly FieldName<Model>[] | undefined;
  readonly order: readonly SortKey<Model>[];
  readonly offset: number;
  readonly limit: number | undefined;
  readonly pageSize: number;
  readonly traversal: ItemTraversal;
  /** `none()`: matches nothing, sends nothing. */
  readonly none: boolean;
  /** `values()` / `valuesList()`: what each item becomes. */
  readonly project: ((item: Record<string, unknown>) => unknown) | undefined;
  /** How fields FindItem cannot return are fetched (`fetchWith()`). */
  readonly fetch: Pick<FieldFetchPlan<Item>, 'batchSize' | 'concurrency' | 'itemNotFound'>;
  /** `search()`: an AQS query string, sent instead of a restriction. */
  readonly queryString: string | undefined;
  /** `seekTo()`: the first page starts at the first item matching this. */
  readonly seek: Filter | undefined;
}

const INITIAL: QueryState = {
  filters: [],
  fields: undefined,
  order: [],
  offset: 0,
  limit: undefined,
  pageSize: DEFAULT_PAGE_SIZE,
  traversal: 'Shallow',
  none: false,
  project: undefined,
  fetch: fieldFetchSettings({}),
  queryString: undefined,
  seek: undefined,
};

const ID_ONLY_SHAPE = el('m:ItemShape', {}, el('t:BaseShape', {}, 'IdOnly'));

/**
 * A lazy, immutable query over the items of one or more folders. Every method returns a new
 * query; nothing is sent until it is iterated (or count/first/toArray/get is awaited). Paging is
 * transparent: one FindItem per page of `pageSize` items.
 *
 * `only(...)` takes any field. Fields FindItem cannot return (bodies, attendees, MIME…: the
 * model's `complex` flag) are fetched with GetItem in batches of 100 (see `fetchWith()`) and merged
 * into the FindItem results, still one iterator in query order: one more call per 100 items.
 * exchangelib does it silently, we say so here.
 *
 * Several folders (`account.folders([...])`) are searched by one FindItem with several
 * ParentFolderIds; Exchange pages and sorts each folder on its own, so results come folder by
 * folder within each page, and offset/limit apply to that sequence.
 *
 * `T` is what iteration yields: the item, or a row after `values()` / `valuesList()`.
 */
export class ItemQuery<M extends Model, T = InferModel<M>> implements AsyncIterable<T> {
  readonly #account: AccountContext;
  readonly #folders: readonly MailboxFolderRef[];
  readonly #model: M;
  readonly #state: QueryState;

  /**
   * `folders`: handles or FolderRefs; a distinguished folder given without a mailbox is the
   * account's (`mailboxFolderRef`), as for every Account folder, never the signed-in user's.
   */
  constructor(
    account: AccountContext,
    folders: readonly FolderTarget[],
    model: M,
    state: QueryState = INITIAL,
  ) {
    if (folders.length === 0) throw new EwsInvalidArgumentError('A query needs at least one folder');
    this.#account = account;
    this.#folders = folders.map((folder) => mailboxFolderRef(account.primarySmtpAddress, folder));
    this.#model = model;
    this.#state = state;
  }

  /** A copy of this query (queries are immutable; exchangelib's `all()`). */
  all(): ItemQuery<M, T> {
    return this.#with({});
  }

  /** The same query matching nothing: iterating yields nothing and sends nothing. */
  none(): ItemQuery<M, T> {
    return this.#with({ none: true });
  }

  /** Items matching every condition (AND with earlier filters). */
  filter(filter: ItemFilter<M>): ItemQuery<M, T> {
    this.#noQueryString('filter()');
    return this.#with({ filters: [...this.#state.filters, this.#toFilter(filter)] });
  }

  /** Items NOT matching the filter (all its conditions together). */
  exclude(filter: ItemFilter<M>): ItemQuery<M, T> {
    this.#noQueryString('exclude()');
    const builder = filterFor(this.#model as Model);
    return this.#with({ filters: [...this.#state.filters, builder.not(this.#toFilter(filter))] });
  }

  /** Return only these fields (plus the item id). Checked now, so a typo fails here, not on send. */
  only(...fields: readonly FieldName<M>[]): ItemQuery<M, T> {
    itemShape(this.#model, { version: this.#account.version, fields });
    return this.#with({ fields });
  }

  /** Most significant first; `'-start'` for descending. Replaces an earlier orderBy. */
  orderBy(...fields: readonly OrderField<M>[]): ItemQuery<M, T> {
    if (fields.length > 0) sortOrderXml(this.#model, fields, { version: this.#account.version });
    return this.#with({ order: fields as readonly SortKey<Model>[] });
  }

  /** Every sort key in the other direction (exchangelib's `reverse()`); needs an `orderBy()` first. */
  reverse(): ItemQuery<M, T> {
    if (this.#state.order.length === 0)
      throw new EwsInvalidArgumentError('reverse() needs an orderBy() to reverse');
    return this.#with({ order: this.#state.order.map(reversedKey) });
  }

  /**
   * Items matching an AQS query string (`'subject:budget from:anna'`), searched by Exchange's content
   * index (Exchange 2010+). Exchange takes a query string or a restriction, never both: with
   * `filter()`/`exclude()` it is refused (EWS_INVALID_ARGUMENT). Replaces an earlier `search()`.
   */
  search(queryString: string): ItemQuery<M, T> {
    if (typeof queryString !== 'string')
      throw new EwsInvalidArgumentError('search() takes an AQS query string');
    if (this.#state.filters.length > 0)
      throw new EwsInvalidArgumentError(
        'search() cannot be combined with filter()/exclude(): Exchange takes a query string or a restriction, not both',
      );
    if (!supportsVersion(this.#account.version, 'Exchange2010'))
      throw new EwsInvalidArgumentError('search() (FindItem QueryString) needs Exchange 2010 or later');
    return this.#with({ queryString });
  }

  /**
   * Starts at the first item (in query order) matching `condition` and goes on from there to the
   * end: FindItem's SeekToConditionPageItemView for the first page (Exchange 2013+), then offset
   * pages from where the server says it stopped. One folder only; not with `offset()`.
   */
  seekTo(condition: ItemFilter<M>): ItemQuery<M, T> {
    if (this.#folders.length !== 1) throw new EwsInvalidArgumentError('seekTo() searches one folder');
    if (this.#state.offset > 0) throw new EwsInvalidArgumentError('seekTo() cannot follow offset()');
    if (!supportsVersion(this.#account.version, 'Exchange2013'))
      throw new EwsInvalidArgumentError(
        'seekTo() (SeekToConditionPageItemView) needs Exchange 2013 or later',
      );
    const seek = this.#toFilter(condition);
    seekCondition(restrictionXml(seek, { version: this.#account.version }));
    return this.#with({ seek });
  }

  /**
   * The items in groups of equal `field` (FindItem GroupBy), groups ordered by the `aggregate`
   * (default Maximum) of `aggregateOn` over their items; items within a group follow `orderBy()`.
   * Yields `{ groupIndex, items, continued }` per group and page; `limit`/`offset`/`pageSize` count
   * items. One folder; fields FindItem can return (no GetItem fetches).
   */
  groupBy(field: FieldName<M>, options: ItemGroupByOptions<M>): GroupedItemQuery<T> {
    const xml = groupByXml(
      this.#model,
      {
        field,
        aggregateOn: options.aggregateOn,
        aggregate: options.aggregate ?? 'Maximum',
        ...(options.order === undefined ? {} : { order: options.order }),
      },
      { version: this.#account.version },
    );
    return this.#grouped(xml);
  }

  /** The items grouped by conversation (DistinguishedGroupBy ConversationTopic); see groupBy(). */
  groupByConversation(options: { readonly order?: SortDirection } = {}): GroupedItemQuery<T> {
    return this.#grouped(distinguishedGroupByXml('ConversationTopic', options.order));
  }

  #grouped(groupBy: XmlFragment): GroupedItemQuery<T> {
    const { fields, project, offset, limit, pageSize, seek } = this.#state;
    if (this.#folders.length !== 1) throw new EwsInvalidArgumentError('A grouped search searches one folder');
    if (seek !== undefined) throw new EwsInvalidArgumentError('A grouped search cannot seekTo()');
    const { version } = this.#account;
    const model = this.#model as Model;
    const shape =
      fields === undefined
        ? itemShape(model, { version, baseShape: 'Default' })
        : itemShape(model, { version, fields, operation: 'FindItem' });
    if (shape.complexFields.length > 0)
      throw new EwsInvalidArgumentError(
        `A grouped search returns what FindItem can: ${shape.complexFields.join(', ')} cannot be asked for`,
      );
    const restriction = this.#restriction();
    return new GroupedItemQuery<T>({
      account: this.#account,
      // none(): a limit of 0 sends nothing.
      limit: restriction === 'none' ? 0 : limit,
      offset,
      pageSize,
      body: (maxEntries, at) =>
        this.#findBody(
          this.#folders,
          shape.xml,
          restriction === 'none' ? undefined : restriction,
          maxEntries,
          at,
          false,
          groupBy,
        ),
      read: (node) => {
        const item = readItemNode(node);
        return (project === undefined ? item : project(item as Record<string, unknown>)) as T;
      },
    });
  }

  /** Skip the first `count` items. */
  offset(count: number): ItemQuery<M, T> {
    if (this.#state.seek !== undefined && count > 0)
      throw new EwsInvalidArgumentError('offset() cannot follow seekTo()');
    return this.#with({ offset: nonNegative(count, 'offset') + this.#state.offset });
  }

  /** Return at most `count` items. */
  limit(count: number): ItemQuery<M, T> {
    const limit = nonNegative(count, 'limit');
    return this.#with({
      limit: this.#state.limit === undefined ? limit : Math.min(limit, this.#state.limit),
    });
  }

  /** Items `start` (inclusive) to `end` (exclusive), like `Array.prototype.slice` without negatives: `qs[start:end]`. */
  slice(start: number, end?: number): ItemQuery<M, T> {
    const from = nonNegative(start, 'start');
    if (end === undefined) return this.offset(from);
    return this.offset(from).limit(Math.max(0, nonNegative(end, 'end') - from));
  }

  /** Items per FindItem call (default 100). */
  pageSize(size: number): ItemQuery<M, T> {
    return this.#with({ pageSize: positiveInteger('pageSize', size, { max: XS_INT_MAX }) });
  }

  /**
   * How fields FindItem cannot return are fetched: GetItem batch size (default 100), calls in
   * flight (default 3) and what an item deleted in between does (default: skipped).
   */
  fetchWith(options: FieldFetchOptions): ItemQuery<M, T> {
    return this.#with({ fetch: fieldFetchSettings(options) });
  }

  /** `Shallow` (default), `SoftDeleted` (items in the dumpster) or `Associated` (hidden items). */
  traversal(traversal: ItemTraversal): ItemQuery<M, T> {
    return this.#with({ traversal });
  }

  /**
   * Plain objects with just these fields (exchangelib's `values('subject', 'start')`); only these
   * fields are requested, so FindItem/GetItem switching follows `only()`.
   */
  values<const F extends readonly FieldName<M>[]>(...fields: F): ItemQuery<M, ValuesRow<M, F[number]>> {
    const names = requireFields(fields, 'values');
    return this.only(...names).#withProjection<ValuesRow<M, F[number]>>(
      (item) => Object.fromEntries(names.map((name) => [name, item[name]])) as ValuesRow<M, F[number]>,
    );
  }

  /**
   * The fields' values as tuples (`valuesList('subject', 'start')`), or one field's values with
   * `valuesList('subject', { flat: true })`, as exchangelib's `values_list(..., flat=True)`.
   */
  valuesList<F extends FieldName<M>>(
    field: F,
    options: { readonly flat: true },
  ): ItemQuery<M, FieldValue<M, F>>;
  valuesList<const F extends readonly FieldName<M>[]>(...fields: F): ItemQuery<M, ValuesTuple<M, F>>;
  valuesList(...args: readonly unknown[]): ItemQuery<M, unknown> {
    const last = args.at(-1);
    const flat = typeof last === 'object' && last !== null && (last as { flat?: unknown }).flat === true;
    const names = requireFields((flat ? args.slice(0, -1) : args) as FieldName<M>[], 'valuesList');
    if (flat && names.length !== 1)
      throw new EwsInvalidArgumentError('valuesList(..., { flat: true }) takes exactly one field');
    const [single] = names as [string];
    return this.only(...names).#withProjection<unknown>(
      flat ? (item) => item[single] : (item) => names.map((name) => item[name]),
    );
  }

  /** How many items match (one FindItem asking for a single id). */
  async count(options: CallOptions = {}): Promise<number> {
    if (this.#state.seek !== undefined)
      throw new EwsInvalidArgumentError('count() of a seekTo() query is not known before it is read');
    const restriction = this.#restriction();
    if (restriction === 'none') return 0;
    const response = await send(
      this.#account,
      'FindItem',
      this.#findBody(this.#folders, ID_ONLY_SHAPE, restriction, 1, 0, false),
      options,
    );
    const total = readFindItemPages(response, this.#folders.length).reduce(
      (sum, page) => sum + (page.totalItemsInView ?? 0),
      0,
    );
    const afterOffset = Math.max(0, total - this.#state.offset);
    return this.#state.limit === undefined ? afterOffset : Math.min(afterOffset, this.#state.limit);
  }

  async exists(options: CallOptions = {}): Promise<boolean> {
    return (await this.count(options)) > 0;
  }

  /** The first item, or undefined. */
  async first(options: CallOptions = {}): Promise<T | undefined> {
    for await (const item of this.limit(1).iterate(wholeCall(options))) return item;
    return undefined;
  }

  /**
   * The one item matching `filter` (and this query), exchangelib's `get(subject='x')`. Throws
   * EwsDoesNotExistError (`EWS_DOES_NOT_EXIST`) for none and EwsMultipleObjectsError
   * (`EWS_MULTIPLE_OBJECTS`) for more than one; asks for at most two.
   */
  async get(filter?: ItemFilter<M>, options: CallOptions = {}): Promise<T> {
    const query = filter === undefined ? this : this.filter(filter);
    const found: T[] = [];
    for await (const item of query.limit(2).iterate(wholeCall(options))) found.push(item);
    const [only] = found;
    if (found.length === 0) throw new EwsDoesNotExistError('No item matches the query');
    if (found.length > 1) throw new EwsMultipleObjectsError('More than one item matches the query');
    return only as T;
  }

  /** Every item; `timeoutMs` bounds the whole call (every page and GetItem batch it sends). */
  async toArray(options: CallOptions = {}): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this.iterate(wholeCall(options))) items.push(item);
    return items;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.iterate()[Symbol.asyncIterator]();
  }

  /**
   * Iterates page by page; aborting `signal` stops between and during calls. `timeoutMs` bounds
   * each request it sends (the time you spend between items is yours); `toArray()` bounds the whole.
   */
  async *iterate(options: CallOptions = {}): AsyncGenerator<T, void, undefined> {
    const { fields, project } = this.#state;
    const restriction = this.#restriction();
    if (restriction === 'none') return;
    const { version } = this.#account;
    const model = this.#model as Model;
    const findShape =
      fields === undefined
        ? itemShape(model, { version, baseShape: 'Default' })
        : itemShape(model, { version, fields, operation: 'FindItem' });
    const { complexFields } = findShape;
    if (complexFields.length === 0) {
      // The hot path: items built and read one at a time as they are handed out, so each item's
      // nodes die young instead of a whole page's tree living until the page is done.
      for await (const page of this.#pages(findShape.xml, restriction, options)) {
        for await (const node of page) {
          requiredItemRef(node, 'FindItem');
          const item = readItemNode(node);
          yield (project === undefined ? item : project(item as Record<string, unknown>)) as T;
        }
      }
      return;
    }
    // Fields FindItem cannot return: FindItem for the ids, then GetItem in batches for every field
    // asked (exchangelib's way: each item is one GetItem answer, one version), in query order.
    const wholeShape = itemShape(model, { version, fields: fields ?? [] }).xml;
    const items = withFetchedFields(
      this.#account,
      this.#found(ID_ONLY_SHAPE, restriction, options),
      { fields: fields ?? [], shape: wholeShape, wholeShape, read: readItemNode, ...this.#state.fetch },
      options,
    );
    for await (const item of items) {
      yield (project === undefined ? item : project(item as Record<string, unknown>)) as T;
    }
  }

  /** The found items across pages, each built and read one at a time as it is handed out. */
  async *#found(
    shape: XmlFragment,
    restriction: XmlFragment | undefined,
    options: CallOptions,
  ): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.#pages(shape, restriction, options)) {
      for await (const node of page) {
        requiredItemRef(node, 'FindItem');
        yield readItemNode(node);
      }
    }
  }

  /**
   * Deletes the matching items (exchangelib's `qs.delete()`): their ids first (FindItem IdOnly),
   * then DeleteItem in chunks. One result per item in query order; failures stay per item.
   */
  async delete(options: BulkDeleteOptions = {}): Promise<BulkResult<true>[]> {
    const call = wholeCall(options);
    return bulkDelete(this.#account, await this.#ids(call), call);
  }

  /** Moves the matching items to `to`; each result is the item's new id. */
  async move(to: FolderDestination, options: BulkOptions = {}): Promise<BulkResult<ItemRef | undefined>[]> {
    const call = wholeCall(options);
    return bulkMove(this.#account, await this.#ids(call), folderRefOf(to), call);
  }

  /** Copies the matching items to `to`; each result is the copy's id. */
  async copy(to: FolderDestination, options: BulkOptions = {}): Promise<BulkResult<ItemRef | undefined>[]> {
    const call = wholeCall(options);
    return bulkCopy(this.#account, await this.#ids(call), folderRefOf(to), call);
  }

  /** Moves the matching items to a folder of the archive mailbox (ArchiveItem, Exchange 2013+). */
  async archive(
    to: FolderDestination,
    options: BulkOptions = {},
  ): Promise<BulkResult<ItemRef | undefined>[]> {
    const call = wholeCall(options);
    return bulkArchive(this.#account, await this.#ids(call), folderRefOf(to), call);
  }

  /** Sends the matching saved messages (drafts) with SendItem. */
  async send(options: BulkSendOptions = {}): Promise<BulkResult<true>[]> {
    const call = wholeCall(options);
    return bulkSend(this.#account, await this.#ids(call), call);
  }

  /** Marks the matching items as junk (moved to Junk Email by default) with MarkAsJunk. */
  async markAsJunk(options: BulkMarkAsJunkOptions = {}): Promise<BulkResult<ItemRef | undefined>[]> {
    const call = wholeCall(options);
    return bulkMarkAsJunk(this.#account, await this.#ids(call), call);
  }

  /**
   * The ids of every matching item, collected before acting: acting while paging would shift
   * the offsets of later pages (exchangelib collects them the same way).
   */
  async #ids(options: CallOptions): Promise<ItemRef[]> {
    const restriction = this.#restriction();
    if (restriction === 'none') return [];
    const ids: ItemRef[] = [];
    for await (const found of this.#pages(ID_ONLY_SHAPE, restriction, options)) {
      // An item found without its ItemId is refused, never left out of the delete or move.
      for await (const node of found) ids.push(requiredItemRef(node, 'FindItem'));
    }
    return ids;
  }

  /**
   * The item elements page by page, each page to be read to its end before the next is asked
   * for; offset and limit applied. Items are built one at a time as they are read; one folder's
   * pages are read while they arrive, never held whole (sendStream steps a rejected request
   * version down as send does). One folder: the server skips
   * `offset`. Several: every folder pages from 0 with the same offset (the folders still having
   * items), and the query skips and stops on the folder-by-folder sequence.
   */
  async *#pages(
    shape: XmlFragment,
    restriction: XmlFragment | undefined,
    options: CallOptions,
  ): AsyncGenerator<Iterable<XmlNode> | AsyncIterable<XmlNode>, void, undefined> {
    const { limit, pageSize } = this.#state;
    const single = this.#folders.length === 1;
    let skip = single ? 0 : this.#state.offset;
    let offset = single ? this.#state.offset : 0;
    let remaining = limit;
    let open = this.#folders;
    const streaming = single ? streamingAccount(this.#account) : undefined;
    // seekTo(): the first page is found by its condition; the next ones start where it stopped.
    let seeking = this.#state.seek !== undefined;
    while (open.length > 0 && (remaining === undefined || remaining > 0)) {
      const max = remaining === undefined ? pageSize : Math.min(pageSize, remaining + skip);
      const body = this.#findBody(open, shape, restriction, max, offset, seeking);
      if (streaming !== undefined) {
        const page = streamFindItemPage(streaming, body, max, options);
        yield page.items;
        const { count, includesLastItemInRange, indexedPagingOffset } = page.result();
        if (remaining !== undefined) remaining -= Math.min(count, max);
        if (includesLastItemInRange || count === 0) return;
        offset = seeking ? seekNextOffset(indexedPagingOffset) : (indexedPagingOffset ?? offset + count);
        seeking = false;
        continue;
      }
      const response = await send(this.#account, 'FindItem', body, options);
      const pages = single ? [readFindItemList(response)] : readFindItemLists(response, open.length);
      const stillOpen: MailboxFolderRef[] = [];
      let nextOffset: number | undefined;
      const taken: ItemSlice[] = [];
      pages.forEach((page, index) => {
        let from = 0;
        let to = page.count;
        if (skip > 0) {
          const skipped = Math.min(skip, to);
          from = skipped;
          skip -= skipped;
        }
        if (remaining !== undefined) {
          to = Math.min(to, from + remaining);
          remaining -= to - from;
        }
        if (page.list !== undefined && to > from) taken.push({ list: page.list, from, to });
        if (!page.includesLastItemInRange && page.count > 0) {
          stillOpen.push(open[index] as MailboxFolderRef);
          const next = page.indexedPagingOffset ?? offset + page.count;
          nextOffset = nextOffset === undefined ? next : Math.min(nextOffset, next);
        }
      });
      if (taken.length > 0) yield eachItem(taken);
      open = stillOpen;
      if (seeking && open.length > 0) nextOffset = seekNextOffset(pages[0]?.indexedPagingOffset);
      seeking = false;
      offset = nextOffset ?? offset;
    }
  }

  /** The `<m:Restriction>`, undefined for no restriction, or 'none' when nothing can match. */
  #restriction(): XmlFragment | undefined | 'none' {
    const { filters } = this.#state;
    if (this.#state.none) return 'none';
    if (filters.length === 0) return undefined;
    const combined =
      filters.length === 1 ? (filters[0] as Filter) : filterFor(this.#model as Model).and(...filters);
    const result = restrictionXml(combined, { version: this.#account.version });
    return result.matches === 'some' ? result.xml : result.matches === 'none' ? 'none' : undefined;
  }

  #findBody(
    folders: readonly FolderRef[],
    shape: XmlFragment,
    restriction: XmlFragment | undefined,
    maxEntries: number,
    offset: number,
    seeking: boolean,
    groupBy?: XmlFragment,
  ): XmlFragment {
    const { order, seek, queryString } = this.#state;
    const condition =
      seeking && seek !== undefined ? restrictionXml(seek, { version: this.#account.version }) : undefined;
    return buildFindItem({
      folders,
      shape,
      view:
        condition === undefined
          ? { type: 'indexed', maxEntries, offset }
          : { type: 'seek', maxEntries, condition: seekCondition(condition) },
      traversal: this.#state.traversal,
      restriction,
      queryString,
      groupBy,
      sortOrder:
        order.length === 0
          ? undefined
          : sortOrderXml(this.#model as Model, order, { version: this.#account.version }),
    });
  }

  #noQueryString(method: string): void {
    if (this.#state.queryString !== undefined)
      throw new EwsInvalidArgumentError(
        `${method} cannot be combined with search(): Exchange takes a query string or a restriction, not both`,
      );
  }

  #toFilter(filter: ItemFilter<M>): Filter {
    return isFilter(filter) ? filter : where(this.#model, filter);
  }

  #with(changes: Partial<QueryState>): ItemQuery<M, T> {
    return new ItemQuery(this.#account, this.#folders, this.#model, { ...this.#state, ...changes });
  }

  #withProjection<R>(project: (item: Record<string, unknown>) => R): ItemQuery<M, R> {
    return new ItemQuery<M, R>(this.#account, this.#folders, this.#model, { ...this.#state, project });
  }
}

/** A seek condition; a condition that matches everything or nothing cannot seek. */
function seekCondition(result: RestrictionResult): SeekCondition {
  if (result.matches !== 'some')
    throw new EwsInvalidArgumentError('seekTo() needs a condition that some items match and some do not');
  return result;
}

/** After a seek page, the server's IndexedPagingOffset is the only way to know where to go on. */
function seekNextOffset(offset: number | undefined): number {
  if (offset === undefined)
    throw new EwsProtocolError('FindItem: a SeekToConditionPageItemView page has no IndexedPagingOffset', {
      operation: 'FindItem',
    });
  return offset;
}

function nonNegative(value: number, name: string): number {
  return nonNegativeInteger(name, value);
}

function requireFields<F>(fields: readonly F[], method: string): F[] {
  if (fields.length === 0) throw new EwsInvalidArgumentError(`${method}() needs at least one field`);
  return [...fields];
}

function reversedKey(key: SortKey<Model>): SortKey<Model> {
  if (typeof key === 'string') return (key.startsWith('-') ? key.slice(1) : `-${key}`) as SortKey<Model>;
  return { ...key, order: key.order === 'Descending' ? 'Ascending' : 'Descending' };
}

function isFilter<M extends Model>(value: ItemFilter<M>): value is Filter<M> {
  const node = (value as { node?: unknown }).node;
  return typeof node === 'object' && node !== null && 'type' in node;
}
