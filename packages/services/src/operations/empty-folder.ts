import { EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { targetFolderIdXml } from '../internal/ids.js';
import type { Outcome } from '../outcome.js';
import type { MailboxFolderRef } from '../refs.js';
import { deleteTypeOf } from './delete-folder.js';
import type { DeleteType } from './delete-item.js';
import { readFolderSuccess } from './folder-id-results.js';

export interface EmptyFolderParams {
  /** The folders, each naming its mailbox (see `MailboxFolderRef`). */
  readonly folders: readonly MailboxFolderRef[];
  /** Default `HardDelete`, as exchangelib's `Folder.empty()`. */
  readonly deleteType?: DeleteType | undefined;
  /** Also delete the subfolders (default false). */
  readonly deleteSubFolders?: boolean | undefined;
}

export function buildEmptyFolder(params: EmptyFolderParams): XmlFragment {
  if (params.folders.length === 0) throw new EwsInvalidArgumentError('EmptyFolder needs at least one folder');
  return el(
    'm:EmptyFolder',
    { DeleteType: deleteTypeOf(params.deleteType), DeleteSubFolders: params.deleteSubFolders === true },
    el(
      'm:FolderIds',
      {},
      params.folders.map((f) => targetFolderIdXml(f, 'EmptyFolder')),
    ),
  );
}

/** One outcome per folder in request order (`sent`: how many folders the request named). */
export function readEmptyFolder(response: EwsResponse, sent: number): readonly Outcome<true>[] {
  return readFolderSuccess(response, 'EmptyFolder', sent);
}
