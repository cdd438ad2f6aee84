import type { StoredFolder, StoredItem } from '../store/item-model.js';
import type { ItemTransferLog } from '../store/item-transfers.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { moveItem } from '../store/move-item.js';
import type { XmlElement } from '../xml/xml-tree.js';
import { type OperationContext, ResponseError } from './operation-context.js';

/**
 * What DeleteItem, DeleteFolder and EmptyFolder do with each DeleteType, in one place ("Deleting
 * items by using EWS in Exchange"; DeleteFolder reference):
 * - MoveToDeletedItems: into Deleted Items. An item gets a new id there (Exchange's ids name the
 *   folder); a folder keeps its id. Already in Deleted Items: soft-deleted, as Outlook's delete does.
 * - SoftDelete: into the dumpster, Recoverable Items\Deletions (Exchange 2010 and later move it at
 *   once); from Deletions on, into Purges; from Purges, gone.
 * - HardDelete: gone.
 */
export type DeleteType = 'HardDelete' | 'SoftDelete' | 'MoveToDeletedItems';

const DELETE_TYPES: readonly DeleteType[] = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems'];

/** The request's DeleteType attribute, or ErrorInvalidRequest (the schema requires it). */
export function requireDeleteType(request: XmlElement): DeleteType {
  const type = DELETE_TYPES.find((t) => t === request.attrs.DeleteType);
  if (type === undefined) throw new ResponseError('ErrorInvalidRequest', 'DeleteType is required.');
  return type;
}

/** The distinguished folder a deletion moves something into; `undefined`: removed for good. */
function destination(
  store: MailboxStore,
  type: DeleteType,
  from: string | undefined,
): StoredFolder | undefined {
  if (type === 'HardDelete') return undefined;
  const deletedItems = store.distinguishedFolder('deleteditems');
  const deletions = store.distinguishedFolder('recoverableitemsdeletions');
  const purges = store.distinguishedFolder('recoverableitemspurges');
  if (from !== undefined && from === purges?.id) return undefined;
  const wanted = type === 'MoveToDeletedItems' && from !== deletedItems?.id ? deletedItems : deletions;
  if (wanted !== undefined && wanted.id === from) return purges;
  return wanted;
}

/** Deletes one item as `type` says; a move gives it a new id and is recorded (old id → new id). */
export function deleteStoredItem(
  ctx: OperationContext,
  store: MailboxStore,
  item: StoredItem,
  type: DeleteType,
): StoredItem | undefined {
  return deleteItemAs(ctx.state.transfers, store, item, type, ctx.now);
}

/**
 * What every other operation that puts an item in Deleted Items uses (declining a meeting, removing
 * or cancelling one, an inbox rule's Delete action): DeleteItem's MoveToDeletedItems, so the item gets
 * a new id there, or, already in Deleted Items, goes on to the dumpster. Returns the item as it now is.
 */
export function moveToDeletedItems(
  transfers: ItemTransferLog,
  store: MailboxStore,
  item: StoredItem,
  now: Date,
): StoredItem | undefined {
  return deleteItemAs(transfers, store, item, 'MoveToDeletedItems', now);
}

function deleteItemAs(
  transfers: ItemTransferLog,
  store: MailboxStore,
  item: StoredItem,
  type: DeleteType,
  now: Date,
): StoredItem | undefined {
  const target = destination(store, type, item.parentFolderId);
  if (target === undefined || target.id === item.parentFolderId) {
    store.items.delete(item.id);
    return undefined;
  }
  return moveItem(transfers, store, item, target.id, now);
}

/** Deletes a folder with its subfolders and items as `type` says; a moved folder keeps its id. */
export function deleteStoredFolder(store: MailboxStore, folder: StoredFolder, type: DeleteType): void {
  const target = destination(store, type, folder.parentId);
  if (target === undefined || target.id === folder.parentId) {
    store.removeFolderTree(folder.id);
    return;
  }
  folder.parentId = target.id;
  store.touchFolder(folder);
}
