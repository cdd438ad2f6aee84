import { EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { targetFolderIdXml } from '../internal/ids.js';
import type { Outcome } from '../outcome.js';
import type { MailboxFolderRef } from '../refs.js';
import type { DeleteType } from './delete-item.js';
import { readFolderSuccess } from './folder-id-results.js';

export interface DeleteFolderParams {
  /** The folders, each naming its mailbox (see `MailboxFolderRef`). */
  readonly folders: readonly MailboxFolderRef[];
  /** Default `HardDelete`, as exchangelib's `Folder.delete()`. */
  readonly deleteType?: DeleteType | undefined;
}

export function buildDeleteFolder(params: DeleteFolderParams): XmlFragment {
  if (params.folders.length === 0)
    throw new EwsInvalidArgumentError('DeleteFolder needs at least one folder');
  return el(
    'm:DeleteFolder',
    { DeleteType: deleteTypeOf(params.deleteType) },
    el(
      'm:FolderIds',
      {},
      params.folders.map((f) => targetFolderIdXml(f, 'DeleteFolder')),
    ),
  );
}

/**
 * One outcome per folder in request order (`sent`: how many folders the request named);
 * distinguished folders fail with ErrorDeleteDistinguishedFolder.
 */
export function readDeleteFolder(response: EwsResponse, sent: number): readonly Outcome<true>[] {
  return readFolderSuccess(response, 'DeleteFolder', sent);
}

const DELETE_TYPES: readonly DeleteType[] = ['HardDelete', 'SoftDelete', 'MoveToDeletedItems'];

export function deleteTypeOf(value: DeleteType | undefined): DeleteType {
  const deleteType = value ?? 'HardDelete';
  if (!DELETE_TYPES.includes(deleteType))
    throw new EwsInvalidArgumentError(`Unknown DeleteType ${String(value)}`);
  return deleteType;
}
