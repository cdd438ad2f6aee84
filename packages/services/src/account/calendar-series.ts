import { type CallOptions, EwsInvalidArgumentError, EwsProtocolError, integerInRange } from '@ews/core';
import {
  type CalendarItem,
  CalendarItemModel,
  CLEAN_GLOBAL_OBJECT_ID,
  type DeletedOccurrence,
  type FieldName,
  filterFor,
  type OccurrenceInfo,
  uidToCleanGlobalObjectId,
} from '@ews/models';
import { XS_INT_MAX } from '../internal/schema-limits.js';
import { ItemActions } from '../items/item-actions.js';
import { type PlainItemTarget, plainItemRefOf } from '../items/item-target.js';
import { ItemQuery } from '../query/item-query.js';
import type { AnyItemRef, ItemRef, MailboxFolderRef, MasterRef, OccurrenceRef } from '../refs.js';
import type { AccountContext } from './account-context.js';

/** exchangelib's `occurrence(index)`: the index-th (1-based) occurrence of a series. Sends nothing. */
export function occurrenceOf(master: PlainItemTarget, index: number): OccurrenceRef {
  // The 1-based position in the series (InstanceIndex, an xs:int).
  integerInRange('occurrence index', index, 1, XS_INT_MAX);
  return { occurrenceOf: plainItemRefOf(master, 'occurrence'), index };
}

/** exchangelib's `recurring_master()`: the master of an occurrence's or exception's series. Sends nothing. */
export function masterOf(occurrence: PlainItemTarget): MasterRef {
  return { masterOf: plainItemRefOf(occurrence, 'master') };
}

/** What a series' master says about its occurrences (one GetItem). */
export interface SeriesInfo {
  /** The master's own id. */
  readonly itemId: ItemRef;
  readonly firstOccurrence: OccurrenceInfo | undefined;
  /** Undefined for a series without an end. */
  readonly lastOccurrence: OccurrenceInfo | undefined;
  /** The exceptions: occurrences changed on their own. */
  readonly modifiedOccurrences: readonly OccurrenceInfo[];
  /** The original starts of the occurrences removed from the series. */
  readonly deletedOccurrences: readonly DeletedOccurrence[];
}

const SERIES_FIELDS = [
  'type',
  'firstOccurrence',
  'lastOccurrence',
  'modifiedOccurrences',
  'deletedOccurrences',
] as const satisfies readonly FieldName<typeof CalendarItemModel>[];

/**
 * Reads a series' master: first, last, modified and deleted occurrences. `master` is the master, or
 * `masterOf(anOccurrence)`. Anything that is not a series' master is refused (those fields exist
 * only on masters, and an empty answer would read as "no exceptions").
 */
export async function loadSeries(
  account: AccountContext,
  master: AnyItemRef,
  options: CallOptions = {},
): Promise<SeriesInfo> {
  const item = await new ItemActions(account).get(CalendarItemModel, master, {
    ...options,
    only: [...SERIES_FIELDS],
  });
  if (item.type !== 'RecurringMaster') {
    const kind = item.type;
    const hint = kind === 'Occurrence' || kind === 'Exception' ? ' (give calendar.master(it))' : '';
    throw new EwsInvalidArgumentError(
      `Not a series' master: the item is ${kind ?? 'of no calendar type'}${hint}`,
    );
  }
  const id = item.itemId?.id;
  const changeKey = item.itemId?.changeKey;
  const itemId: ItemRef | undefined =
    typeof id !== 'string' || id === '' ? undefined : changeKey === undefined ? { id } : { id, changeKey };
  if (itemId === undefined) {
    throw new EwsProtocolError('GetItem answered a calendar item without its ItemId', {
      operation: 'GetItem',
    });
  }
  return {
    itemId,
    firstOccurrence: item.firstOccurrence,
    lastOccurrence: item.lastOccurrence,
    modifiedOccurrences: item.modifiedOccurrences ?? [],
    deletedOccurrences: item.deletedOccurrences ?? [],
  };
}

export interface FindByUidOptions extends CallOptions {
  /** Return only these fields (plus the id); fields FindItem cannot return are fetched with GetItem. */
  readonly only?: readonly FieldName<typeof CalendarItemModel>[] | undefined;
}

/**
 * The calendar items of the meeting whose iCalendar UID is `uid`, found by FindItem with an
 * IsEqualTo restriction on PidLidCleanGlobalObjectId (the UID as Exchange keeps it; calendar:UID
 * itself cannot be searched). A series comes back as its master.
 */
export async function findByUid(
  account: AccountContext,
  folder: MailboxFolderRef,
  uid: string,
  options: FindByUidOptions = {},
): Promise<CalendarItem[]> {
  const q = filterFor(CalendarItemModel);
  const query = new ItemQuery(account, [folder], CalendarItemModel).filter(
    q.eq(CLEAN_GLOBAL_OBJECT_ID, uidToCleanGlobalObjectId(uid)),
  );
  const shaped = options.only === undefined ? query : query.only(...options.only);
  return shaped.toArray(options);
}
