import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child } from '../xml/xml-tree.js';
import { deleteStoredFolder, requireDeleteType } from './delete-semantics.js';
import { requireNotDistinguished } from './folder-ops-shared.js';
import type { OperationHandler } from './operation-context.js';
import { folderIdElements, resolveFolder } from './resolve-folder.js';

/** DeleteFolder: to Deleted Items, to Recoverable Items\Deletions (soft) or gone (hard); see delete-semantics. */
export const deleteFolder: OperationHandler = (ctx, request) => {
  const messages = folderIdElements(child(request, 'FolderIds')).map((idEl) =>
    messageFor('DeleteFolderResponseMessage', () => {
      const deleteType = requireDeleteType(request);
      const { store, folder } = resolveFolder(ctx, idEl);
      requireNotDistinguished(folder, 'ErrorDeleteDistinguishedFolder');
      deleteStoredFolder(store, folder, deleteType);
      return undefined;
    }),
  );
  return operationResponse('DeleteFolder', messages);
};
