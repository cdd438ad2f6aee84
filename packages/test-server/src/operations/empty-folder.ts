import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child } from '../xml/xml-tree.js';
import { deleteStoredFolder, deleteStoredItem, requireDeleteType } from './delete-semantics.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { folderIdElements, resolveFolder } from './resolve-folder.js';

/** EmptyFolder: deletes the folder's items and, with DeleteSubFolders, its non-distinguished subfolders. */
export const emptyFolder: OperationHandler = (ctx, request) => {
  const deleteSubFolders =
    request.attrs.DeleteSubFolders === 'true' || request.attrs.DeleteSubFolders === '1';
  const messages = folderIdElements(child(request, 'FolderIds')).map((idEl) =>
    messageFor('EmptyFolderResponseMessage', () => {
      const deleteType = requireDeleteType(request);
      const { store, folder } = resolveFolder(ctx, idEl);
      // Exchange refuses to empty the search folder root and the tree root.
      if (folder.distinguishedId === 'root' || folder.kind === 'SearchFolder') {
        throw new ResponseError('ErrorCannotEmptyFolder', 'This folder cannot be emptied.');
      }
      for (const item of store.itemsIn(folder.id)) deleteStoredItem(ctx, store, item, deleteType);
      if (deleteSubFolders) {
        for (const sub of store.childFolders(folder.id)) {
          if (sub.distinguishedId === undefined && sub.system !== true)
            deleteStoredFolder(store, sub, deleteType);
        }
      }
      return undefined;
    }),
  );
  return operationResponse('EmptyFolder', messages);
};
