import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child } from '../xml/xml-tree.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { folderIdElements, resolveFolder } from './resolve-folder.js';

const DELETE_TYPES = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems'] as const;

/** EmptyFolder: deletes the folder's items and, with DeleteSubFolders, its non-distinguished subfolders. */
export const emptyFolder: OperationHandler = (ctx, request) => {
  const deleteType = DELETE_TYPES.find((t) => t === request.attrs.DeleteType);
  const deleteSubFolders =
    request.attrs.DeleteSubFolders === 'true' || request.attrs.DeleteSubFolders === '1';
  const messages = folderIdElements(child(request, 'FolderIds')).map((idEl) =>
    messageFor('EmptyFolderResponseMessage', () => {
      if (deleteType === undefined) throw new ResponseError('ErrorInvalidRequest', 'DeleteType is required.');
      const { store, folder } = resolveFolder(ctx, idEl);
      // Exchange refuses to empty the search folder root and the tree root.
      if (folder.distinguishedId === 'root' || folder.kind === 'SearchFolder') {
        throw new ResponseError('ErrorCannotEmptyFolder', 'This folder cannot be emptied.');
      }
      const deletedItems = store.requireDistinguished('deleteditems');
      for (const item of store.itemsIn(folder.id)) {
        if (deleteType === 'MoveToDeletedItems' && folder.id !== deletedItems.id) {
          item.parentFolderId = deletedItems.id;
          store.touch(item, ctx.now);
        } else {
          store.items.delete(item.id);
        }
      }
      if (deleteSubFolders) {
        for (const sub of store.childFolders(folder.id)) {
          if (sub.distinguishedId === undefined) store.removeFolderTree(sub.id);
        }
      }
      return undefined;
    }),
  );
  return operationResponse('EmptyFolder', messages);
};
