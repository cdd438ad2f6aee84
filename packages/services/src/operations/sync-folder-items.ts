import {
  child,
  children,
  childText,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  integerInRange,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { boolean } from '@ews/models';
import { folderIdXml, itemIdXml } from '../internal/ids.js';
import { onlyMessage } from '../internal/messages.js';
import { childValue } from '../internal/scalar-values.js';
import type { FolderRef, ItemRef } from '../refs.js';
import { itemRefOf, nameOf, requiredItemRef } from './item-id-results.js';

/** t:SyncFolderItemsScopeType: `NormalAndAssociatedItems` also syncs hidden (FAI) items. */
export type SyncScope = 'NormalItems' | 'NormalAndAssociatedItems';
const SYNC_SCOPES: readonly SyncScope[] = ['NormalItems', 'NormalAndAssociatedItems'];

/** MaxChangesReturned is 1…512 in the schema. */
export const MAX_SYNC_CHANGES = 512;

export interface SyncFolderItemsParams {
  readonly folder: FolderRef;
  /** One `<m:ItemShape>` element (`itemShape(model, …).xml` from @ews/models). */
  readonly shape: XmlFragment;
  /** The state of the previous call; absent for the first sync of a folder. */
  readonly syncState?: string | undefined;
  /** Items whose changes the server should leave out. */
  readonly ignore?: readonly ItemRef[] | undefined;
  /** 1…512 changes per answer. */
  readonly maxChanges: number;
  readonly scope?: SyncScope | undefined;
}

export function buildSyncFolderItems(params: SyncFolderItemsParams): XmlFragment {
  const { maxChanges, scope, syncState, ignore } = params;
  // MaxSyncChangesReturnedType: 1…512.
  integerInRange('maxChanges', maxChanges, 1, MAX_SYNC_CHANGES);
  if (scope !== undefined && !SYNC_SCOPES.includes(scope))
    throw new EwsInvalidArgumentError(`scope must be one of ${SYNC_SCOPES.join(', ')}`);
  return el('m:SyncFolderItems', {}, [
    params.shape,
    el('m:SyncFolderId', {}, folderIdXml(params.folder)),
    syncState === undefined || syncState === '' ? undefined : el('m:SyncState', {}, syncState),
    ignore === undefined || ignore.length === 0
      ? undefined
      : el(
          'm:Ignore',
          {},
          ignore.map((item) => itemIdXml(item, 'SyncFolderItems')),
        ),
    el('m:MaxChangesReturned', {}, maxChanges),
    scope === undefined ? undefined : el('m:SyncScope', {}, scope),
  ]);
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

/**
 * The page of changes; an Error answer (e.g. ErrorInvalidSyncStateData) is thrown typed. Each
 * change is checked against t:SyncFolderItemsChangesType: a Create or Update holds one item with
 * its ItemId, a Delete or ReadFlagChange names its ItemId (and IsRead); anything else fails the
 * page (EWS_PROTOCOL) rather than being skipped, since the SyncState would move past it.
 */
export function readSyncFolderItems(response: EwsResponse): SyncFolderItemsPage {
  const node = onlyMessage(response).node;
  const operation = 'SyncFolderItems';
  return {
    syncState: syncStateOf(node, operation),
    includesLastItemInRange: childValue(node, 'IncludesLastItemInRange', boolean, operation) ?? true,
    changes: children(child(node, 'Changes')).map((change): RawItemChange => {
      switch (change.name) {
        case 'Create':
        case 'Update': {
          const item = onlyChild(change, operation);
          requiredItemRef(item, operation);
          return { kind: change.name === 'Create' ? 'create' : 'update', node: item };
        }
        case 'Delete':
          return { kind: 'delete', itemId: idOf(child(change, 'ItemId'), operation, 'a Delete') };
        case 'ReadFlagChange': {
          const isRead = childValue(change, 'IsRead', boolean, 'ReadFlagChange');
          if (isRead === undefined)
            throw new EwsProtocolError('SyncFolderItems answered a ReadFlagChange without IsRead', {
              operation,
            });
          return {
            kind: 'readFlagChange',
            itemId: idOf(child(change, 'ItemId'), operation, 'a ReadFlagChange'),
            isRead,
          };
        }
        default:
          throw unknownChange(change, operation);
      }
    }),
  };
}

/**
 * `{ id, changeKey }` of an ItemId/FolderId element a change must name; without it (or its Id) the
 * change names nothing, and the answer is refused (EWS_PROTOCOL).
 */
export function idOf(node: XmlNode | undefined, operation: string, where: string): ItemRef {
  const ref = itemRefOf(node);
  if (ref === undefined)
    throw new EwsProtocolError(`${operation} answered ${where} without its id`, { operation });
  return ref;
}

/** The one element a Create or Update change holds. */
export function onlyChild(change: XmlNode, operation: string): XmlNode {
  const found = children(change);
  const [only] = found;
  if (only === undefined || found.length !== 1)
    throw new EwsProtocolError(
      `${operation} answered a ${change.name} with ${found.length} elements, expected 1`,
      {
        operation,
      },
    );
  return only;
}

/** A change element t:SyncFolder…ChangesType does not have. */
export function unknownChange(change: XmlNode, operation: string): EwsProtocolError {
  return new EwsProtocolError(`${operation} answered an unknown change <${nameOf(change)}>`, { operation });
}

/** The answer's SyncState: without one the sync could not resume, so its absence is a broken answer. */
export function syncStateOf(node: XmlNode, operation: string): string {
  const syncState = childText(node, 'SyncState');
  if (syncState === undefined || syncState.trim() === '')
    throw new EwsProtocolError(`${operation} answered without a SyncState`, { operation });
  return syncState;
}
