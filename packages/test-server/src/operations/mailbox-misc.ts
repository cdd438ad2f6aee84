import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { itemIdElements, resolveItem } from './resolve-item.js';

/** MarkAsJunk: with MoveItem, junk goes to Junk Email and "not junk" back to the Inbox, under a new id. */
export const markAsJunk: OperationHandler = (ctx, request) => {
  const isJunk = request.attrs.IsJunk === 'true' || request.attrs.IsJunk === '1';
  const move = request.attrs.MoveItem === 'true' || request.attrs.MoveItem === '1';
  const messages = itemIdElements(child(request, 'ItemIds')).map((idEl) =>
    messageFor('MarkAsJunkResponseMessage', () => {
      const { store, view } = resolveItem(ctx, idEl);
      if (view.item.message === undefined || view.occurrence !== undefined) {
        throw new ResponseError('ErrorInvalidRequest', 'Only messages can be marked as junk.');
      }
      if (!move) return undefined;
      const target = store.requireDistinguished(isJunk ? 'junkemail' : 'inbox');
      const moved = store.addItem({
        ...view.item,
        id: store.newItemId(),
        changeKey: store.newChangeKey(),
        parentFolderId: target.id,
        lastModifiedTime: ctx.now,
      });
      store.items.delete(view.item.id);
      ctx.state.transfers.record({
        kind: 'moved',
        oldId: view.item.id,
        newId: moved.id,
        oldParentFolderId: view.item.parentFolderId,
        newParentFolderId: target.id,
      });
      return el('m:MovedItemId', { Id: moved.id, ChangeKey: moved.changeKey });
    }),
  );
  return operationResponse('MarkAsJunk', messages);
};
