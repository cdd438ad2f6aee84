import type { FolderCounts } from '../render/render-folder.js';
import type { StoredFolder } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';

export function folderCounts(store: MailboxStore, folder: StoredFolder): FolderCounts {
  const items = store.itemsIn(folder.id);
  return {
    total: items.length,
    childFolders: store.childFolders(folder.id).length,
    unread: items.filter((i) => i.message !== undefined && !i.message.isRead).length,
  };
}
