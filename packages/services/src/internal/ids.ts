import { EwsInvalidArgumentError, escapeAttribute } from '@ews/core';
import { type DistinguishedFolderId, isDistinguishedFolderId } from '@ews/models';
import { textElement } from './xml.js';

/** A folder: a distinguished one (optionally in another mailbox) or one by id. */
export type FolderRef =
  | { readonly distinguishedId: DistinguishedFolderId; readonly mailbox?: string | undefined }
  | { readonly id: string; readonly changeKey?: string | undefined };

/** An item by id (the change key is needed for updates with conflict detection). */
export interface ItemRef {
  readonly id: string;
  readonly changeKey?: string | undefined;
}

/** `<t:DistinguishedFolderId …/>` or `<t:FolderId …/>` for one folder. */
export function folderIdXml(folder: FolderRef): string {
  if ('distinguishedId' in folder) {
    if (!isDistinguishedFolderId(folder.distinguishedId)) {
      throw new EwsInvalidArgumentError(`Unknown distinguished folder id ${String(folder.distinguishedId)}`);
    }
    const id = `Id="${escapeAttribute(folder.distinguishedId)}"`;
    if (folder.mailbox === undefined) return `<t:DistinguishedFolderId ${id}/>`;
    return `<t:DistinguishedFolderId ${id}><t:Mailbox>${textElement('t:EmailAddress', folder.mailbox)}</t:Mailbox></t:DistinguishedFolderId>`;
  }
  return `<t:FolderId${idAttributes(folder)}/>`;
}

/** `<t:ItemId Id="…" ChangeKey="…"/>` */
export function itemIdXml(item: ItemRef): string {
  return `<t:ItemId${idAttributes(item)}/>`;
}

function idAttributes(ref: { readonly id: string; readonly changeKey?: string | undefined }): string {
  if (typeof ref.id !== 'string' || ref.id === '')
    throw new EwsInvalidArgumentError('An id must be a non-empty string');
  const changeKey = ref.changeKey === undefined ? '' : ` ChangeKey="${escapeAttribute(ref.changeKey)}"`;
  return ` Id="${escapeAttribute(ref.id)}"${changeKey}`;
}

/** A folder to act on: a handle (`account.inbox`, a loaded folder) or a bare FolderRef. */
export type FolderTarget = { readonly ref: FolderRef } | FolderRef;

export function folderRefOf(target: FolderTarget): FolderRef {
  return 'ref' in target ? target.ref : target;
}
