import { EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { targetFolderIdXml } from '../internal/ids.js';
import type { Outcome } from '../outcome.js';
import type { MailboxFolderRef } from '../refs.js';
import { FOLDER_KINDS, type NewFolder } from './create-folder.js';
import { type FolderIdRef, readFolderIds } from './folder-id-results.js';

export interface CreateFolderPathParams {
  /** Where the path starts, naming its mailbox (see `MailboxFolderRef`). */
  readonly parent: MailboxFolderRef;
  /** The folders of the path, outermost first: each is created below the one before it. */
  readonly folders: readonly NewFolder[];
}

/** CreateFolderPath (Exchange 2013+): a whole folder path below `parent` in one request. */
export function buildCreateFolderPath(params: CreateFolderPathParams): XmlFragment {
  if (params.folders.length === 0)
    throw new EwsInvalidArgumentError('CreateFolderPath needs at least one folder');
  const folders = params.folders.map((folder) => {
    if (typeof folder.displayName !== 'string' || folder.displayName.trim() === '')
      throw new EwsInvalidArgumentError('A folder of a path needs a non-empty displayName');
    const kind = Object.hasOwn(FOLDER_KINDS, folder.kind ?? 'mail')
      ? FOLDER_KINDS[folder.kind ?? 'mail']
      : undefined;
    if (kind === undefined) throw new EwsInvalidArgumentError(`Unknown folder kind ${String(folder.kind)}`);
    // BaseFolderType order: FolderClass before DisplayName.
    return el(`t:${kind.element}`, {}, [
      el('t:FolderClass', {}, folder.folderClass ?? kind.folderClass),
      el('t:DisplayName', {}, folder.displayName),
    ]);
  });
  return el('m:CreateFolderPath', {}, [
    el('m:ParentFolderId', {}, targetFolderIdXml(params.parent, 'CreateFolderPath')),
    el('m:RelativeFolderPath', {}, folders),
  ]);
}

/**
 * One outcome per folder of the path, outermost first (`sent`: how many folders the request
 * named): the folder's id, created or already there.
 */
export function readCreateFolderPath(response: EwsResponse, sent: number): readonly Outcome<FolderIdRef>[] {
  return readFolderIds(response, 'CreateFolderPath', sent);
}
