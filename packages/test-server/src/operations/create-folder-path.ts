import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child, childText } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import { FOLDER_TYPES, folderIdsResult, resolveTargetFolder } from './folder-ops-shared.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import type { ResolvedFolder } from './resolve-folder.js';

/**
 * CreateFolderPath (Exchange 2013+, MS-OXWSARCH): the folders of RelativeFolderPath, each below the
 * one before it, starting at ParentFolderId — one CreateFolderPathResponseMessage per folder, in
 * order. A folder that already exists there (names compare case-insensitively) is used as it is and
 * answered with its id; only the missing ones are created. Once one level fails, the levels below it
 * have no parent: each answers ErrorParentFolderNotFound.
 */
export const createFolderPath: OperationHandler = (ctx, request) => {
  let parent: ResolvedFolder | undefined;
  let failed = false;
  const messages = (child(request, 'RelativeFolderPath')?.children ?? []).map((folderEl) =>
    messageFor(
      'CreateFolderPathResponseMessage',
      () => {
        if (failed)
          throw new ResponseError('ErrorParentFolderNotFound', 'The parent folder could not be created.');
        try {
          parent ??= resolveTargetFolder(ctx, child(request, 'ParentFolderId'), 'ErrorParentFolderNotFound');
          const { store } = parent;
          const type = FOLDER_TYPES[folderEl.name];
          if (type === undefined || folderEl.name === 'SearchFolder') {
            throw new ResponseError(
              'ErrorInvalidFolderTypeForOperation',
              `${folderEl.name} cannot be created.`,
            );
          }
          const displayName = childText(folderEl, 'DisplayName') ?? '';
          if (displayName === '')
            throw new ResponseError('ErrorInvalidPropertySet', 'A folder needs a DisplayName.');
          const wanted = displayName.toLowerCase();
          const at = parent.folder;
          const folder =
            store.childFolders(at.id).find((f) => f.displayName.toLowerCase() === wanted) ??
            store.addFolder({
              parentId: at.id,
              kind: type.kind,
              folderClass: childText(folderEl, 'FolderClass') ?? type.folderClass,
              displayName,
            });
          parent = { store, folder };
          return folderIdsResult(folder);
        } catch (error) {
          failed = true;
          throw error;
        }
      },
      () => el('m:Folders', null),
    ),
  );
  return operationResponse('CreateFolderPath', messages);
};
