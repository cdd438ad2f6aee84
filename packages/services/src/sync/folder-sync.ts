import { type FieldName, type Folder, FolderModel, folderShape } from '@ews/models';
import type { AccountContext, SignalOption } from '../account/account-context.js';
import type { FolderRef } from '../internal/ids.js';
import type { FolderIdRef } from '../operations/folder-id-results.js';
import { buildSyncFolderHierarchy, readSyncFolderHierarchy } from '../operations/sync-folder-hierarchy.js';

/** What a hierarchy sync asks for by default: what `children()` returns. */
const SYNC_FOLDER_FIELDS: readonly FieldName<typeof FolderModel>[] = [
  'parentFolderId',
  'folderClass',
  'displayName',
  'totalCount',
  'childFolderCount',
  'unreadCount',
];

/** One change of the folder tree since the sync state the sync started from. */
export type FolderSyncChange<F> =
  | { readonly kind: 'create' | 'update'; readonly folderId: FolderIdRef; readonly folder: F }
  | { readonly kind: 'delete'; readonly folderId: FolderIdRef };

export interface FolderSyncBatch<F> {
  readonly changes: readonly FolderSyncChange<F>[];
  readonly syncState: string;
  /** True on the last batch of a run: the tree is in sync. */
  readonly includesLastFolderInRange: boolean;
}

export interface SyncHierarchyOptions extends SignalOption {
  /** A state saved from an earlier sync: only what changed since is reported. Absent = every folder. */
  readonly syncState?: string | undefined;
  /** Folder fields to return (default: ids, parent, class, name and counts). */
  readonly only?: readonly FieldName<typeof FolderModel>[] | undefined;
}

/**
 * A resumable sync of the folders below one folder (SyncFolderHierarchy), exchangelib's
 * `folder.sync_hierarchy()`. Same contract as `ItemSync`: iterate for the changes, then persist
 * `syncState`; iterating again reports what changed since.
 */
export class FolderSync<F> implements AsyncIterable<FolderSyncChange<F>> {
  readonly #account: AccountContext;
  readonly #folder: FolderRef;
  readonly #toFolder: (folder: Folder) => F;
  readonly #options: SyncHierarchyOptions;
  #syncState: string | undefined;

  /** `toFolder` turns each folder read into what the changes carry (a LoadedFolder for handles). */
  constructor(
    account: AccountContext,
    folder: FolderRef,
    toFolder: (folder: Folder) => F,
    options: SyncHierarchyOptions = {},
  ) {
    this.#account = account;
    this.#folder = folder;
    this.#toFolder = toFolder;
    this.#options = options;
    this.#syncState = options.syncState === '' ? undefined : options.syncState;
  }

  /** The state after the last batch handed out completely; undefined before the first one. */
  get syncState(): string | undefined {
    return this.#syncState;
  }

  [Symbol.asyncIterator](): AsyncIterator<FolderSyncChange<F>> {
    return this.changes()[Symbol.asyncIterator]();
  }

  async *changes(options: SignalOption = {}): AsyncGenerator<FolderSyncChange<F>, void, undefined> {
    for await (const batch of this.batches(options)) yield* batch.changes;
  }

  async *batches(options: SignalOption = {}): AsyncGenerator<FolderSyncBatch<F>, void, undefined> {
    const signal = options.signal ?? this.#options.signal;
    const shape = folderShape(FolderModel, {
      version: this.#account.version,
      baseShape: 'IdOnly',
      fields: this.#options.only ?? SYNC_FOLDER_FIELDS,
    }).xml;
    for (;;) {
      signal?.throwIfAborted();
      const body = buildSyncFolderHierarchy({ shape, folder: this.#folder, syncState: this.#syncState });
      const page = readSyncFolderHierarchy(await this.#account.send('SyncFolderHierarchy', body, signal));
      const changes = page.changes.flatMap((change): FolderSyncChange<F>[] => {
        if (change.kind === 'delete') return [change];
        const id = change.folder.folderId?.id;
        if (id === undefined) return [];
        const changeKey = change.folder.folderId?.changeKey;
        const folderId = changeKey === undefined ? { id } : { id, changeKey };
        return [{ kind: change.kind, folderId, folder: this.#toFolder(change.folder) }];
      });
      yield { changes, syncState: page.syncState, includesLastFolderInRange: page.includesLastFolderInRange };
      this.#syncState = page.syncState;
      if (page.includesLastFolderInRange) return;
    }
  }
}
