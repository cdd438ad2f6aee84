import { child, children, type EwsResponse } from '@ews/core';
import { boolean, type Folder } from '@ews/models';
import { type FolderRef, folderIdXml } from '../internal/ids.js';
import { onlyMessage } from '../internal/messages.js';
import { childValue } from '../internal/scalar-values.js';
import { textElement } from '../internal/xml.js';
import type { FolderIdRef } from './folder-id-results.js';
import { readFolderNode } from './get-folder.js';
import { idOf, syncStateOf } from './sync-folder-items.js';

export interface SyncFolderHierarchyParams {
  /** One `<m:FolderShape>` element. */
  readonly shape: string;
  /** The folder whose subtree is synced; absent = the whole mailbox (the root). */
  readonly folder?: FolderRef | undefined;
  /** The state of the previous call; absent for the first sync. */
  readonly syncState?: string | undefined;
}

export function buildSyncFolderHierarchy(params: SyncFolderHierarchyParams): string {
  const { folder, syncState } = params;
  return (
    `<m:SyncFolderHierarchy>${params.shape}` +
    (folder === undefined ? '' : `<m:SyncFolderId>${folderIdXml(folder)}</m:SyncFolderId>`) +
    (syncState === undefined || syncState === '' ? '' : textElement('m:SyncState', syncState)) +
    '</m:SyncFolderHierarchy>'
  );
}

/** One change of t:SyncFolderHierarchyChangesType. */
export type RawFolderChange =
  | { readonly kind: 'create' | 'update'; readonly folder: Folder }
  | { readonly kind: 'delete'; readonly folderId: FolderIdRef };

export interface SyncFolderHierarchyPage {
  readonly syncState: string;
  /** False while more changes are waiting: call again with `syncState`. */
  readonly includesLastFolderInRange: boolean;
  readonly changes: readonly RawFolderChange[];
}

/** The page of folder changes; an Error answer is thrown typed. */
export function readSyncFolderHierarchy(response: EwsResponse): SyncFolderHierarchyPage {
  const node = onlyMessage(response).node;
  return {
    syncState: syncStateOf(node, 'SyncFolderHierarchy'),
    includesLastFolderInRange:
      childValue(node, 'IncludesLastFolderInRange', boolean, 'SyncFolderHierarchy') ?? true,
    changes: children(child(node, 'Changes')).flatMap((change): RawFolderChange[] => {
      if (change.name === 'Delete') return [{ kind: 'delete', folderId: idOf(child(change, 'FolderId')) }];
      if (change.name !== 'Create' && change.name !== 'Update') return [];
      const [folder] = children(change);
      if (!folder) return [];
      return [{ kind: change.name === 'Create' ? 'create' : 'update', folder: readFolderNode(folder) }];
    }),
  };
}
