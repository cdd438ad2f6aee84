import { messageFor, operationResponse } from '../soap/response-messages.js';
import type { ExchangeState } from '../store/exchange-state.js';
import type { StoredItem } from '../store/item-model.js';
import { child } from '../xml/xml-tree.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { itemIdElements, resolveItem } from './resolve-item.js';

const DELETE_TYPES = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems'] as const;

/** Attendee copies of a cancelled meeting: marked cancelled and free, like a processed cancellation. */
function cancelAttendeeCopies(state: ExchangeState, organizerItem: StoredItem, originalStart?: Date): void {
  const uid = organizerItem.calendar?.uid;
  for (const store of state.allStores()) {
    for (const item of store.items.values()) {
      const data = item.calendar;
      if (item === organizerItem || data === undefined || data.uid !== uid) continue;
      if (originalStart !== undefined) data.deletedOccurrences.push(originalStart);
      else {
        data.isCancelled = true;
        data.freeBusy = 'Free';
        item.subject = `Canceled: ${item.subject}`;
      }
      store.touch(item, state.now());
    }
  }
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
