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

/** The public folders root belongs to the organization, not to a mailbox: it is named without one. */
export const MAILBOXLESS_FOLDER = 'publicfoldersroot';

/**
 * A folder that says whose it is, as every write's target must: by id (an id belongs to one
 * mailbox), a distinguished folder with its `mailbox`, or the public folders root (nobody's).
 * A distinguished folder without a mailbox is the signed-in user's under delegate access, not the
 * mailbox an Account works on, so write builders refuse it.
 */
export type MailboxFolderRef =
  | { readonly id: string; readonly changeKey?: string | undefined }
  | { readonly distinguishedId: DistinguishedFolderId; readonly mailbox: string }
  | { readonly distinguishedId: typeof MAILBOXLESS_FOLDER; readonly mailbox?: undefined };

/**
 * THE way an Account's folder intent becomes a request's folder: a distinguished folder given
 * without a mailbox becomes that folder of `mailbox` (the Account's); a folder id, a distinguished
 * folder that names its mailbox and the public folders root are kept. Every Account-level folder
 * (handles, defaults, move/copy/archive targets, saved copies) is made here.
 */
export function mailboxFolderRef(mailbox: string, target: FolderTarget): MailboxFolderRef {
  const ref = folderRefOf(target);
  if ('id' in ref) return ref;
  if (ref.distinguishedId === MAILBOXLESS_FOLDER && ref.mailbox === undefined) {
    return { distinguishedId: MAILBOXLESS_FOLDER };
  }
  const owner = ref.mailbox ?? mailbox;
  if (typeof owner !== 'string' || owner === '') {
    throw new EwsInvalidArgumentError('A folder needs the mailbox it belongs to (an email address)');
  }
  return { distinguishedId: ref.distinguishedId, mailbox: owner };
}

/**
 * `<t:DistinguishedFolderId …/>` or `<t:FolderId …/>` for the folder a write lands in. Refuses a
 * distinguished folder that names no mailbox (checked here too, for callers outside TypeScript):
 * Exchange would put the result in the signed-in user's own folder.
 */
export function targetFolderIdXml(folder: MailboxFolderRef, operation: string): string {
  const ref = folder as FolderRef;
  if (
    'distinguishedId' in ref &&
    ref.distinguishedId !== MAILBOXLESS_FOLDER &&
    (typeof ref.mailbox !== 'string' || ref.mailbox === '')
  ) {
    throw new EwsInvalidArgumentError(
      `${operation}: the distinguished folder '${String(ref.distinguishedId)}' names no mailbox, so Exchange ` +
        "would use the signed-in user's own; give its `mailbox` (an Account's folders always do)",
    );
  }
  return folderIdXml(ref);
}
