import { messageFor, operationResponse } from '../soap/response-messages.js';
import { readExtendedProperties } from '../store/extended-properties.js';
import { child, childText } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import {
  FOLDER_TYPES,
  folderIdsResult,
  requireUniqueName,
  resolveTargetFolder,
} from './folder-ops-shared.js';
import { type OperationHandler, ResponseError } from './operation-context.js';

/** CreateFolder: one response message per requested folder, all below ParentFolderId. */
export const createFolder: OperationHandler = (ctx, request) => {
  const messages = (child(request, 'Folders')?.children ?? []).map((folderEl) =>
    messageFor(
      'CreateFolderResponseMessage',
      () => {
        const { store, folder: parent } = resolveTargetFolder(
          ctx,
          child(request, 'ParentFolderId'),
          'ErrorParentFolderNotFound',
        );
        const type = FOLDER_TYPES[folderEl.name];
        if (type === undefined) {
          throw new ResponseError(
            'ErrorInvalidFolderTypeForOperation',
            `${folderEl.name} cannot be created.`,
          );
        }
        const displayName = childText(folderEl, 'DisplayName') ?? '';
        if (displayName === '') {
          throw new ResponseError('ErrorInvalidPropertySet', 'A folder needs a DisplayName.');
        }
        requireUniqueName(store, parent.id, displayName);
        const extendedProperties = readExtendedProperties(folderEl);
        const created = store.addFolder({
          parentId: parent.id,
          kind: type.kind,
          folderClass: childText(folderEl, 'FolderClass') ?? type.folderClass,
          displayName,
        });
        if (extendedProperties.length > 0) created.extendedProperties = extendedProperties;
        return folderIdsResult(created);
      },
      () => el('m:Folders', null),
    ),
  );
  return operationResponse('CreateFolder', messages);
};
