import { EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { targetFolderIdXml } from '../internal/ids.js';
import type { Outcome } from '../outcome.js';
import type { MailboxFolderRef } from '../refs.js';
import { type FolderIdRef, readFolderIds } from './folder-id-results.js';

/** What a new folder holds; it picks the folder element and its default FolderClass. */
export type FolderKind = 'mail' | 'calendar' | 'contacts' | 'tasks';

/** Element and FolderClass per kind, as exchangelib's Messages/Calendar/Contacts/Tasks classes write them. */
export const FOLDER_KINDS: Readonly<
  Record<FolderKind, { readonly element: string; readonly folderClass: string }>
> = {
  mail: { element: 'Folder', folderClass: 'IPF.Note' },
  calendar: { element: 'CalendarFolder', folderClass: 'IPF.Appointment' },
  contacts: { element: 'ContactsFolder', folderClass: 'IPF.Contact' },
  tasks: { element: 'TasksFolder', folderClass: 'IPF.Task' },
};

export interface NewFolder {
  readonly displayName: string;
  /** Default `mail`. */
  readonly kind?: FolderKind | undefined;
  /** Overrides the kind's class, e.g. `IPF.Note.Custom`. */
  readonly folderClass?: string | undefined;
}

export interface CreateFolderParams {
  /** The parent, naming its mailbox (see `MailboxFolderRef`). */
  readonly parent: MailboxFolderRef;
  readonly folders: readonly NewFolder[];
}

export function buildCreateFolder(params: CreateFolderParams): XmlFragment {
  if (params.folders.length === 0)
    throw new EwsInvalidArgumentError('CreateFolder needs at least one folder');
  const folders = params.folders.map((folder) => {
    if (typeof folder.displayName !== 'string' || folder.displayName.trim() === '')
      throw new EwsInvalidArgumentError('A new folder needs a non-empty displayName');
    const kind = FOLDER_KINDS[folder.kind ?? 'mail'];
    if (kind === undefined) throw new EwsInvalidArgumentError(`Unknown folder kind ${String(folder.kind)}`);
    // BaseFolderType order: FolderClass before DisplayName.
    return el(`t:${kind.element}`, {}, [
      el('t:FolderClass', {}, folder.folderClass ?? kind.folderClass),
      el('t:DisplayName', {}, folder.displayName),
    ]);
  });
  return el('m:CreateFolder', {}, [
    el('m:ParentFolderId', {}, targetFolderIdXml(params.parent, 'CreateFolder')),
    el('m:Folders', {}, folders),
  ]);
}

/**
 * One outcome per new folder in request order (`sent`: how many folders the request named): its
 * id, or e.g. ErrorFolderExists for a taken name.
 */
export function readCreateFolder(response: EwsResponse, sent: number): readonly Outcome<FolderIdRef>[] {
  return readFolderIds(response, 'CreateFolder', sent);
}
