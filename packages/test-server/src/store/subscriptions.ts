import type { StoredFolder, StoredItem } from './item-model.js';

export type NotificationEventType =
  | 'NewMailEvent'
  | 'CreatedEvent'
  | 'DeletedEvent'
  | 'ModifiedEvent'
  | 'MovedEvent'
  | 'CopiedEvent';

/** One change a subscription reports. `seq` orders the events of one subscription (its watermark). */
export interface SubscriptionEvent {
  readonly seq: number;
  readonly type: NotificationEventType;
  readonly timeStamp: Date;
  readonly target: 'item' | 'folder';
  readonly id: string;
  readonly changeKey: string | undefined;
  readonly parentFolderId: string;
  /** Moved and copied events: where it was, under which id. */
  readonly oldId?: string;
  readonly oldParentFolderId?: string;
}

/** What a subscription last saw of an item or folder (the object itself: removed ones stay readable). */
export interface SeenObject<T> {
  readonly changeKey: string;
  readonly parentFolderId: string;
  readonly object: T;
}

export interface MailboxSnapshot {
  readonly items: Map<string, SeenObject<StoredItem>>;
  readonly folders: Map<string, SeenObject<StoredFolder>>;
}

/** Where a push subscription's notifications go, and how often a quiet one is told "still here". */
export interface PushTarget {
  /** The callback's http(s) URL (loopback only). */
  readonly url: string;
  /** StatusFrequency: minutes without events after which a StatusEvent is sent (1–1440). */
  readonly statusFrequencyMinutes: number;
  /** The RequestServerVersion the subscription was made with; SendNotification requests carry it. */
  readonly requestVersion: string;
}

/**
 * A pull, streaming or push subscription: one mailbox, watched folders (empty = all), event types, the
 * last snapshot it was compared with and the events not yet acknowledged (pull) or delivered (streaming).
 */
export interface Subscription {
  readonly id: string;
  readonly kind: 'pull' | 'streaming' | 'push';
  /** Push subscriptions: the callback (see src/notifications). */
  readonly push?: PushTarget;
  readonly mailboxIndex: number;
  /** The account that subscribed (only it may read or end the subscription). */
  readonly owner: string;
  readonly folderIds: ReadonlySet<string>;
  readonly eventTypes: ReadonlySet<NotificationEventType>;
  /** Pull: minutes without GetEvents after which it expires. Streaming: 30 minutes without a connection. */
  readonly timeoutMinutes: number;
  lastUsed: Date;
  seen: MailboxSnapshot;
  /** Events after `acknowledged`, oldest first. */
  journal: SubscriptionEvent[];
  /** The last event number a client acknowledged (pull: the watermark it sent; streaming: delivered). */
  acknowledged: number;
  /** The last event number handed out. */
  head: number;
  /** Set when the journal overflowed: the client has missed events (ErrorMissedNotificationEvents). */
  missedEvents: boolean;
}

/** An open GetStreamingEvents connection: told about new events as they are detected, and about the end. */
export interface SubscriptionListener {
  readonly events: (subscription: Subscription) => void;
  /** Unsubscribe or expiry ended the subscription. */
  readonly ended: (subscription: Subscription) => void;
}

/** A subscription keeps at most this many unacknowledged events; more means the client missed some. */
export const MAX_JOURNAL = 1000;

/**
 * Ended subscriptions whose unacknowledged events a Subscribe with a Watermark may still resume from
 * (Exchange keeps a mailbox's events for 30 days; this server keeps the last few ended subscriptions).
 */
export const MAX_RETIRED = 64;

/** An event as the server generated it, for tests that keep a ledger independent of any client. */
export interface GeneratedEvent {
  readonly subscriptionId: string;
  readonly watermark: string;
  readonly event: SubscriptionEvent;
}

const SUBSCRIPTION_ID_TEXT = /^ews-test-subscription:[1-9]\d{0,15}$/;

function subscriptionIdOf(serial: number): string {
  return Buffer.from(`ews-test-subscription:${serial}`).toString('base64');
}

/**
 * Whether `id` is one this server could have issued (base64 of `ews-test-subscription:N`). Exchange
 * answers an id it cannot read with ErrorInvalidSubscription and a readable one it does not know (ended,
 * expired) with ErrorSubscriptionNotFound.
 */
export function isWellFormedSubscriptionId(id: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id) || id.length % 4 !== 0 || id.length > 64) return false;
  const text = Buffer.from(id, 'base64').toString('latin1');
  return SUBSCRIPTION_ID_TEXT.test(text) && subscriptionIdOf(Number(text.slice(22))) === id;
}

/** The subscriptions of one server (kept on its state: no module-level registry). */
export class SubscriptionTable {
  private readonly byId = new Map<string, Subscription>();
  private readonly listeners = new Map<string, Set<SubscriptionListener>>();
  private readonly addWatchers = new Set<(subscription: Subscription) => void>();
  private readonly eventWatchers = new Set<(generated: GeneratedEvent) => void>();
  /** Ended subscriptions, oldest first, kept so a watermark of theirs can still be resumed from. */
  private readonly retired = new Map<string, Subscription>();
  private serial = 0;

  add(
    subscription: Omit<Subscription, 'id' | 'journal' | 'acknowledged' | 'head' | 'missedEvents'>,
  ): Subscription {
    this.serial += 1;
    const id = subscriptionIdOf(this.serial);
    const stored: Subscription = {
      ...subscription,
      id,
      journal: [],
      acknowledged: 0,
      head: 0,
      missedEvents: false,
    };
    this.byId.set(id, stored);
    for (const watcher of [...this.addWatchers]) watcher(stored);
    return stored;
  }

  get(id: string): Subscription | undefined {
    return this.byId.get(id);
  }

  /** A live or recently ended subscription (a watermark of it may still be resumed from). */
  known(id: string): Subscription | undefined {
    return this.byId.get(id) ?? this.retired.get(id);
  }

  all(): Subscription[] {
    return [...this.byId.values()];
  }

  /** Ends a subscription and tells its listeners. */
  remove(id: string): boolean {
    const subscription = this.byId.get(id);
    if (subscription === undefined) return false;
    this.byId.delete(id);
    this.retired.set(id, subscription);
    if (this.retired.size > MAX_RETIRED) this.retired.delete(this.retired.keys().next().value as string);
    const listeners = [...(this.listeners.get(id) ?? [])];
    this.listeners.delete(id);
    for (const listener of listeners) listener.ended(subscription);
    return true;
  }

  /** Removes subscriptions whose timeout has passed (listened-to streaming ones never expire). */
  expire(now: Date): void {
    for (const subscription of [...this.byId.values()]) {
      if (subscription.kind === 'streaming' && (this.listeners.get(subscription.id)?.size ?? 0) > 0) continue;
      if (now.getTime() - subscription.lastUsed.getTime() > subscription.timeoutMinutes * 60_000) {
        this.remove(subscription.id);
      }
    }
  }

  /** Appends an event (numbered after the last one) to a subscription's journal. */
  append(subscription: Subscription, event: Omit<SubscriptionEvent, 'seq'>): void {
    subscription.head += 1;
    const stored = { ...event, seq: subscription.head };
    subscription.journal.push(stored);
    for (const watcher of [...this.eventWatchers]) {
      watcher({
        subscriptionId: subscription.id,
        watermark: encodeWatermark(subscription, stored.seq),
        event: stored,
      });
    }
    if (subscription.journal.length > MAX_JOURNAL) {
      subscription.journal.shift();
      subscription.missedEvents = true;
    }
  }

  /** Drops the events up to `seq` (the client has them). */
  acknowledge(subscription: Subscription, seq: number): void {
    subscription.acknowledged = Math.max(subscription.acknowledged, seq);
    subscription.journal = subscription.journal.filter((e) => e.seq > subscription.acknowledged);
  }

  /** Calls `watcher` with every subscription added from now on (push delivery starts this way). */
  watchAdded(watcher: (subscription: Subscription) => void): () => void {
    this.addWatchers.add(watcher);
    return () => {
      this.addWatchers.delete(watcher);
    };
  }

  /** Calls `watcher` with every event generated from now on, for every subscription. */
  watchEvents(watcher: (generated: GeneratedEvent) => void): () => void {
    this.eventWatchers.add(watcher);
    return () => {
      this.eventWatchers.delete(watcher);
    };
  }

  listen(id: string, listener: SubscriptionListener): () => void {
    let set = this.listeners.get(id);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(id, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(id) === set) this.listeners.delete(id);
    };
  }

  /** Tells the listeners of a subscription that it has new events. */
  notify(subscription: Subscription): void {
    for (const listener of [...(this.listeners.get(subscription.id) ?? [])]) listener.events(subscription);
  }
}

/** Watermarks name the subscription and an event number, opaque to clients as Exchange's are. */
export function encodeWatermark(subscription: Subscription, seq: number): string {
  return Buffer.from(`${subscription.id}:${seq}`).toString('base64');
}

/** The subscription id and event number a watermark of this server names, or undefined. */
export function parseWatermark(watermark: string): { subscriptionId: string; seq: number } | undefined {
  const text = Buffer.from(watermark.trim(), 'base64').toString('utf8');
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const subscriptionId = text.slice(0, colon);
  const seq = Number(text.slice(colon + 1));
  if (!isWellFormedSubscriptionId(subscriptionId) || !Number.isInteger(seq) || seq < 0) return undefined;
  return { subscriptionId, seq };
}

/** The event number a watermark of this subscription stands for, or undefined when it is not one. */
export function decodeWatermark(subscription: Subscription, watermark: string): number | undefined {
  const text = Buffer.from(watermark.trim(), 'base64').toString('utf8');
  const prefix = `${subscription.id}:`;
  if (!text.startsWith(prefix)) return undefined;
  const seq = Number(text.slice(prefix.length));
  return Number.isInteger(seq) && seq >= 0 ? seq : undefined;
}
