import { EwsInvalidArgumentError } from '@ews/core';
import type { DistinguishedFolderId } from '@ews/models';

// How a caller names folders and items; internal/ids.ts writes them as request elements.

/** A folder: a distinguished one (optionally in another mailbox) or one by id. */
export type FolderRef =
  | { readonly distinguishedId: DistinguishedFolderId; readonly mailbox?: string | undefined }
  | { readonly id: string; readonly changeKey?: string | undefined };

/** An item by id (the change key is needed for updates with conflict detection). */
export interface ItemRef {
  readonly id: string;
  readonly changeKey?: string | undefined;
}

/**
 * One occurrence of a recurring series (t:OccurrenceItemId): the series' master by id and the
 * occurrence's 1-based position in the series. Exchange answers an index past the series' end
 * with ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange and a deleted occurrence with
 * ErrorCalendarOccurrenceIsDeletedFromRecurrence.
 */
export interface OccurrenceRef {
  readonly occurrenceOf: ItemRef;
  readonly index: number;
}

/** The master of the series an occurrence or exception belongs to (t:RecurringMasterItemId). */
export interface MasterRef {
  readonly masterOf: ItemRef;
}

/** Any way of naming an item in a request: by id, one occurrence of a series, or a series' master. */
export type AnyItemRef = ItemRef | OccurrenceRef | MasterRef;

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
