import type { SnapshotMailbox, TestServer } from '@ews/test-server';

/** A folder as the test server stores it (the fields the folder tests compare). */
export interface ServerFolder {
  readonly id: string;
  readonly parentId: string | undefined;
  readonly displayName: string;
  readonly folderClass: string | undefined;
  readonly kind: string;
  readonly distinguishedId: string | undefined;
}

/** An item as the test server stores it (the fields the query tests compare). */
export interface ServerItem {
  readonly id: string;
  readonly parentFolderId: string;
  readonly subject: string;
  readonly message?: { readonly isRead?: boolean; readonly isDraft?: boolean } | undefined;
}

export interface MailboxState {
  readonly folders: readonly ServerFolder[];
  readonly items: readonly ServerItem[];
  folder(distinguishedId: string): ServerFolder;
  childrenOf(folderId: string): ServerFolder[];
  itemsIn(folderId: string): ServerItem[];
}

/**
 * The server's own view of a mailbox, from `server.snapshot()`, so tests compare what the client
 * did with what the server holds, not with what the client reads back.
 */
export async function mailboxState(server: TestServer, address: string): Promise<MailboxState> {
  const mailbox: SnapshotMailbox = server.snapshot().mailbox(address);
  return {
    folders: mailbox.folders,
    items: mailbox.items,
    folder: (distinguishedId) => mailbox.folder(distinguishedId),
    childrenOf: (folderId) => mailbox.childFolders(folderId),
    itemsIn: (folderId) => mailbox.itemsIn(folderId),
  };
}
