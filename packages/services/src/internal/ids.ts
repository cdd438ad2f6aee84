import { EwsInvalidArgumentError, el, integerInRange, type XmlAttributes, type XmlFragment } from '@ews/core';
import { isDistinguishedFolderId } from '@ews/models';
import {
  type AnyItemRef,
  type FolderRef,
  type ItemRef,
  MAILBOXLESS_FOLDER,
  type MailboxFolderRef,
  type MasterRef,
  type OccurrenceRef,
} from '../refs.js';
import { XS_INT_MAX } from './schema-limits.js';

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
