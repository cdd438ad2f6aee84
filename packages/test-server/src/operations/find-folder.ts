import { renderFolder } from '../render/render-folder.js';
import { parseShape } from '../render/shape.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import { folderCounts } from './folder-counts.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { indexedPage, pagingAttrs } from './paging.js';
import { folderIdElements, resolveFolder } from './resolve-folder.js';

/** FindFolder with Shallow or Deep traversal and optional IndexedPageFolderView. */
export const findFolder: OperationHandler = (ctx, request) => {
  const shape = parseShape(child(request, 'FolderShape'));
  const traversal = request.attrs.Traversal ?? 'Shallow';
  const view = child(request, 'IndexedPageFolderView');
  const messages = folderIdElements(child(request, 'ParentFolderIds')).map((idEl) =>
    messageFor('FindFolderResponseMessage', () => {
      if (traversal !== 'Shallow' && traversal !== 'Deep') {
        throw new ResponseError(
          'ErrorInvalidRequest',
          `Traversal ${traversal} is not supported for folders.`,
        );
      }
      const { store, folder } = resolveFolder(ctx, idEl);
      const found = traversal === 'Deep' ? store.descendantFolders(folder.id) : store.childFolders(folder.id);
      const page = indexedPage(found, view);
      return el(
        'm:RootFolder',
        pagingAttrs(page),
        el(
          't:Folders',
          null,
          page.items.map((f) => renderFolder(f, shape, folderCounts(store, f))),
        ),
      );
    }),
  );
  return operationResponse('FindFolder', messages);
};
