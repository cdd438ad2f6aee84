import type { ExchangeState } from './exchange-state.js';
import type { StoredItem } from './item-model.js';
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

// Moves and copies give the item a new id (ids name their folder); the content stays the same.
function fingerprint(item: StoredItem): string {
  const { id: _id, changeKey: _ck, parentFolderId: _p, lastModifiedTime: _m, ...content } = item;
  return JSON.stringify(content);
}

function itemEvents(
  before: MailboxSnapshot,
  after: MailboxSnapshot,
  store: MailboxStore,
  now: Date,
  copying: boolean,
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
  const vanishedPrints = new Map([...vanished].map(([id, seen]) => [fingerprint(seen.object), id]));
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
    const print = fingerprint(now_.object);
    const movedFrom = vanishedPrints.get(print);
    const movedSeen = movedFrom === undefined ? undefined : vanished.get(movedFrom);
    if (movedFrom !== undefined && movedSeen !== undefined) {
      vanished.delete(movedFrom);
      vanishedPrints.delete(print);
      events.push({
        ...base('MovedEvent', now_, id),
        oldId: movedFrom,
        oldParentFolderId: movedSeen.parentFolderId,
      });
      continue;
    }
    // Identical content is a copy only when the request copied (two equal drafts are two creations).
    const copiedFrom = !copying
      ? undefined
      : [...before.items].find(
          ([otherId, seen]) =>
            after.items.has(otherId) &&
            seen.object.subject === now_.object.subject &&
            fingerprint(seen.object) === print,
        );
    if (copiedFrom !== undefined) {
      events.push({
        ...base('CopiedEvent', now_, id),
        oldId: copiedFrom[0],
        oldParentFolderId: copiedFrom[1].parentFolderId,
      });
      continue;
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

function concerns(subscription: Subscription, event: NewEvent): boolean {
  if (!subscription.eventTypes.has(event.type)) return false;
  const watched = subscription.folderIds;
  if (watched.size === 0) return true;
  return (
    watched.has(event.parentFolderId) ||
    (event.oldParentFolderId !== undefined && watched.has(event.oldParentFolderId))
  );
}

const COPY_OPERATIONS = new Set(['CopyItem', 'CopyFolder']);

/**
 * Compares every subscription's mailbox with what it saw last and journals the differences, then
 * tells listeners (open streams). Run after each request (`operation` names it), so events appear as
 * requests change mailboxes.
 */
export function collectSubscriptionEvents(state: ExchangeState, operation?: string): void {
  const now = state.now();
  const table = state.subscriptions;
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
      ...itemEvents(subscription.seen, after, store, now, COPY_OPERATIONS.has(operation ?? '')),
      ...folderEvents(subscription.seen, after, now),
    ].filter((event) => concerns(subscription, event));
    subscription.seen = after;
    for (const event of events) table.append(subscription, event);
    if (events.length > 0) table.notify(subscription);
  }
}
