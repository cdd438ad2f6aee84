import { ITEM_ELEMENT } from '../render/item-view.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import { resolveTargetFolder } from './folder-ops-shared.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { itemIdElements, resolveItem } from './resolve-item.js';

function moveOrCopyItem(operation: 'MoveItem' | 'CopyItem'): OperationHandler {
  return (ctx, request) => {
    // Exchange 2010 SP1+ returns the new ids unless told not to.
    const returnIds = child(request, 'ReturnNewItemIds')?.text.trim() !== 'false';
    const messages = itemIdElements(child(request, 'ItemIds')).map((idEl) =>
      messageFor(
        `${operation}ResponseMessage`,
        () => {
          const target = resolveTargetFolder(ctx, child(request, 'ToFolderId'), 'ErrorToFolderNotFound');
          const { store, view } = resolveItem(ctx, idEl);
          if (view.occurrence !== undefined) {
            throw new ResponseError(
              'ErrorCalendarCannotMoveOrCopyOccurrence',
              'Occurrences of a series cannot be moved or copied.',
            );
          }
          const source = view.item;
          // Item ids name their folder in Exchange, so both a move and a copy yield a new id.
          const placed = target.store.addItem(
            structuredClone({
              ...source,
              id: target.store.newItemId(),
              changeKey: target.store.newChangeKey(),
              parentFolderId: target.folder.id,
              lastModifiedTime: ctx.now,
            }),
          );
          if (operation === 'MoveItem') store.items.delete(source.id);
          // Notifications report this pair as a MovedEvent/CopiedEvent (only within one mailbox).
          if (target.store === store) {
            ctx.state.transfers.record({
              kind: operation === 'MoveItem' ? 'moved' : 'copied',
              oldId: source.id,
              newId: placed.id,
              oldParentFolderId: source.parentFolderId,
              newParentFolderId: placed.parentFolderId,
            });
          }
          return el(
            'm:Items',
            null,
            returnIds
              ? el(
                  ITEM_ELEMENT[placed.kind],
                  null,
                  el('t:ItemId', { Id: placed.id, ChangeKey: placed.changeKey }),
                )
              : undefined,
          );
        },
        () => el('m:Items', null),
      ),
    );
    return operationResponse(operation, messages);
  };
}

export const moveItem = moveOrCopyItem('MoveItem');
export const copyItem = moveOrCopyItem('CopyItem');
