import { messageFor, operationResponse } from '../soap/response-messages.js';
import type { StoredFolder } from '../store/item-model.js';
import type { ItemTransferLog } from '../store/item-transfers.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { child } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import {
  folderIdsResult,
  requireNotDistinguished,
  requireUniqueName,
  resolveTargetFolder,
} from './folder-ops-shared.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { folderIdElements, resolveFolder } from './resolve-folder.js';

/** Copies a folder (with items and subfolders) below `parentId` in the same store. */
function copyTree(
  store: MailboxStore,
  folder: StoredFolder,
  parentId: string,
  transfers: ItemTransferLog,
): StoredFolder {
  const copy = store.addFolder({
    parentId,
    kind: folder.kind,
    folderClass: folder.folderClass,
    displayName: folder.displayName,
  });
  for (const item of store.itemsIn(folder.id)) {
    const placed = store.addItem(
      structuredClone({ ...item, id: store.newItemId(), parentFolderId: copy.id }),
    );
    transfers.record({
      kind: 'copied',
      oldId: item.id,
      newId: placed.id,
      oldParentFolderId: item.parentFolderId,
      newParentFolderId: copy.id,
    });
  }
  for (const sub of store.childFolders(folder.id)) copyTree(store, sub, copy.id, transfers);
  return copy;
}

function moveOrCopyFolder(operation: 'MoveFolder' | 'CopyFolder'): OperationHandler {
  return (ctx, request) => {
    const messages = folderIdElements(child(request, 'FolderIds')).map((idEl) =>
      messageFor(
        `${operation}ResponseMessage`,
        () => {
          const target = resolveTargetFolder(ctx, child(request, 'ToFolderId'), 'ErrorToFolderNotFound');
          const { store, folder } = resolveFolder(ctx, idEl);
          if (target.store !== store) {
            throw new ResponseError(
              'ErrorCrossMailboxMoveCopy',
              'Folders cannot be moved between mailboxes.',
            );
          }
          const below = [folder.id, ...store.descendantFolders(folder.id).map((f) => f.id)];
          if (below.includes(target.folder.id)) {
            throw new ResponseError('ErrorMoveCopyFailed', 'A folder cannot be placed inside itself.');
          }
          requireUniqueName(store, target.folder.id, folder.displayName);
          if (operation === 'CopyFolder') {
            return folderIdsResult(copyTree(store, folder, target.folder.id, ctx.state.transfers));
          }
          requireNotDistinguished(folder, 'ErrorMoveDistinguishedFolder');
          folder.parentId = target.folder.id;
          store.touchFolder(folder);
          return folderIdsResult(folder);
        },
        () => el('m:Folders', null),
      ),
    );
    return operationResponse(operation, messages);
  };
}

/** MoveFolder keeps the folder id (Exchange folder ids survive moves); the change key changes. */
export const moveFolder = moveOrCopyFolder('MoveFolder');
export const copyFolder = moveOrCopyFolder('CopyFolder');
