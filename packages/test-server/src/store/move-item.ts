import type { StoredItem } from './item-model.js';
import type { ItemTransferLog } from './item-transfers.js';
import type { MailboxStore } from './mailbox-store.js';

/**
 * The one way an item changes folder within a mailbox (`StoredItem.parentFolderId` is readonly):
 * Exchange's item ids name their folder, so the item gets a new id there (`relocateItem`, which also
 * repoints links such as a meeting message's AssociatedCalendarItemId), and the move is recorded so
 * notifications and sync report OldItemId → ItemId. Returns the item as it now is.
 */
export function moveItem(
  transfers: ItemTransferLog,
  store: MailboxStore,
  item: StoredItem,
  folderId: string,
  now: Date,
): StoredItem {
  if (folderId === item.parentFolderId) return item;
  const moved = store.relocateItem(item, folderId, now);
  transfers.record({
    kind: 'moved',
    oldId: item.id,
    newId: moved.id,
    oldParentFolderId: item.parentFolderId,
    newParentFolderId: moved.parentFolderId,
  });
  return moved;
}
