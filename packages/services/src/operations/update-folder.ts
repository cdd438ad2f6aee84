import { EwsInvalidArgumentError, type EwsResponse } from '@ews/core';
import { type MailboxFolderRef, targetFolderIdXml } from '../internal/ids.js';
import type { Outcome } from '../internal/messages.js';
import { fieldUriXml, textElement } from '../internal/xml.js';
import { type FolderIdRef, readFolderIds } from './folder-id-results.js';

export interface FolderChange {
  /** The folder, naming its mailbox (see `MailboxFolderRef`). */
  readonly folder: MailboxFolderRef;
  readonly displayName?: string | undefined;
  readonly folderClass?: string | undefined;
}

export interface UpdateFolderParams {
  readonly changes: readonly FolderChange[];
}

/** UpdateFolder with one SetFolderField per changed property (FolderClass, then DisplayName: schema order). */
export function buildUpdateFolder(params: UpdateFolderParams): string {
  if (params.changes.length === 0)
    throw new EwsInvalidArgumentError('UpdateFolder needs at least one change');
  const changes = params.changes.map((change) => {
    const updates = [
      setField('FolderClass', change.folderClass),
      setField('DisplayName', change.displayName),
    ].join('');
    if (updates === '')
      throw new EwsInvalidArgumentError('A folder change needs a displayName or folderClass');
    return `<t:FolderChange>${targetFolderIdXml(change.folder, 'UpdateFolder')}<t:Updates>${updates}</t:Updates></t:FolderChange>`;
  });
  return `<m:UpdateFolder><m:FolderChanges>${changes.join('')}</m:FolderChanges></m:UpdateFolder>`;
}

function setField(property: 'FolderClass' | 'DisplayName', value: string | undefined): string {
  if (value === undefined) return '';
  if (typeof value !== 'string' || value.trim() === '')
    throw new EwsInvalidArgumentError(`${property} must be a non-empty string`);
  return (
    `<t:SetFolderField>${fieldUriXml(`folder:${property}`)}` +
    `<t:Folder>${textElement(`t:${property}`, value)}</t:Folder></t:SetFolderField>`
  );
}

/**
 * One outcome per change in request order (`sent`: how many changes the request named): the
 * folder's id with its new change key.
 */
export function readUpdateFolder(response: EwsResponse, sent: number): readonly Outcome<FolderIdRef>[] {
  return readFolderIds(response, 'UpdateFolder', sent);
}
