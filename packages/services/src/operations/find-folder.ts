import {
  child,
  children,
  EwsProtocolError,
  type EwsResponse,
  el,
  nonNegativeInteger,
  positiveInteger,
  type XmlFragment,
} from '@ews/core';
import { boolean, type Folder, int } from '@ews/models';
import { folderIdXml } from '../internal/ids.js';
import { onlyMessage } from '../internal/messages.js';
import { requiredChild } from '../internal/required-child.js';
import { attributeValue } from '../internal/scalar-values.js';
import { XS_INT_MAX } from '../internal/schema-limits.js';
import type { FolderRef } from '../refs.js';
import { type FolderBaseShape, folderShapeXml, readFolderNode } from './get-folder.js';
import { nameOf } from './item-id-results.js';

export interface FindFolderParams {
  readonly parent: FolderRef;
  readonly traversal?: 'Shallow' | 'Deep' | 'SoftDeleted' | undefined;
  readonly baseShape?: FolderBaseShape | undefined;
  /** A whole `<m:FolderShape>` (`folderShape(FolderModel, …)` from @ews/models); wins over baseShape. */
  readonly shape?: XmlFragment | undefined;
  readonly maxEntries: number;
  readonly offset: number;
}

export interface FindFolderPage {
  readonly folders: readonly Folder[];
  readonly includesLastItemInRange: boolean;
  readonly totalItemsInView: number | undefined;
}

export function buildFindFolder(params: FindFolderParams): XmlFragment {
  const maxEntries = positiveInteger('maxEntries', params.maxEntries, { max: XS_INT_MAX });
  const offset = nonNegativeInteger('offset', params.offset, { max: XS_INT_MAX });
  return el('m:FindFolder', { Traversal: params.traversal ?? 'Shallow' }, [
    params.shape ?? folderShapeXml(params.baseShape ?? 'Default'),
    el('m:IndexedPageFolderView', { MaxEntriesReturned: maxEntries, Offset: offset, BasePoint: 'Beginning' }),
    el('m:ParentFolderIds', {}, folderIdXml(params.parent)),
  ]);
}

/**
 * A Success (or Warning) FindFolder message holds its RootFolder, or it is refused (EWS_PROTOCOL),
 * never read as an empty page. types.xsd lets the RootFolder leave out its Folders list; only a
 * RootFolder whose TotalItemsInView is 0 may, as then there is nothing to list.
 */
export function readFindFolder(response: EwsResponse): FindFolderPage {
  const { operation } = response;
  const root = requiredChild(onlyMessage(response).node, 'RootFolder', operation);
  const total = attributeValue(root, 'TotalItemsInView', int, 'RootFolder');
  const list = total === 0 ? child(root, 'Folders') : requiredChild(root, 'Folders', operation);
  return {
    folders: children(list).map((node) => {
      const folder = readFolderNode(node);
      if (folder.folderId === undefined)
        throw new EwsProtocolError(`FindFolder answered a ${nameOf(node)} without its FolderId`, {
          operation: 'FindFolder',
        });
      return folder;
    }),
    includesLastItemInRange: attributeValue(root, 'IncludesLastItemInRange', boolean, 'RootFolder') ?? true,
    totalItemsInView: total,
  };
}
