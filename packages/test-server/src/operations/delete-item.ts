import { cancelMeeting } from '../calendar/cancel-meeting.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child } from '../xml/xml-tree.js';
import { deleteStoredItem, requireDeleteType } from './delete-semantics.js';
import type { OperationHandler } from './operation-context.js';
import { itemIdElements, resolveItem } from './resolve-item.js';

/** DeleteItem: items, single occurrences (added to DeletedOccurrences) and whole series. */
export const deleteItem: OperationHandler = (ctx, request) => {
  const cancellations = request.attrs.SendMeetingCancellations ?? 'SendToNone';
  const messages = itemIdElements(child(request, 'ItemIds')).map((idEl) =>
    messageFor('DeleteItemResponseMessage', () => {
      const deleteType = requireDeleteType(request);
      const { store, view } = resolveItem(ctx, idEl);
      const item = view.item;
      const isOrganizer = item.calendar?.myResponseType === 'Organizer';
      const notify = isOrganizer && cancellations !== 'SendToNone';
      const keepCopy = notify && cancellations === 'SendToAllAndSaveCopy';
      if (view.occurrence !== undefined || notify) {
        cancelMeeting(ctx.state, store, item, {
          ...(view.occurrence === undefined ? {} : { occurrence: view.occurrence.originalStart }),
          notify,
          ...(keepCopy ? { keepIn: { store, folder: store.requireDistinguished('sentitems') } } : {}),
          now: ctx.now,
        });
      }
      if (view.occurrence !== undefined) return undefined;
      deleteStoredItem(ctx, store, item, deleteType);
      return undefined;
    }),
  );
  return operationResponse('DeleteItem', messages);
};
