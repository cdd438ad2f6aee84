import { EwsInvalidArgumentError, el, integerInRange, type XmlAttributes, type XmlFragment } from '@ews/core';
import { type DistinguishedFolderId, isDistinguishedFolderId } from '@ews/models';
import { XS_INT_MAX } from './schema-limits.js';

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

/** `<t:DistinguishedFolderId …/>` or `<t:FolderId …/>` for one folder. */
export function folderIdXml(folder: FolderRef): XmlFragment {
  if ('distinguishedId' in folder) {
    if (!isDistinguishedFolderId(folder.distinguishedId)) {
      throw new EwsInvalidArgumentError(`Unknown distinguished folder id ${String(folder.distinguishedId)}`);
    }
    const mailbox =
      folder.mailbox === undefined
        ? undefined
        : el('t:Mailbox', {}, el('t:EmailAddress', {}, folder.mailbox));
    return el('t:DistinguishedFolderId', { Id: folder.distinguishedId }, mailbox);
  }
  return el('t:FolderId', idAttributes(folder));
}

/**
 * Where a request names items, and which id forms the schema allows there: the
 * NonEmptyArrayOfBaseItemIdsType lists and UpdateItem's ItemChange take all three; the other places
 * are t:ItemIdType (or t:ArrayOfBaseItemIdsType, which holds only ItemId) and take a plain id.
 */
const ID_FORMS_BY_OPERATION = {
  GetItem: 'any',
  DeleteItem: 'any',
  MoveItem: 'any',
  CopyItem: 'any',
  ArchiveItem: 'any',
  SendItem: 'any',
  MarkAsJunk: 'any',
  UpdateItem: 'any',
  ExportItems: 'itemId',
  UploadItems: 'itemId',
  SyncFolderItems: 'itemId',
  CreateAttachment: 'itemId',
  CreateItem: 'itemId',
  PerformReminderAction: 'itemId',
} as const satisfies Record<string, 'any' | 'itemId'>;

/** An operation that names items by id. */
export type ItemIdOperation = keyof typeof ID_FORMS_BY_OPERATION;

/** Which of the three forms `ref` is; anything else (none or several of the keys) is refused. */
export function itemRefKind(ref: AnyItemRef): 'item' | 'occurrence' | 'master' {
  const value = ref as unknown;
  if (typeof value !== 'object' || value === null) {
    throw new EwsInvalidArgumentError(
      'An item reference must be an object ({ id }, { occurrenceOf, index } or { masterOf })',
    );
  }
  const kinds = (['id', 'occurrenceOf', 'masterOf'] as const).filter((key) => key in value);
  if (kinds.length !== 1) {
    throw new EwsInvalidArgumentError(
      'An item reference has exactly one of `id`, `occurrenceOf` (with `index`) or `masterOf`',
    );
  }
  return kinds[0] === 'id' ? 'item' : kinds[0] === 'occurrenceOf' ? 'occurrence' : 'master';
}

/**
 * THE writer of an item id in a request: `<t:ItemId>`, `<t:OccurrenceItemId>` or
 * `<t:RecurringMasterItemId>`, refused where the operation's schema allows only a plain id.
 */
export function itemIdXml(item: AnyItemRef, operation: ItemIdOperation): XmlFragment {
  const kind = itemRefKind(item);
  if (kind === 'item') return el('t:ItemId', idAttributes(item as ItemRef));
  if (ID_FORMS_BY_OPERATION[operation] !== 'any') {
    throw new EwsInvalidArgumentError(
      `${operation} names items by plain id only (t:ItemIdType): ${kind === 'occurrence' ? 'an occurrence' : "a series' master"} ` +
        'must be read first (GetItem) and named by the id it carries',
    );
  }
  if (kind === 'master') {
    const master = (item as MasterRef).masterOf;
    return el('t:RecurringMasterItemId', idAttributes(master, 'OccurrenceId'));
  }
  const { occurrenceOf, index } = item as OccurrenceRef;
  // InstanceIndex: the 1-based position in the series, an xs:int.
  integerInRange('occurrence index', index, 1, XS_INT_MAX);
  return el('t:OccurrenceItemId', {
    ...idAttributes(occurrenceOf, 'RecurringMasterId'),
    InstanceIndex: index,
  });
}

/**
 * A plain item id written under another element name of t:ItemIdType (CreateAttachment's
 * `m:ParentItemId`), refused for occurrences and masters as `itemIdXml` refuses them.
 */
export function itemIdAs(name: string, item: AnyItemRef, operation: ItemIdOperation): XmlFragment {
  return el(name, idAttributes(plainItemRef(item, operation)));
}

/** The plain id `ref` is, or a clear refusal naming `operation` when it is an occurrence or master. */
export function plainItemRef(ref: AnyItemRef, operation: ItemIdOperation): ItemRef {
  itemIdXml(ref, operation);
  return ref as ItemRef;
}

function idAttributes(
  ref: { readonly id: string; readonly changeKey?: string | undefined },
  idAttribute = 'Id',
): XmlAttributes {
  if (typeof ref !== 'object' || ref === null || typeof ref.id !== 'string' || ref.id === '')
    throw new EwsInvalidArgumentError('An id must be a non-empty string');
  return { [idAttribute]: ref.id, ChangeKey: ref.changeKey };
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
export function targetFolderIdXml(folder: MailboxFolderRef, operation: string): XmlFragment {
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
