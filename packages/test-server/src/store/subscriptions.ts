/** What a pull subscription has seen of one item: its change key and folder. */
export interface SeenItem {
  readonly changeKey: string;
  readonly parentFolderId: string;
}

/** A pull subscription: the mailbox, watched folders (empty = all), event types, last snapshot. */
export interface PullSubscription {
  readonly id: string;
  readonly mailboxIndex: number;
  /** The account that subscribed (only it may read or end the subscription). */
  readonly owner: string;
  readonly folderIds: ReadonlySet<string>;
  readonly eventTypes: ReadonlySet<string>;
  seen: Map<string, SeenItem>;
  watermark: number;
}

/** The subscriptions of one server (kept on its state: no module-level registry). */
export class SubscriptionTable {
  private readonly byId = new Map<string, PullSubscription>();
  private serial = 0;

  add(subscription: Omit<PullSubscription, 'id'>): PullSubscription {
    this.serial += 1;
    const id = Buffer.from(`ews-test-subscription:${this.serial}`).toString('base64');
    const stored = { ...subscription, id };
    this.byId.set(id, stored);
    return stored;
  }

  get(id: string): PullSubscription | undefined {
    return this.byId.get(id);
  }

  remove(id: string): boolean {
    return this.byId.delete(id);
  }
}

export function encodeWatermark(subscription: PullSubscription): string {
  return Buffer.from(`${subscription.id}:${subscription.watermark}`).toString('base64');
}
