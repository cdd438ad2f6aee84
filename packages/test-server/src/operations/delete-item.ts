import { messageFor, operationResponse } from '../soap/response-messages.js';
import type { ExchangeState } from '../store/exchange-state.js';
import type { StoredItem } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { addNewItem } from '../store/new-item.js';
import { child } from '../xml/xml-tree.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { itemIdElements, resolveItem } from './resolve-item.js';

const DELETE_TYPES = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems'] as const;

/** Attendee copies of a cancelled meeting: marked cancelled and free, like a processed cancellation. */
export function cancelAttendeeCopies(
  state: ExchangeState,
  organizerItem: StoredItem,
  originalStart?: Date,
): void {
  const uid = organizerItem.calendar?.uid;
  const cancelled: { store: MailboxStore; entry: StoredItem }[] = [];
  for (const store of state.allStores()) {
    for (const item of store.items.values()) {
      const data = item.calendar;
      // Only calendar entries: meeting messages in inboxes keep what they said.
      if (item === organizerItem || item.kind !== 'CalendarItem' || data === undefined || data.uid !== uid)
        continue;
      if (originalStart !== undefined) data.deletedOccurrences.push(originalStart);
      else {
        data.isCancelled = true;
        data.freeBusy = 'Free';
        item.subject = `Canceled: ${item.subject}`;
        if (store.owner.kind !== 'room') cancelled.push({ store, entry: item });
      }
      store.touch(item, state.now());
    }
  }
  for (const { store, entry } of cancelled) deliverCancellation(store, entry, state.now());
}

/** A MeetingCancellation in the attendee's inbox, pointing at the cancelled calendar entry. */
function deliverCancellation(store: MailboxStore, entry: StoredItem, now: Date): void {
  const data = entry.calendar!;
  addNewItem(store, {
    kind: 'MeetingCancellation',
    folderId: store.requireDistinguished('inbox').id,
    subject: entry.subject,
    body: entry.body,
    importance: 'High',
    created: now,
    received: now,
    sent: now,
    associatedCalendarItemId: entry.id,
    message: {
      from: data.organizer,
      to: [...data.requiredAttendees, ...data.resources].map((a) => a.person),
      cc: data.optionalAttendees.map((a) => a.person),
      isRead: false,
      isDraft: false,
      internetMessageId: `<cancel.${data.uid}.${store.index}@test-server>`,
    },
    calendar: structuredClone(data),
  });
}

/** DeleteItem: items, single occurrences (added to DeletedOccurrences) and whole series. */
export const deleteItem: OperationHandler = (ctx, request) => {
  const deleteType = DELETE_TYPES.find((t) => t === request.attrs.DeleteType);
  const cancellations = request.attrs.SendMeetingCancellations ?? 'SendToNone';
  const messages = itemIdElements(child(request, 'ItemIds')).map((idEl) =>
    messageFor('DeleteItemResponseMessage', () => {
      if (deleteType === undefined) throw new ResponseError('ErrorInvalidRequest', 'DeleteType is required.');
      const { store, view } = resolveItem(ctx, idEl);
      const item = view.item;
      const isOrganizer = item.calendar?.myResponseType === 'Organizer';
      const notify = isOrganizer && cancellations !== 'SendToNone';
      if (view.occurrence !== undefined) {
        item.calendar!.deletedOccurrences.push(view.occurrence.originalStart);
        store.touch(item, ctx.now);
        if (notify) cancelAttendeeCopies(ctx.state, item, view.occurrence.originalStart);
        return undefined;
      }
      if (notify) cancelAttendeeCopies(ctx.state, item);
      if (deleteType === 'MoveToDeletedItems') {
        item.parentFolderId = store.requireDistinguished('deleteditems').id;
        store.touch(item, ctx.now);
      } else {
        store.items.delete(item.id);
      }
      return undefined;
    }),
  );
  return operationResponse('DeleteItem', messages);
};
