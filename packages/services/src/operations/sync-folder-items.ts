import {
  child,
  children,
  childText,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  integerInRange,
  type XmlNode,
} from '@ews/core';
import { boolean } from '@ews/models';
import { type FolderRef, folderIdXml, type ItemRef, itemIdXml } from '../internal/ids.js';
import { onlyMessage } from '../internal/messages.js';
import { childValue } from '../internal/scalar-values.js';
import { textElement } from '../internal/xml.js';

/** t:SyncFolderItemsScopeType: `NormalAndAssociatedItems` also syncs hidden (FAI) items. */
export type SyncScope = 'NormalItems' | 'NormalAndAssociatedItems';
const SYNC_SCOPES: readonly SyncScope[] = ['NormalItems', 'NormalAndAssociatedItems'];

/** MaxChangesReturned is 1…512 in the schema. */
export const MAX_SYNC_CHANGES = 512;

export interface SyncFolderItemsParams {
  readonly folder: FolderRef;
  /** One `<m:ItemShape>` element (`itemShape(model, …).xml` from @ews/models). */
  readonly shape: string;
  /** The state of the previous call; absent for the first sync of a folder. */
  readonly syncState?: string | undefined;
  /** Items whose changes the server should leave out. */
  readonly ignore?: readonly ItemRef[] | undefined;
  /** 1…512 changes per answer. */
  readonly maxChanges: number;
  readonly scope?: SyncScope | undefined;
}

export function buildSyncFolderItems(params: SyncFolderItemsParams): string {
  const { maxChanges, scope, syncState, ignore } = params;
  // MaxSyncChangesReturnedType: 1…512.
  integerInRange('maxChanges', maxChanges, 1, MAX_SYNC_CHANGES);
  if (scope !== undefined && !SYNC_SCOPES.includes(scope))
    throw new EwsInvalidArgumentError(`scope must be one of ${SYNC_SCOPES.join(', ')}`);
  return (
    `<m:SyncFolderItems>${params.shape}` +
    `<m:SyncFolderId>${folderIdXml(params.folder)}</m:SyncFolderId>` +
    (syncState === undefined || syncState === '' ? '' : textElement('m:SyncState', syncState)) +
    (ignore === undefined || ignore.length === 0
      ? ''
      : `<m:Ignore>${ignore.map(itemIdXml).join('')}</m:Ignore>`) +
    `<m:MaxChangesReturned>${maxChanges}</m:MaxChangesReturned>` +
    (scope === undefined ? '' : `<m:SyncScope>${scope}</m:SyncScope>`) +
    '</m:SyncFolderItems>'
  );
}

/** One change of t:SyncFolderItemsChangesType, the item still as XML (read it with a model). */
export type RawItemChange =
  | { readonly kind: 'create' | 'update'; readonly node: XmlNode }
  | { readonly kind: 'delete'; readonly itemId: ItemRef }
  | { readonly kind: 'readFlagChange'; readonly itemId: ItemRef; readonly isRead: boolean };

export interface SyncFolderItemsPage {
  /** Send it with the next call (the next page, or the next sync later). */
  readonly syncState: string;
  /** False while more changes are waiting: call again with `syncState`. */
  readonly includesLastItemInRange: boolean;
  readonly changes: readonly RawItemChange[];
}

/** The page of changes; an Error answer (e.g. ErrorInvalidSyncStateData) is thrown typed. */
export function readSyncFolderItems(response: EwsResponse): SyncFolderItemsPage {
  const node = onlyMessage(response).node;
  return {
    syncState: syncStateOf(node, 'SyncFolderItems'),
    includesLastItemInRange: childValue(node, 'IncludesLastItemInRange', boolean, 'SyncFolderItems') ?? true,
    changes: children(child(node, 'Changes')).flatMap((change): RawItemChange[] => {
      switch (change.name) {
        case 'Create':
        case 'Update': {
          const [item] = children(change);
          return item ? [{ kind: change.name === 'Create' ? 'create' : 'update', node: item }] : [];
        }
        case 'Delete':
          return [{ kind: 'delete', itemId: idOf(child(change, 'ItemId')) }];
        case 'ReadFlagChange':
          return [
            {
              kind: 'readFlagChange',
              itemId: idOf(child(change, 'ItemId')),
              isRead: childValue(change, 'IsRead', boolean, 'ReadFlagChange') ?? false,
            },
          ];
        default:
          return [];
      }
    }),
  };
}

/** `{ id, changeKey }` of an ItemId/FolderId element (empty id when the server sent none). */
export function idOf(node: XmlNode | undefined): ItemRef {
  const id = node?.attributes.Id ?? '';
  const changeKey = node?.attributes.ChangeKey;
  return changeKey === undefined ? { id } : { id, changeKey };
}

/** The answer's SyncState: without one the sync could not resume, so its absence is a broken answer. */
export function syncStateOf(node: XmlNode, operation: string): string {
  const syncState = childText(node, 'SyncState');
  if (syncState === undefined || syncState.trim() === '')
    throw new EwsProtocolError(`${operation} answered without a SyncState`, { operation });
  return syncState;
}
