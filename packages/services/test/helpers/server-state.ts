import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestServer } from '@ews/test-server';

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
 * The server's own view of a mailbox, read from `saveState()` (its JSON dump), so tests compare
 * what the client did with what the server holds, not with what the client reads back.
 */
export async function mailboxState(server: TestServer, address: string): Promise<MailboxState> {
  const dir = await mkdtemp(join(tmpdir(), 'ews-services-state-'));
  try {
    const file = join(dir, 'state.json');
    await server.saveState(file);
    const saved = JSON.parse(await readFile(file, 'utf8')) as {
      mailboxes: { address: string; folders: ServerFolder[]; items: ServerItem[] }[];
    };
    const mailbox = saved.mailboxes.find((entry) => entry.address.toLowerCase() === address.toLowerCase());
    if (!mailbox) throw new Error(`no mailbox ${address} in the saved state`);
    const { folders, items } = mailbox;
    return {
      folders,
      items,
      folder(distinguishedId) {
        const found = folders.find((folder) => folder.distinguishedId === distinguishedId);
        if (!found) throw new Error(`no distinguished folder ${distinguishedId}`);
        return found;
      },
      childrenOf: (folderId) => folders.filter((folder) => folder.parentId === folderId),
      itemsIn: (folderId) => items.filter((item) => item.parentFolderId === folderId),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
