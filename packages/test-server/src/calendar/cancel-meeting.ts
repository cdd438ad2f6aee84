import type { ExchangeState } from '../store/exchange-state.js';
import type { StoredFolder, StoredItem } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { addNewItem } from '../store/new-item.js';

export interface CancelOptions {
  /** Cancel only this occurrence (its original start); otherwise the whole meeting. */
  readonly occurrence?: Date;
  /** Tell the attendees (SendOnlyToAll / SendToAllAndSaveCopy, SendOnly / SendAndSaveCopy). */
  readonly notify: boolean;
  /** The cancellation's text (CancelCalendarItem's NewBodyContent); default: the meeting's body. */
  readonly body?: string;
  /** Where the organizer keeps the sent cancellation (SaveCopy dispositions); none: not kept. */
  readonly keepIn?: { readonly store: MailboxStore; readonly folder: StoredFolder };
  /** Cancel only for the mailboxes with these addresses (attendees the organizer removed); default: all. */
  readonly only?: readonly string[];
  readonly now: Date;
}

/**
 * The organizer cancels a meeting or one occurrence (DeleteItem with SendMeetingCancellations, and
 * CancelCalendarItem): a cancelled occurrence joins DeletedOccurrences everywhere; a cancelled meeting
 * makes every attendee copy cancelled and free and, when attendees are told, puts a MeetingCancellation
 * in each person's inbox (rooms just free the slot) and optionally a sent copy in the organizer's
 * mailbox (returned: CancelCalendarItem answers with it). What happens to the organizer's own item
 * afterwards is the caller's business.
 */
export function cancelMeeting(
  state: ExchangeState,
  organizerStore: MailboxStore,
  item: StoredItem,
  options: CancelOptions,
): StoredItem | undefined {
  const data = item.calendar;
  if (data === undefined) return undefined;
  if (options.occurrence !== undefined) {
    data.deletedOccurrences.push(options.occurrence);
    organizerStore.touch(item, options.now);
  }
  if (!options.notify) return undefined;
  const cancelled: { store: MailboxStore; entry: StoredItem }[] = [];
  const only = options.only?.map((a) => a.toLowerCase());
  for (const store of state.allStores()) {
    if (only !== undefined && !only.includes(store.owner.address.toLowerCase())) continue;
    for (const entry of store.items.values()) {
      const copy = entry.calendar;
      // Only calendar entries: meeting messages in inboxes keep what they said.
      if (entry === item || entry.kind !== 'CalendarItem' || copy === undefined || copy.uid !== data.uid)
        continue;
      if (options.occurrence !== undefined) copy.deletedOccurrences.push(options.occurrence);
      else {
        copy.isCancelled = true;
        copy.freeBusy = 'Free';
        entry.subject = `Canceled: ${entry.subject}`;
        if (store.owner.kind !== 'room') cancelled.push({ store, entry });
      }
      store.touch(entry, options.now);
    }
  }
  if (options.occurrence !== undefined) return undefined;
  for (const { store, entry } of cancelled) {
    deliverCancellation(store, store.requireDistinguished('inbox'), entry, options, false);
  }
  return options.keepIn === undefined
    ? undefined
    : deliverCancellation(options.keepIn.store, options.keepIn.folder, item, options, true);
}

/**
 * A MeetingCancellation: unread in an attendee's inbox (pointing at their cancelled entry), or the
 * organizer's read, sent copy (pointing at the organizer's item).
 */
function deliverCancellation(
  store: MailboxStore,
  folder: StoredFolder,
  entry: StoredItem,
  options: CancelOptions,
  sentCopy: boolean,
): StoredItem {
  const data = structuredClone(entry.calendar!);
  data.isCancelled = true;
  const subject = entry.subject.startsWith('Canceled: ') ? entry.subject : `Canceled: ${entry.subject}`;
  return addNewItem(store, {
    kind: 'MeetingCancellation',
    folderId: folder.id,
    subject,
    body: options.body ?? entry.body,
    importance: 'High',
    created: options.now,
    ...(sentCopy ? {} : { received: options.now }),
    sent: options.now,
    associatedCalendarItemId: entry.id,
    message: {
      from: data.organizer,
      to: [...data.requiredAttendees, ...data.resources].map((a) => a.person),
      cc: data.optionalAttendees.map((a) => a.person),
      isRead: sentCopy,
      isDraft: false,
      internetMessageId: `<cancel.${data.uid}.${store.index}${sentCopy ? '.sent' : ''}@test-server>`,
    },
    calendar: data,
  });
}
