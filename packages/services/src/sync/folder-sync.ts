import { type CallOptions, EwsProtocolError, type XmlFragment } from '@ews/core';
import { type FieldName, type Folder, FolderModel, folderShape } from '@ews/models';
import type { AccountContext } from '../account/account-context.js';
import { FIND_FOLDER_FIELDS } from '../folders/find-folders.js';
import { send } from '../internal/send.js';
import type { FolderIdRef } from '../operations/folder-id-results.js';
import { buildSyncFolderHierarchy, readSyncFolderHierarchy } from '../operations/sync-folder-hierarchy.js';
import type { FolderRef } from '../refs.js';
import { type FetchedBatch, ResumableSync } from './resumable-sync.js';

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

export interface SyncHierarchyOptions extends CallOptions {
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
export class FolderSync<F> extends ResumableSync<FolderSyncChange<F>, FolderSyncBatch<F>> {
  readonly #account: AccountContext;
  readonly #folder: FolderRef;
  readonly #toFolder: (folder: Folder) => F;
  readonly #shape: XmlFragment;

  /** `toFolder` turns each folder read into what the changes carry (a LoadedFolder for handles). */
  constructor(
    account: AccountContext,
    folder: FolderRef,
    toFolder: (folder: Folder) => F,
    options: SyncHierarchyOptions = {},
  ) {
    super(options);
    this.#account = account;
    this.#folder = folder;
    this.#toFolder = toFolder;
    // Built now, so a bad field name fails at the call, not at the first iteration.
    this.#shape = folderShape(FolderModel, {
      version: account.version,
      baseShape: 'IdOnly',
      // By default what `children()` returns.
      fields: options.only ?? FIND_FOLDER_FIELDS,
    }).xml;
  }

  protected async fetchBatch(
    syncState: string | undefined,
    options: CallOptions,
  ): Promise<FetchedBatch<FolderSyncBatch<F>>> {
    const body = buildSyncFolderHierarchy({ shape: this.#shape, folder: this.#folder, syncState });
    const page = readSyncFolderHierarchy(await send(this.#account, 'SyncFolderHierarchy', body, options));
    const changes = page.changes.map((change): FolderSyncChange<F> => {
      if (change.kind === 'delete') return change;
      const id = change.folder.folderId?.id;
      if (id === undefined || id === '')
        throw new EwsProtocolError(`SyncFolderHierarchy sent a ${change.kind}d folder without a FolderId`, {
          operation: 'SyncFolderHierarchy',
        });
      const changeKey = change.folder.folderId?.changeKey;
      const folderId = changeKey === undefined ? { id } : { id, changeKey };
      return { kind: change.kind, folderId, folder: this.#toFolder(change.folder) };
    });
    const { syncState: next, includesLastFolderInRange } = page;
    return {
      batch: { changes, syncState: next, includesLastFolderInRange },
      last: includesLastFolderInRange,
    };
  }
}
