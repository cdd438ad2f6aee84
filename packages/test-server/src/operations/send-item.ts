import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child } from '../xml/xml-tree.js';
import { deliver } from './deliver-message.js';
import { resolveTargetFolder } from './folder-ops-shared.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { itemIdElements, resolveItem } from './resolve-item.js';

/** SendItem: sends saved messages (drafts), then files them in Sent Items (or the given folder) or drops them. */
export const sendItem: OperationHandler = (ctx, request) => {
  const save = request.attrs.SaveItemToFolder !== 'false' && request.attrs.SaveItemToFolder !== '0';
  const messages = itemIdElements(child(request, 'ItemIds')).map((idEl) =>
    messageFor('SendItemResponseMessage', () => {
      const { store, view } = resolveItem(ctx, idEl);
      const item = view.item;
      const message = item.message;
      if (message === undefined || view.occurrence !== undefined) {
        throw new ResponseError('ErrorInvalidItemForOperationSendItem', 'Only messages can be sent.');
      }
      if (message.to.length + message.cc.length + (message.bcc?.length ?? 0) === 0) {
        throw new ResponseError('ErrorInvalidRecipients', 'At least one recipient is not valid.');
      }
      const savedFolder = child(request, 'SavedItemFolderId');
      const destination = save
        ? savedFolder === undefined
          ? { store, folder: store.requireDistinguished('sentitems') }
          : resolveTargetFolder(ctx, savedFolder, 'ErrorSavedItemFolderNotFound')
        : undefined;
      message.isDraft = false;
      message.isRead = true;
      message.from = message.from ?? {
        name: store.owner.name,
        address: store.owner.address,
        mailboxType: 'Mailbox',
      };
      item.dateTimeSent = ctx.now;
      deliver(ctx, {
        subject: item.subject,
        body: item.body,
        bodyType: item.bodyType,
        importance: item.importance,
        sensitivity: item.sensitivity,
        message,
        attachments: item.attachments,
      });
      if (destination === undefined || destination.store !== store) store.items.delete(item.id);
      if (destination === undefined) return undefined;
      if (destination.store === store) {
        item.parentFolderId = destination.folder.id;
        store.touch(item, ctx.now);
      } else {
        destination.store.addItem(
          structuredClone({
            ...item,
            id: destination.store.newItemId(),
            parentFolderId: destination.folder.id,
          }),
        );
      }
      return undefined;
    }),
  );
  return operationResponse('SendItem', messages);
};
