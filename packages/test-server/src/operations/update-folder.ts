import { messageFor, operationResponse } from '../soap/response-messages.js';
import type { StoredFolder } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { child, childText, type XmlElement } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import { extendedChange } from './extended-change.js';
import { folderIdsResult, requireNotDistinguished, requireUniqueName } from './folder-ops-shared.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { folderIdElements, resolveFolder } from './resolve-folder.js';

// The folder properties UpdateFolder may set here, by FieldURI.
const SETTERS: Readonly<Record<string, (store: MailboxStore, folder: StoredFolder, value: string) => void>> =
  {
    'folder:DisplayName': (store, folder, value) => {
      if (value === '') throw new ResponseError('ErrorInvalidPropertySet', 'DisplayName cannot be empty.');
      requireNotDistinguished(folder, 'ErrorInvalidPropertySet');
      if (folder.parentId !== undefined) requireUniqueName(store, folder.parentId, value, folder.id);
      folder.displayName = value;
    },
  };

function applyUpdate(store: MailboxStore, folder: StoredFolder, update: XmlElement): void {
  const extendedPath = child(update, 'ExtendedFieldURI');
  if (extendedPath !== undefined) {
    extendedChange(update, extendedPath).apply(folder);
    return;
  }
  const uri = child(update, 'FieldURI')?.attrs.FieldURI ?? '';
  const setter = SETTERS[uri];
  if (setter === undefined || update.name !== 'SetFolderField') {
    throw new ResponseError('ErrorInvalidPropertySet', `${update.name} of ${uri} is not supported.`);
  }
  const holder = update.children.find((c) => c.name !== 'FieldURI');
  const property = uri.slice('folder:'.length);
  const value = childText(holder, property);
  if (value === undefined) {
    throw new ResponseError('ErrorIncorrectUpdatePropertyCount', `The update must hold ${property}.`);
  }
  setter(store, folder, value);
}

/** UpdateFolder: SetFolderField of the display name; a new change key per changed folder. */
export const updateFolder: OperationHandler = (ctx, request) => {
  const changes = child(request, 'FolderChanges')?.children ?? [];
  const messages = changes.map((change) =>
    messageFor(
      'UpdateFolderResponseMessage',
      () => {
        const idEl = folderIdElements(change)[0];
        if (idEl === undefined) throw new ResponseError('ErrorFolderNotFound', 'The folder id is missing.');
        const { store, folder } = resolveFolder(ctx, idEl);
        for (const update of child(change, 'Updates')?.children ?? []) applyUpdate(store, folder, update);
        store.touchFolder(folder);
        return folderIdsResult(folder);
      },
      () => el('m:Folders', null),
    ),
  );
  return operationResponse('UpdateFolder', messages);
};
