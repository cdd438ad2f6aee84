import { type CallOptions, positiveInteger } from '@ews/core';
import { type Folder, FolderModel, folderShape } from '@ews/models';
import type { AccountContext } from '../account/account-context.js';
import type { FolderRef } from '../internal/ids.js';
import { XS_INT_MAX } from '../internal/schema-limits.js';
import { send } from '../internal/send.js';
import { buildFindFolder, readFindFolder } from '../operations/find-folder.js';

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

/** The folders below `parent`, page by page (IndexedPageFolderView). */
export async function* findFolders(
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
