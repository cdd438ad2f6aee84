import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child } from '../xml/xml-tree.js';
import { requireNotDistinguished } from './folder-ops-shared.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { folderIdElements, resolveFolder } from './resolve-folder.js';

const DELETE_TYPES = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems'] as const;

/** DeleteFolder: hard/soft delete remove the folder tree; MoveToDeletedItems re-parents it. */
export const deleteFolder: OperationHandler = (ctx, request) => {
  const deleteType = DELETE_TYPES.find((t) => t === request.attrs.DeleteType);
  const messages = folderIdElements(child(request, 'FolderIds')).map((idEl) =>
    messageFor('DeleteFolderResponseMessage', () => {
      if (deleteType === undefined) throw new ResponseError('ErrorInvalidRequest', 'DeleteType is required.');
      const { store, folder } = resolveFolder(ctx, idEl);
      requireNotDistinguished(folder, 'ErrorDeleteDistinguishedFolder');
      if (deleteType === 'MoveToDeletedItems') {
        folder.parentId = store.requireDistinguished('deleteditems').id;
        store.touchFolder(folder);
      } else {
        store.removeFolderTree(folder.id);
      }
      return undefined;
    }),
  );
  return operationResponse('DeleteFolder', messages);
};
