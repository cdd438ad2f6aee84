import { EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { targetFolderIdXml } from '../internal/ids.js';
import type { Outcome } from '../outcome.js';
import type { MailboxFolderRef } from '../refs.js';
import { type FolderIdRef, readFolderIds } from './folder-id-results.js';

export interface MoveFolderParams {
  /** The folders, each naming its mailbox (see `MailboxFolderRef`). */
  readonly folders: readonly MailboxFolderRef[];
  /** The new parent, naming its mailbox. */
  readonly to: MailboxFolderRef;
}

export type CopyFolderParams = MoveFolderParams;

function buildMoveOrCopyFolder(
  operation: 'MoveFolder' | 'CopyFolder',
  params: MoveFolderParams,
): XmlFragment {
  if (params.folders.length === 0)
    throw new EwsInvalidArgumentError(`${operation} needs at least one folder`);
  return el(`m:${operation}`, {}, [
    el('m:ToFolderId', {}, targetFolderIdXml(params.to, operation)),
    el(
      'm:FolderIds',
      {},
      params.folders.map((f) => targetFolderIdXml(f, operation)),
    ),
  ]);
}

export function buildMoveFolder(params: MoveFolderParams): XmlFragment {
  return buildMoveOrCopyFolder('MoveFolder', params);
}

export function buildCopyFolder(params: CopyFolderParams): XmlFragment {
  return buildMoveOrCopyFolder('CopyFolder', params);
}

/**
 * One outcome per folder (`sent`: how many folders the request named): its id (folder ids
 * survive a move; the change key changes).
 */
export function readMoveFolder(response: EwsResponse, sent: number): readonly Outcome<FolderIdRef>[] {
  return readFolderIds(response, 'MoveFolder', sent);
}

/**
 * One outcome per folder (`sent`: how many folders the request named): the copy's id (the copy
 * includes items and subfolders).
 */
export function readCopyFolder(response: EwsResponse, sent: number): readonly Outcome<FolderIdRef>[] {
  return readFolderIds(response, 'CopyFolder', sent);
}
