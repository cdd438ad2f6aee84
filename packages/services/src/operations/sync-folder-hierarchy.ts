import { child, children, EwsProtocolError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { boolean, type Folder } from '@ews/models';
import { folderIdXml } from '../internal/ids.js';
import { onlyMessage } from '../internal/messages.js';
import { childValue } from '../internal/scalar-values.js';
import type { FolderRef } from '../refs.js';
import type { FolderIdRef } from './folder-id-results.js';
import { readFolderNode } from './get-folder.js';
import { idOf, onlyChild, syncStateOf, unknownChange } from './sync-folder-items.js';

export interface SyncFolderHierarchyParams {
  /** One `<m:FolderShape>` element. */
  readonly shape: XmlFragment;
  /** The folder whose subtree is synced; absent = the whole mailbox (the root). */
  readonly folder?: FolderRef | undefined;
  /** The state of the previous call; absent for the first sync. */
  readonly syncState?: string | undefined;
}

export function buildSyncFolderHierarchy(params: SyncFolderHierarchyParams): XmlFragment {
  const { folder, syncState } = params;
  return el('m:SyncFolderHierarchy', {}, [
    params.shape,
    folder === undefined ? undefined : el('m:SyncFolderId', {}, folderIdXml(folder)),
    syncState === undefined || syncState === '' ? undefined : el('m:SyncState', {}, syncState),
  ]);
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

/**
 * The page of folder changes; an Error answer is thrown typed. Each change is checked against
 * t:SyncFolderHierarchyChangesType: a Create or Update holds one folder with its FolderId, a Delete
 * names its FolderId; anything else fails the page (EWS_PROTOCOL).
 */
export function readSyncFolderHierarchy(response: EwsResponse): SyncFolderHierarchyPage {
  const node = onlyMessage(response).node;
  const operation = 'SyncFolderHierarchy';
  return {
    syncState: syncStateOf(node, operation),
    includesLastFolderInRange: childValue(node, 'IncludesLastFolderInRange', boolean, operation) ?? true,
    changes: children(child(node, 'Changes')).map((change): RawFolderChange => {
      if (change.name === 'Delete')
        return { kind: 'delete', folderId: idOf(child(change, 'FolderId'), operation, 'a Delete') };
      if (change.name !== 'Create' && change.name !== 'Update') throw unknownChange(change, operation);
      const folder = readFolderNode(onlyChild(change, operation));
      if (!folder.folderId?.id)
        throw new EwsProtocolError(`${operation} answered a ${change.name} folder without its FolderId`, {
          operation,
        });
      return { kind: change.name === 'Create' ? 'create' : 'update', folder };
    }),
  };
}
