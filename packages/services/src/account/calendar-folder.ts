import type { CallOptions } from '@ews/core';
import type { CalendarItem, CalendarItemModel, DeletedOccurrence, OccurrenceInfo } from '@ews/models';
import type { PlainItemTarget } from '../items/item-target.js';
import type { AnyItemRef, MasterRef, OccurrenceRef } from '../refs.js';
import {
  type FindByUidOptions,
  findByUid,
  loadSeries,
  masterOf,
  occurrenceOf,
  type SeriesInfo,
} from './calendar-series.js';
import { type CalendarViewOptions, calendarView } from './calendar-view.js';
import { FolderHandle } from './folder-handle.js';

/**
 * A calendar folder: item queries plus `view()`, which expands recurring meetings; occurrences and
 * series (`occurrence`, `master`, `series`…) and meetings by iCalendar UID (`findByUid`).
 */
export class CalendarFolder extends FolderHandle<typeof CalendarItemModel> {
  /**
   * Every occurrence overlapping [start, end), in start order, as an async iterable. Windows
   * longer than the server accepts, or holding more items than one call returns, are split.
   */
  view(options: CalendarViewOptions): AsyncIterable<CalendarItem> {
    const { account, ref } = this;
    return { [Symbol.asyncIterator]: () => calendarView(account, ref, options) };
  }

  /**
   * The `index`-th occurrence (1-based) of a series, as a reference every item verb takes
   * (`account.items.get/delete/cancel…`, `bulkUpdate`); exchangelib's `occurrence(index)`. Sends
   * nothing: an index past the series' end is the server's ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange.
   */
  occurrence(master: PlainItemTarget, index: number): OccurrenceRef {
    return occurrenceOf(master, index);
  }

  /** The master of an occurrence's or exception's series, as a reference; exchangelib's `recurring_master()`. */
  master(occurrence: PlainItemTarget): MasterRef {
    return masterOf(occurrence);
  }

  /** First, last, modified and deleted occurrences of a series, in one GetItem on its master. */
  series(master: AnyItemRef, options: CallOptions = {}): Promise<SeriesInfo> {
    return loadSeries(this.account, master, options);
  }

  /** The series' first occurrence (exchangelib's `first_occurrence`). */
  async firstOccurrence(master: AnyItemRef, options: CallOptions = {}): Promise<OccurrenceInfo | undefined> {
    return (await this.series(master, options)).firstOccurrence;
  }

  /** The series' last occurrence; undefined for a series without an end (exchangelib's `last_occurrence`). */
  async lastOccurrence(master: AnyItemRef, options: CallOptions = {}): Promise<OccurrenceInfo | undefined> {
    return (await this.series(master, options)).lastOccurrence;
  }

  /** The exceptions of a series (exchangelib's `modified_occurrences`). */
  async modifiedOccurrences(
    master: AnyItemRef,
    options: CallOptions = {},
  ): Promise<readonly OccurrenceInfo[]> {
    return (await this.series(master, options)).modifiedOccurrences;
  }

  /** The occurrences deleted from a series (exchangelib's `deleted_occurrences`). */
  async deletedOccurrences(
    master: AnyItemRef,
    options: CallOptions = {},
  ): Promise<readonly DeletedOccurrence[]> {
    return (await this.series(master, options)).deletedOccurrences;
  }

  /**
   * The meeting whose iCalendar UID is `uid` (a series as its master): FindItem restricted on
   * PidLidCleanGlobalObjectId, one call. Usually one item; none when this calendar has no such meeting.
   */
  findByUid(uid: string, options: FindByUidOptions = {}): Promise<CalendarItem[]> {
    return findByUid(this.account, this.ref, uid, options);
  }
}
