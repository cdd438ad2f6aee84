import { renderFolder } from '../render/render-folder.js';
import { parseShape } from '../render/shape.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import { folderCounts } from './folder-counts.js';
import { compileFolderRestriction } from './folder-restriction.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { indexedPage, pagingAttrs } from './paging.js';
import { folderIdElements, resolveFolder } from './resolve-folder.js';

/** FindFolder with Shallow or Deep traversal, an optional Restriction and IndexedPageFolderView. */
export const findFolder: OperationHandler = (ctx, request) => {
  const shape = parseShape(child(request, 'FolderShape'));
  const traversal = request.attrs.Traversal ?? 'Shallow';
  const view = child(request, 'IndexedPageFolderView');
  const restrictionEl = child(request, 'Restriction')?.children[0];
  const messages = folderIdElements(child(request, 'ParentFolderIds')).map((idEl) =>
    messageFor('FindFolderResponseMessage', () => {
      if (traversal !== 'Shallow' && traversal !== 'Deep') {
        throw new ResponseError(
          'ErrorInvalidRequest',
          `Traversal ${traversal} is not supported for folders.`,
        );
      }
      const matches = restrictionEl === undefined ? () => true : compileFolderRestriction(restrictionEl);
      const { store, folder } = resolveFolder(ctx, idEl);
      // Microsoft's FindFolder page: "Deep traversal queries are not allowed on public folders."
      if (traversal === 'Deep' && store === ctx.state.publicFolders) {
        throw new ResponseError(
          'ErrorInvalidOperation',
          'Deep traversal queries are not allowed on public folders.',
        );
      }
      const below = traversal === 'Deep' ? store.descendantFolders(folder.id) : store.childFolders(folder.id);
      const found = below
        .map((f) => ({ folder: f, counts: folderCounts(store, f) }))
        .filter((subject) => matches(subject));
      const page = indexedPage(found, view);
      return el(
        'm:RootFolder',
        pagingAttrs(page),
        el(
          't:Folders',
          null,
          page.items.map((f) => renderFolder(f.folder, shape, f.counts)),
        ),
      );
    }),
  );
  return operationResponse('FindFolder', messages);
};
