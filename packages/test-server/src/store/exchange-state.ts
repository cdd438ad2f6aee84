import { type Directory, type DirectoryMailbox, findMailbox } from '../directory/directory.js';
import type { ServerVersionProfile } from '../soap/server-versions.js';
import { ItemTransferLog } from './item-transfers.js';
import { decodeId, IdSource, MailboxStore } from './mailbox-store.js';
import { SubscriptionTable } from './subscriptions.js';

/** Everything one running test server knows: directory, mailboxes, clock. No module-level state. */
export class ExchangeState {
  readonly ids = new IdSource();
  readonly subscriptions = new SubscriptionTable();
  /** Items requests moved or copied, until subscriptions collect them as events. */
  readonly transfers = new ItemTransferLog();
  private readonly stores: MailboxStore[] = [];

  constructor(
    readonly directory: Directory,
    readonly serverVersion: ServerVersionProfile,
    /** The server's clock; seeded content is placed around it. */
    readonly now: () => Date,
  ) {
    directory.mailboxes.forEach((mailbox, index) => {
      this.stores.push(new MailboxStore(mailbox, index, this.ids));
    });
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
    return decoded === undefined ? undefined : this.stores[decoded.mailboxIndex];
  }

  allStores(): readonly MailboxStore[] {
    return this.stores;
  }
}
