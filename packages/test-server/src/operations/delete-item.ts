import { cancelMeeting } from '../calendar/cancel-meeting.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child } from '../xml/xml-tree.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { itemIdElements, resolveItem } from './resolve-item.js';

const DELETE_TYPES = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems'] as const;

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
