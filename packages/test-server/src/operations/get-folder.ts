import { renderFolder } from '../render/render-folder.js';
import { parseShape } from '../render/shape.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import { folderCounts } from './folder-counts.js';
import type { OperationHandler } from './operation-context.js';
import { folderIdElements, resolveFolder } from './resolve-folder.js';

/** GetFolder: one response message per requested id, in request order. */
export const getFolder: OperationHandler = (ctx, request) => {
  const shape = parseShape(child(request, 'FolderShape'));
  const messages = folderIdElements(child(request, 'FolderIds')).map((idEl) =>
    messageFor(
      'GetFolderResponseMessage',
      () => {
        const { store, folder } = resolveFolder(ctx, idEl);
        return el('m:Folders', null, renderFolder(folder, shape, folderCounts(store, folder)));
      },
      () => el('m:Folders', null),
    ),
  );
  return operationResponse('GetFolder', messages);
};
