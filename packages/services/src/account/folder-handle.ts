import type { FieldName, Folder, InferModel, Model } from '@ews/models';
import { type BulkCreateOptions, type BulkResult, bulkCreate } from '../bulk/bulk.js';
import type { FolderRef, ItemRef } from '../internal/ids.js';
import { buildFindFolder, readFindFolder } from '../operations/find-folder.js';
import { buildGetFolder, readGetFolder } from '../operations/get-folder.js';
import { type ItemFilter, ItemQuery, type OrderField } from '../query/item-query.js';
import type { AccountContext, SignalOption } from './account-context.js';

const FOLDER_PAGE_SIZE = 100;

/**
 * One folder of an account, with its items model (`CalendarItem` for calendars, `Message` for
 * mail folders…). Item queries start here: `inbox.filter({ isRead: false }).orderBy('-dateTimeReceived')`.
 */
export class FolderHandle<M extends Model> implements AsyncIterable<InferModel<M>> {
  readonly account: AccountContext;
  readonly ref: FolderRef;
  readonly model: M;

  constructor(account: AccountContext, ref: FolderRef, model: M) {
    this.account = account;
    this.ref = ref;
    this.model = model;
  }

  /** The folder's properties (display name, total, unread and child counts…). */
  async get(options: SignalOption = {}): Promise<Folder> {
    const response = await this.account.send(
      'GetFolder',
      buildGetFolder({ folders: [this.ref] }),
      options.signal,
    );
    const [outcome] = readGetFolder(response);
    if (!outcome) return {};
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** The folders directly below this one (or the whole subtree with `deep`), paged. */
  async *children(
    options: SignalOption & { readonly deep?: boolean } = {},
  ): AsyncGenerator<Folder, void, undefined> {
    for (let offset = 0; ; offset += FOLDER_PAGE_SIZE) {
      const body = buildFindFolder({
        parent: this.ref,
        traversal: options.deep ? 'Deep' : 'Shallow',
        maxEntries: FOLDER_PAGE_SIZE,
        offset,
      });
      const page = readFindFolder(await this.account.send('FindFolder', body, options.signal));
      yield* page.folders;
      if (page.includesLastItemInRange || page.folders.length === 0) return;
    }
  }

  /** Every item (a lazy query). */
  all(): ItemQuery<M> {
    return new ItemQuery(this.account, [this.ref], this.model);
  }

  filter(filter: ItemFilter<M>): ItemQuery<M> {
    return this.all().filter(filter);
  }

  exclude(filter: ItemFilter<M>): ItemQuery<M> {
    return this.all().exclude(filter);
  }

  only(...fields: readonly FieldName<M>[]): ItemQuery<M> {
    return this.all().only(...fields);
  }

  orderBy(...fields: readonly OrderField<M>[]): ItemQuery<M> {
    return this.all().orderBy(...fields);
  }

  [Symbol.asyncIterator](): AsyncIterator<InferModel<M>> {
    return this.all()[Symbol.asyncIterator]();
  }

  /** Creates items in this folder; one result per item, in order. */
  create(
    items: readonly InferModel<M>[],
    options: Omit<BulkCreateOptions, 'folder'> = {},
  ): Promise<BulkResult<ItemRef | undefined>[]> {
    return bulkCreate(this.account, this.model, items, { ...options, folder: this.ref });
  }
}
