import { messageFor, operationResponse } from '../soap/response-messages.js';
import type { StoredItem } from '../store/item-model.js';
import { replacer, reviver } from '../store/state-file.js';
import { child, childText } from '../xml/xml-tree.js';
import { el, textEl } from '../xml/xml-writer.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { resolveFolder } from './resolve-folder.js';
import { itemIdElements, resolveItem } from './resolve-item.js';

// Exchange exports an opaque fast-transfer stream; ours is equally opaque: a tagged JSON of the item.
const EXPORT_TAG = 'ews-test-server-item/1:';

function exportData(item: StoredItem): string {
  return Buffer.from(EXPORT_TAG + JSON.stringify(item, replacer)).toString('base64');
}

function importData(data: string): StoredItem {
  const text = Buffer.from(data, 'base64').toString('utf8');
  if (!text.startsWith(EXPORT_TAG)) {
    throw new ResponseError('ErrorInvalidRequest', 'The data is not an item exported by this server.');
  }
  try {
    return JSON.parse(text.slice(EXPORT_TAG.length), reviver) as StoredItem;
  } catch {
    throw new ResponseError('ErrorInvalidRequest', 'The exported item data is corrupt.');
  }
}

/** ExportItems: one opaque Data blob per item (UploadItems takes it back). */
export const exportItems: OperationHandler = (ctx, request) => {
  const messages = itemIdElements(child(request, 'ItemIds')).map((idEl) =>
    messageFor('ExportItemsResponseMessage', () => {
      const { view } = resolveItem(ctx, idEl);
      const item = view.item;
      return [el('m:ItemId', { Id: item.id, ChangeKey: item.changeKey }), textEl('m:Data', exportData(item))];
    }),
  );
  return operationResponse('ExportItems', messages);
};

/** UploadItems: CreateNew makes a new item; Update/UpdateOrCreate replace the item named by ItemId. */
export const uploadItems: OperationHandler = (ctx, request) => {
  const messages = (child(request, 'Items')?.children ?? []).map((uploadEl) =>
    messageFor('UploadItemsResponseMessage', () => {
      const parentEl = child(uploadEl, 'ParentFolderId');
      if (parentEl === undefined)
        throw new ResponseError('ErrorFolderNotFound', 'ParentFolderId is missing.');
      const { store, folder } = resolveFolder(ctx, { ...parentEl, name: 'FolderId' });
      const imported = importData(childText(uploadEl, 'Data') ?? '');
      const action = uploadEl.attrs.CreateAction;
      const existingId = child(uploadEl, 'ItemId')?.attrs.Id;
      const existing = existingId === undefined ? undefined : store.items.get(existingId);
      if (action === 'Update' && existing === undefined) {
        throw new ResponseError('ErrorItemNotFound', 'The item to update was not found.');
      }
      const id = action !== 'CreateNew' && existing !== undefined ? existing.id : store.newItemId();
      const placed = store.addItem({
        ...imported,
        id,
        changeKey: store.newChangeKey(),
        parentFolderId: folder.id,
        lastModifiedTime: ctx.now,
        attachments: store.copyAttachments(imported.attachments),
      });
      return el('m:ItemId', { Id: placed.id, ChangeKey: placed.changeKey });
    }),
  );
  return operationResponse('UploadItems', messages);
};
