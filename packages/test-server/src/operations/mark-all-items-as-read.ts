import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child, childText } from '../xml/xml-tree.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { folderIdElements, resolveFolder } from './resolve-folder.js';

function requiredBoolean(text: string | undefined, name: string): boolean {
  const value = text?.trim();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ResponseError('ErrorInvalidRequest', `${name} is required.`);
}

/**
 * MarkAllItemsAsRead (Exchange 2013): every message of each folder gets ReadFlag, one response
 * message per folder in request order; items already in that state are left alone (their change
 * keys stay). Items without a read state (calendar items, contacts, tasks) are not touched.
 */
export const markAllItemsAsRead: OperationHandler = (ctx, request) => {
  const messages = folderIdElements(child(request, 'FolderIds')).map((idEl) =>
    messageFor('MarkAllItemsAsReadResponseMessage', () => {
      const isRead = requiredBoolean(childText(request, 'ReadFlag'), 'ReadFlag');
      requiredBoolean(childText(request, 'SuppressReadReceipts'), 'SuppressReadReceipts');
      const { store, folder } = resolveFolder(ctx, idEl);
      for (const item of store.itemsIn(folder.id)) {
        if (item.message === undefined || item.message.isRead === isRead) continue;
        item.message.isRead = isRead;
        store.touch(item, ctx.now);
      }
      return undefined;
    }),
  );
  return operationResponse('MarkAllItemsAsRead', messages);
};
