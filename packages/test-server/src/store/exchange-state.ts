import { type Directory, type DirectoryMailbox, findMailbox } from '../directory/directory.js';
import type { ServerVersionProfile } from '../soap/server-versions.js';
import { ItemTransferLog } from './item-transfers.js';
import { decodeId, IdSource, type MailboxLayout, MailboxStore } from './mailbox-store.js';
import { PUBLIC_FOLDER_TREE, publicFolderOwner } from './public-folders.js';
import { SubscriptionTable } from './subscriptions.js';

/** How every mailbox is set up (start options `culture`, `archive`, `publicFolders`). */
export interface ExchangeSetup {
  readonly culture: string;
  readonly archive: boolean;
  readonly publicFolders: boolean;
}

/** Everything one running test server knows: directory, mailboxes, clock. No module-level state. */
export class ExchangeState {
  readonly ids = new IdSource();
  readonly subscriptions = new SubscriptionTable();
  /** Items requests moved or copied, until subscriptions collect them as events. */
  readonly transfers = new ItemTransferLog();
  private readonly stores: MailboxStore[] = [];
  /** The organization's public folders (`publicFolders` option); undefined: none configured. */
  readonly publicFolders: MailboxStore | undefined;

  constructor(
    readonly directory: Directory,
    readonly serverVersion: ServerVersionProfile,
    /** The server's clock; seeded content is placed around it. */
    readonly now: () => Date,
    setup: ExchangeSetup = { culture: 'en-US', archive: false, publicFolders: false },
  ) {
    directory.mailboxes.forEach((mailbox, index) => {
      // Archives belong to people; rooms and the service account have none.
      const layout: MailboxLayout = {
        culture: setup.culture,
        archive: setup.archive && mailbox.kind === 'user',
      };
      this.stores.push(new MailboxStore(mailbox, index, this.ids, layout));
    });
    // The public folder mailbox's ids route past the last user mailbox.
    this.publicFolders = setup.publicFolders
      ? new MailboxStore(publicFolderOwner(directory.domain), this.stores.length, this.ids, {
          ...setup,
          tree: PUBLIC_FOLDER_TREE,
        })
      : undefined;
  }

  mailbox(address: string): DirectoryMailbox | undefined {
    return findMailbox(this.directory, address);
  }

  storeFor(address: string): MailboxStore | undefined {
    const wanted = address.toLowerCase();
    return this.stores.find((s) => s.owner.address.toLowerCase() === wanted);
  }

  requireStore(address: string): MailboxStore {
    const store = this.storeFor(address);
    if (store === undefined) throw new Error(`no mailbox ${address}`);
    return store;
  }

  /** The store an item or folder id belongs to. */
  storeForId(id: string): MailboxStore | undefined {
    const decoded = decodeId(id);
    if (decoded === undefined) return undefined;
    return decoded.mailboxIndex === this.stores.length
      ? this.publicFolders
      : this.stores[decoded.mailboxIndex];
  }

  allStores(): readonly MailboxStore[] {
    return this.stores;
  }
}
