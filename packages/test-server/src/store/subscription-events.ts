import type { ExchangeState } from './exchange-state.js';
import type { StoredItem } from './item-model.js';
import type { ItemTransfer } from './item-transfers.js';
import type { MailboxStore } from './mailbox-store.js';
import type {
  MailboxSnapshot,
  NotificationEventType,
  SeenObject,
  Subscription,
  SubscriptionEvent,
} from './subscriptions.js';

type NewEvent = Omit<SubscriptionEvent, 'seq'>;

/** What a mailbox holds now: every item and folder with its change key and parent. */
export function snapshotMailbox(store: MailboxStore): MailboxSnapshot {
  const items = new Map<string, SeenObject<StoredItem>>();
  for (const item of store.items.values()) {
    items.set(item.id, { changeKey: item.changeKey, parentFolderId: item.parentFolderId, object: item });
  }
  const folders: MailboxSnapshot['folders'] = new Map();
  for (const folder of store.folders.values()) {
    folders.set(folder.id, {
      changeKey: folder.changeKey,
      parentFolderId: folder.parentId ?? '',
      object: folder,
    });
  }
  return { items, folders };
}

function itemEvents(
  before: MailboxSnapshot,
  after: MailboxSnapshot,
  store: MailboxStore,
  now: Date,
  transfers: ReadonlyMap<string, ItemTransfer>,
): NewEvent[] {
  const events: NewEvent[] = [];
  const inbox = store.requireDistinguished('inbox').id;
  const base = (type: NotificationEventType, seen: SeenObject<StoredItem>, id: string) => ({
    type,
    timeStamp: now,
    target: 'item' as const,
    id,
    changeKey: seen.changeKey,
    parentFolderId: seen.parentFolderId,
  });
  const vanished = new Map([...before.items].filter(([id]) => !after.items.has(id)));
  for (const [id, now_] of after.items) {
    const old = before.items.get(id);
    if (old !== undefined) {
      if (old.parentFolderId !== now_.parentFolderId) {
        events.push({ ...base('MovedEvent', now_, id), oldId: id, oldParentFolderId: old.parentFolderId });
      } else if (old.changeKey !== now_.changeKey) {
        events.push(base('ModifiedEvent', now_, id));
      }
      continue;
    }
    // A new id is a move or a copy only when the request that made it said so (see ItemTransferLog);
    // the source must be one this subscription saw in this mailbox (a move across mailboxes is a
    // deletion there and a creation here).
    const transfer = transfers.get(id);
    const source = transfer === undefined ? undefined : before.items.get(transfer.oldId);
    if (transfer !== undefined && source !== undefined) {
      if (transfer.kind === 'moved' && vanished.delete(transfer.oldId)) {
        events.push({
          ...base('MovedEvent', now_, id),
          oldId: transfer.oldId,
          oldParentFolderId: source.parentFolderId,
        });
        continue;
      }
      if (transfer.kind === 'copied') {
        events.push({
          ...base('CopiedEvent', now_, id),
          oldId: transfer.oldId,
          oldParentFolderId: source.parentFolderId,
        });
        continue;
      }
    }
    events.push(base('CreatedEvent', now_, id));
    // New mail: a message that arrives in the Inbox (not a draft saved there).
    if (
      now_.parentFolderId === inbox &&
      now_.object.message !== undefined &&
      now_.object.message.isDraft !== true
    ) {
      events.push(base('NewMailEvent', now_, id));
    }
  }
  for (const [id, seen] of vanished) events.push({ ...base('DeletedEvent', seen, id), changeKey: undefined });
  return events;
}

function folderEvents(before: MailboxSnapshot, after: MailboxSnapshot, now: Date): NewEvent[] {
  const events: NewEvent[] = [];
  const base = (
    type: NotificationEventType,
    id: string,
    seen: { changeKey: string; parentFolderId: string },
  ) => ({
    type,
    timeStamp: now,
    target: 'folder' as const,
    id,
    changeKey: seen.changeKey,
    parentFolderId: seen.parentFolderId,
  });
  for (const [id, seen] of after.folders) {
    const old = before.folders.get(id);
    if (old === undefined) events.push(base('CreatedEvent', id, seen));
    else if (old.parentFolderId !== seen.parentFolderId) {
      events.push({ ...base('MovedEvent', id, seen), oldId: id, oldParentFolderId: old.parentFolderId });
    } else if (old.changeKey !== seen.changeKey) events.push(base('ModifiedEvent', id, seen));
  }
  for (const [id, seen] of before.folders) {
    if (!after.folders.has(id)) events.push({ ...base('DeletedEvent', id, seen), changeKey: undefined });
  }
  return events;
}

/** Whether a subscription reports an event (its event types and, unless all folders, its folders). */
export function concerns(
  subscription: Pick<Subscription, 'eventTypes' | 'folderIds'>,
  event: NewEvent,
): boolean {
  if (!subscription.eventTypes.has(event.type)) return false;
  const watched = subscription.folderIds;
  if (watched.size === 0) return true;
  return (
    watched.has(event.parentFolderId) ||
    (event.oldParentFolderId !== undefined && watched.has(event.oldParentFolderId))
  );
}

/**
 * Compares every subscription's mailbox with what it saw last and journals the differences, then
 * tells listeners (open streams, push channels). Run after each request, so events appear as
 * requests change mailboxes. Moves and copies come from
 * what the operations recorded in `state.transfers`, which this consumes.
 */
export function collectSubscriptionEvents(state: ExchangeState): void {
  const now = state.now();
  const table = state.subscriptions;
  const transfers = new Map(state.transfers.take().map((t) => [t.newId, t]));
  table.expire(now);
  const snapshots = new Map<number, MailboxSnapshot>();
  for (const subscription of table.all()) {
    const store = state.allStores()[subscription.mailboxIndex];
    if (store === undefined) continue;
    let after = snapshots.get(store.index);
    if (after === undefined) {
      after = snapshotMailbox(store);
      snapshots.set(store.index, after);
    }
    const events = [
      ...itemEvents(subscription.seen, after, store, now, transfers),
      ...folderEvents(subscription.seen, after, now),
    ].filter((event) => concerns(subscription, event));
    subscription.seen = after;
    for (const event of events) table.append(subscription, event);
    if (events.length > 0) table.notify(subscription);
  }
}
