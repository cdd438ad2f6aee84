import { type CallOptions, EwsProtocolError, isResponseError, positiveInteger } from '@ews/core';
import { type Folder, FolderModel, folderShape } from '@ews/models';
import type { AccountContext } from '../account/account-context.js';
import { XS_INT_MAX } from '../internal/schema-limits.js';
import { send } from '../internal/send.js';
import { buildFindFolder, readFindFolder } from '../operations/find-folder.js';
import type { FolderRef } from '../refs.js';

export const FOLDER_PAGE_SIZE = 100;

/**
 * The Folder fields FindFolder can return: exchangelib asks for the same (IdOnly plus every
 * non-complex field). EffectiveRights and PermissionSet need GetFolder (`folder.get()`).
 */
export const FIND_FOLDER_FIELDS = [
  'parentFolderId',
  'folderClass',
  'displayName',
  'totalCount',
  'childFolderCount',
  'unreadCount',
] as const;

/** `signal` and `timeoutMs` apply to each FindFolder page (the time between folders is yours). */
export interface FindFoldersOptions extends CallOptions {
  /** The whole subtree (FindFolder Traversal="Deep"), parents before their children. */
  readonly deep?: boolean | undefined;
  readonly pageSize?: number | undefined;
}

/**
 * Exchange refuses a Deep FindFolder on public folders ("Deep traversal queries are not allowed on
 * public folders", ErrorInvalidOperation), so their subtree is walked one Shallow level at a time,
 * as exchangelib does; this bounds how deep (Exchange's folder hierarchy depth limit).
 */
export const MAX_FOLDER_DEPTH = 300;

const isPublicRoot = (ref: FolderRef): boolean =>
  'distinguishedId' in ref && ref.distinguishedId === 'publicfoldersroot';

/**
 * The folders below `parent`, page by page (IndexedPageFolderView). `deep`: the whole subtree,
 * parents before their children — one Deep FindFolder, or level by level where the server refuses
 * Deep (public folders).
 */
export async function* findFolders(
  account: AccountContext,
  parent: FolderRef,
  options: FindFoldersOptions = {},
): AsyncGenerator<Folder, void, undefined> {
  if (!options.deep) return yield* findFolderPages(account, parent, options);
  if (isPublicRoot(parent)) return yield* walkByLevels(account, parent, options);
  let yielded = false;
  try {
    for await (const folder of findFolderPages(account, parent, options)) {
      yielded = true;
      yield folder;
    }
  } catch (error) {
    // A public folder named by id: known only from the server's refusal, before any folder came.
    if (yielded || !isResponseError(error, 'ErrorInvalidOperation')) throw error;
    yield* walkByLevels(account, parent, options);
  }
}

/** The subtree below `parent` by Shallow FindFolders, depth first, each id once. */
async function* walkByLevels(
  account: AccountContext,
  parent: FolderRef,
  options: FindFoldersOptions,
): AsyncGenerator<Folder, void, undefined> {
  const seen = new Set<string>();
  async function* below(ref: FolderRef, depth: number): AsyncGenerator<Folder, void, undefined> {
    if (depth > MAX_FOLDER_DEPTH)
      throw new EwsProtocolError(`FindFolder: folders nested deeper than ${MAX_FOLDER_DEPTH} levels`, {
        operation: 'FindFolder',
      });
    for await (const folder of findFolderPages(account, ref, { ...options, deep: false })) {
      const id = folder.folderId?.id;
      if (id === undefined)
        throw new EwsProtocolError('FindFolder returned a folder without a FolderId', {
          operation: 'FindFolder',
        });
      if (seen.has(id))
        throw new EwsProtocolError('FindFolder returned the same folder twice in one tree', {
          operation: 'FindFolder',
        });
      seen.add(id);
      yield folder;
      if (folder.childFolderCount !== 0) yield* below({ id }, depth + 1);
    }
  }
  yield* below(parent, 1);
}

/** One FindFolder below `parent`, page by page. */
async function* findFolderPages(
  account: AccountContext,
  parent: FolderRef,
  options: FindFoldersOptions = {},
): AsyncGenerator<Folder, void, undefined> {
  const shape = folderShape(FolderModel, {
    version: account.version,
    baseShape: 'IdOnly',
    fields: FIND_FOLDER_FIELDS,
    operation: 'FindFolder',
  }).xml;
  const pageSize = positiveInteger('pageSize', options.pageSize ?? FOLDER_PAGE_SIZE, { max: XS_INT_MAX });
  for (let offset = 0; ; ) {
    const body = buildFindFolder({
      parent,
      traversal: options.deep ? 'Deep' : 'Shallow',
      shape,
      maxEntries: pageSize,
      offset,
    });
    const page = readFindFolder(await send(account, 'FindFolder', body, options));
    yield* page.folders;
    if (page.includesLastItemInRange || page.folders.length === 0) return;
    offset += page.folders.length;
  }
}
