import { type CallOptions, child, EwsProtocolError, fragments, type XmlFragment } from '@ews/core';
import { type FieldName, type InferModel, itemShape, type Model } from '@ews/models';
import type { AccountContext } from '../account/account-context.js';
import { readItemNode } from '../internal/item-classes.js';
import { send } from '../internal/send.js';
import {
  buildSyncFolderItems,
  idOf,
  type RawItemChange,
  readSyncFolderItems,
  type SyncScope,
} from '../operations/sync-folder-items.js';
import { fetchItems } from '../query/fetch-items.js';
import type { FolderRef, ItemRef } from '../refs.js';
import { type FetchedBatch, ResumableSync } from './resumable-sync.js';

/** Changes per SyncFolderItems call unless `maxChanges` says otherwise (exchangelib pages by 100 too). */
export const DEFAULT_SYNC_PAGE_SIZE = 100;

/** One change of a folder's items since the sync state the sync started from. */
export type ItemSyncChange<T> =
  | { readonly kind: 'create' | 'update'; readonly itemId: ItemRef; readonly item: T }
  | { readonly kind: 'delete'; readonly itemId: ItemRef }
  | { readonly kind: 'readFlagChange'; readonly itemId: ItemRef; readonly isRead: boolean };

/** One SyncFolderItems answer: its changes and the state to resume after them. */
export interface ItemSyncBatch<T> {
  readonly changes: readonly ItemSyncChange<T>[];
  readonly syncState: string;
  /** True on the last batch of a run: the folder is in sync. */
  readonly includesLastItemInRange: boolean;
}

export interface SyncItemsOptions<M extends Model> extends CallOptions {
  /** A state saved from an earlier sync: only what changed since is reported. Absent = everything. */
  readonly syncState?: string | undefined;
  /** The item fields to return (default: the Default shape), as `only()` on a query. */
  readonly only?: readonly FieldName<M>[] | undefined;
  /** Items whose changes are not reported. */
  readonly ignore?: readonly ItemRef[] | undefined;
  /** Changes per call, 1…512 (default 100); the sync pages until the folder is in sync. */
  readonly maxChanges?: number | undefined;
  /** `NormalAndAssociatedItems` also syncs hidden (associated) items. */
  readonly scope?: SyncScope | undefined;
}

/**
 * A resumable sync of one folder's items (SyncFolderItems), exchangelib's `folder.sync_items()`.
 * Iterating it pages from `syncState` until the server says the folder is in sync, yielding each
 * change; `syncState` moves forward once a whole batch has been handed out, so a loop that stops
 * early resumes at the start of that batch (changes come at least once). Persist `syncState` after
 * the loop and pass it as `{ syncState }` next time; iterating the same object again reports only
 * what changed since the previous run.
 */
export class ItemSync<M extends Model> extends ResumableSync<
  ItemSyncChange<InferModel<M>>,
  ItemSyncBatch<InferModel<M>>
> {
  readonly #account: AccountContext;
  readonly #folder: FolderRef;
  readonly #options: SyncItemsOptions<M>;
  readonly #syncShape: XmlFragment;
  /** The GetItem shape for fields SyncFolderItems cannot return (bodies…); undefined when none are asked. */
  readonly #getItemShape: XmlFragment | undefined;

  constructor(account: AccountContext, folder: FolderRef, model: M, options: SyncItemsOptions<M> = {}) {
    super(options);
    this.#account = account;
    this.#folder = folder;
    this.#options = options;
    // Checked now, so a bad option fails at the call, not at the first iteration.
    buildSyncFolderItems({
      folder,
      shape: fragments([]),
      maxChanges: this.#maxChanges,
      scope: options.scope,
    });
    const { version } = account;
    const only = options.only as readonly FieldName<Model>[] | undefined;
    const syncShape =
      only === undefined
        ? itemShape(model, { version, baseShape: 'Default' })
        : itemShape(model, { version, fields: only, operation: 'FindItem' });
    this.#syncShape = syncShape.xml;
    // Fields SyncFolderItems cannot return come from GetItem, as queries do.
    this.#getItemShape =
      syncShape.complexFields.length === 0
        ? undefined
        : itemShape(model, { version, fields: only ?? [] }).xml;
  }

  protected async fetchBatch(
    syncState: string | undefined,
    options: CallOptions,
  ): Promise<FetchedBatch<ItemSyncBatch<InferModel<M>>>> {
    const body = buildSyncFolderItems({
      folder: this.#folder,
      shape: this.#syncShape,
      syncState,
      ignore: this.#options.ignore,
      maxChanges: this.#maxChanges,
      scope: this.#options.scope,
    });
    const page = readSyncFolderItems(await send(this.#account, 'SyncFolderItems', body, options));
    // MaxChangesReturned bounds the answer: more changes than asked for is not this request's page.
    if (page.changes.length > this.#maxChanges)
      throw new EwsProtocolError(
        `SyncFolderItems: ${this.#maxChanges} changes at most asked for, ${page.changes.length} received`,
        { operation: 'SyncFolderItems' },
      );
    const changes = await this.#readChanges(page.changes, options);
    const { syncState: next, includesLastItemInRange } = page;
    return { batch: { changes, syncState: next, includesLastItemInRange }, last: includesLastItemInRange };
  }

  get #maxChanges(): number {
    return this.#options.maxChanges ?? DEFAULT_SYNC_PAGE_SIZE;
  }

  async #readChanges(
    raw: readonly RawItemChange[],
    options: CallOptions,
  ): Promise<ItemSyncChange<InferModel<M>>[]> {
    const nodes = raw.flatMap((change) => ('node' in change ? [change.node] : []));
    const fetched = new Map<string, InferModel<M>>();
    if (this.#getItemShape !== undefined && nodes.length > 0) {
      for (const item of await fetchItems(this.#account, nodes, this.#getItemShape, options)) {
        const id = item.itemId?.id;
        if (id !== undefined) fetched.set(id, item as InferModel<M>);
      }
    }
    return raw.map((change): ItemSyncChange<InferModel<M>> => {
      if (!('node' in change)) return change;
      const itemId = idOf(child(change.node, 'ItemId'), 'SyncFolderItems', `a ${change.kind}`);
      // An item deleted before GetItem keeps what the sync returned; a later sync reports the delete.
      const item = fetched.get(itemId.id) ?? (readItemNode(change.node) as InferModel<M>);
      return { kind: change.kind, itemId, item };
    });
  }
}
