import { renderFolder } from '../render/render-folder.js';
import type { Shape } from '../render/shape.js';
import type { FolderKind, StoredFolder } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import type { XmlElement } from '../xml/xml-tree.js';
import { el, type XmlFragment } from '../xml/xml-writer.js';
import { type OperationContext, ResponseError } from './operation-context.js';
import { folderIdElements, type ResolvedFolder, resolveFolder } from './resolve-folder.js';

const ID_ONLY: Shape = { base: 'IdOnly', additional: new Set() };

/**
 * The request element of each folder type, with the folder class Exchange gives it when the request
 * names none: a generic t:Folder keeps none (Exchange does not invent IPF.Note); the typed folders
 * carry their type's class ("Folders and items in EWS in Exchange", table 1).
 */
export const FOLDER_TYPES: Readonly<Record<string, { kind: FolderKind; folderClass: string | undefined }>> = {
  Folder: { kind: 'Folder', folderClass: undefined },
  CalendarFolder: { kind: 'CalendarFolder', folderClass: 'IPF.Appointment' },
  ContactsFolder: { kind: 'ContactsFolder', folderClass: 'IPF.Contact' },
  TasksFolder: { kind: 'TasksFolder', folderClass: 'IPF.Task' },
  SearchFolder: { kind: 'SearchFolder', folderClass: undefined },
};

/** `<m:Folders><t:Folder><t:FolderId …/></t:Folder></m:Folders>` as Create/Update/Move/CopyFolder answer. */
export function folderIdsResult(folder: StoredFolder | undefined): XmlFragment {
  return el(
    'm:Folders',
    null,
    folder === undefined
      ? undefined
      : renderFolder(folder, ID_ONLY, { total: 0, childFolders: 0, unread: 0 }),
  );
}

/** The folder named by a container's single FolderId/DistinguishedFolderId (ParentFolderId, ToFolderId). */
export function resolveTargetFolder(
  ctx: OperationContext,
  container: XmlElement | undefined,
  missingCode: string,
): ResolvedFolder {
  const idEl = folderIdElements(container)[0];
  if (idEl === undefined) throw new ResponseError(missingCode, 'The target folder is missing.');
  try {
    return resolveFolder(ctx, idEl);
  } catch (error) {
    if (error instanceof ResponseError && error.responseCode === 'ErrorFolderNotFound') {
      throw new ResponseError(missingCode, 'The target folder could not be found.');
    }
    throw error;
  }
}

/** ErrorFolderExists when `parentId` already has a child called `name` (Exchange compares case-insensitively). */
export function requireUniqueName(
  store: MailboxStore,
  parentId: string,
  name: string,
  except?: string,
): void {
  const wanted = name.toLowerCase();
  if (store.childFolders(parentId).some((f) => f.id !== except && f.displayName.toLowerCase() === wanted)) {
    throw new ResponseError('ErrorFolderExists', 'A folder with the specified name already exists.');
  }
}

/**
 * Distinguished folders, and the system folders Exchange protects the same way (Common Views,
 * Audits, …), cannot be deleted, moved or renamed away; `code` is the operation's error.
 */
export function requireNotDistinguished(folder: StoredFolder, code: string): void {
  if (folder.distinguishedId !== undefined || folder.system === true) {
    throw new ResponseError(code, 'Distinguished folders cannot be changed this way.');
  }
}
