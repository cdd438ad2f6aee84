import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child } from '../xml/xml-tree.js';
import { resolveTargetFolder } from './folder-ops-shared.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { actorStore } from './resolve-folder.js';
import { itemIdElements, resolveItem } from './resolve-item.js';
import { sendStoredMessage } from './send-stored-message.js';

/**
 * SendItem: sends saved messages (drafts), then files them in SavedItemFolderId, else in the actor's
 * Sent Items (a delegate sending the owner's draft keeps the copy in their own Sent Items unless
 * SavedItemFolderId names the owner's), or drops them with SaveItemToFolder="false".
 */
export const sendItem: OperationHandler = (ctx, request) => {
  const save = request.attrs.SaveItemToFolder !== 'false' && request.attrs.SaveItemToFolder !== '0';
  const messages = itemIdElements(child(request, 'ItemIds')).map((idEl) =>
    messageFor('SendItemResponseMessage', () => {
      const { store, view } = resolveItem(ctx, idEl);
      if (view.occurrence !== undefined) {
        throw new ResponseError('ErrorInvalidItemForOperationSendItem', 'Only messages can be sent.');
      }
      sendStoredMessage(ctx, store, view.item, () => {
        if (!save) return undefined;
        const savedFolder = child(request, 'SavedItemFolderId');
        if (savedFolder === undefined) {
          const home = actorStore(ctx);
          return { store: home, folder: home.requireDistinguished('sentitems') };
        }
        return resolveTargetFolder(ctx, savedFolder, 'ErrorSavedItemFolderNotFound');
      });
      return undefined;
    }),
  );
  return operationResponse('SendItem', messages);
};
