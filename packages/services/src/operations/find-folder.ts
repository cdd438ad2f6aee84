import { child, children, EwsInvalidArgumentError, type EwsResponse } from '@ews/core';
import { boolean, type Folder, int } from '@ews/models';
import { type FolderRef, folderIdXml } from '../internal/ids.js';
import { onlyMessage } from '../internal/messages.js';
import { attributeValue } from '../internal/scalar-values.js';
import { type FolderBaseShape, folderShapeXml, readFolderNode } from './get-folder.js';

export interface FindFolderParams {
  readonly parent: FolderRef;
  readonly traversal?: 'Shallow' | 'Deep' | 'SoftDeleted' | undefined;
  readonly baseShape?: FolderBaseShape | undefined;
  /** A whole `<m:FolderShape>` (`folderShape(FolderModel, …)` from @ews/models); wins over baseShape. */
  readonly shape?: string | undefined;
  readonly maxEntries: number;
  readonly offset: number;
}

export interface FindFolderPage {
  readonly folders: readonly Folder[];
  readonly includesLastItemInRange: boolean;
  readonly totalItemsInView: number | undefined;
}

export function buildFindFolder(params: FindFolderParams): string {
  if (
    !Number.isSafeInteger(params.maxEntries) ||
    params.maxEntries < 1 ||
    !Number.isSafeInteger(params.offset) ||
    params.offset < 0
  ) {
    throw new EwsInvalidArgumentError('FindFolder paging needs maxEntries >= 1 and offset >= 0');
  }
  return (
    `<m:FindFolder Traversal="${params.traversal ?? 'Shallow'}">` +
    (params.shape ?? folderShapeXml(params.baseShape ?? 'Default')) +
    `<m:IndexedPageFolderView MaxEntriesReturned="${params.maxEntries}" Offset="${params.offset}" BasePoint="Beginning"/>` +
    `<m:ParentFolderIds>${folderIdXml(params.parent)}</m:ParentFolderIds></m:FindFolder>`
  );
}

export function readFindFolder(response: EwsResponse): FindFolderPage {
  const root = child(onlyMessage(response).node, 'RootFolder');
  return {
    folders: children(child(root, 'Folders')).map(readFolderNode),
    includesLastItemInRange: attributeValue(root, 'IncludesLastItemInRange', boolean, 'RootFolder') ?? true,
    totalItemsInView: attributeValue(root, 'TotalItemsInView', int, 'RootFolder'),
  };
}
