import { el, type XmlFragment } from '@ews/core';
import { invalidArgument } from '../errors.js';
import { formatDateTime } from '../kinds/date-time.js';

/** What a find operation pages over: FindItem (`Item`) or FindFolder (`Folder`). */
export type ViewTarget = 'Item' | 'Folder';

export interface IndexedPageView {
  /** Omitted: the server's default page size. */
  readonly maxEntriesReturned?: number;
  readonly offset: number;
  /** Default `Beginning`. */
  readonly basePoint?: 'Beginning' | 'End';
}

export interface FractionalPageView {
  readonly maxEntriesReturned?: number;
  readonly numerator: number;
  readonly denominator: number;
}

export interface CalendarViewRange {
  readonly start: Date;
  readonly end: Date;
  readonly maxEntriesReturned?: number;
}

function count(value: number | undefined, what: string, min: number): string {
  if (value === undefined || !Number.isSafeInteger(value) || value < min || value > 2_147_483_647)
    throw invalidArgument(`${what} must be an integer of at least ${min}`);
  return String(value);
}

function maxEntries(value: number | undefined): string | undefined {
  return value === undefined ? undefined : count(value, 'maxEntriesReturned', 1);
}

// The element name is built from `target`, so it is checked (a caller's 'Item"/><x' is not a view).
function viewTarget(target: ViewTarget): ViewTarget {
  if (target !== 'Item' && target !== 'Folder') throw invalidArgument('a view target is Item or Folder');
  return target;
}

/** `<m:IndexedPageItemView>` / `<m:IndexedPageFolderView>`: `offset` entries from the base point. */
export function indexedPageViewXml(view: IndexedPageView, target: ViewTarget = 'Item'): XmlFragment {
  const basePoint = view.basePoint ?? 'Beginning';
  if (basePoint !== 'Beginning' && basePoint !== 'End')
    throw invalidArgument('basePoint must be Beginning or End');
  return el(`m:IndexedPage${viewTarget(target)}View`, {
    MaxEntriesReturned: maxEntries(view.maxEntriesReturned),
    Offset: count(view.offset, 'offset', 0),
    BasePoint: basePoint,
  });
}

/** `<m:FractionalPage…View>`: start `numerator/denominator` of the way through the results. */
export function fractionalPageViewXml(view: FractionalPageView, target: ViewTarget = 'Item'): XmlFragment {
  const numerator = count(view.numerator, 'numerator', 0);
  const denominator = count(view.denominator, 'denominator', 1);
  if (view.numerator > view.denominator) throw invalidArgument('numerator must not exceed denominator');
  return el(`m:FractionalPage${viewTarget(target)}View`, {
    MaxEntriesReturned: maxEntries(view.maxEntriesReturned),
    Numerator: numerator,
    Denominator: denominator,
  });
}

/** `<m:CalendarView>`: occurrences and single items overlapping [start, end). FindItem only. */
export function calendarViewXml(view: CalendarViewRange): XmlFragment {
  const valid = (d: unknown) => d instanceof Date && !Number.isNaN(d.getTime());
  if (!valid(view.start) || !valid(view.end))
    throw invalidArgument('CalendarView: start and end must be valid Dates');
  if (view.end.getTime() <= view.start.getTime())
    throw invalidArgument('CalendarView: end must be after start');
  return el('m:CalendarView', {
    MaxEntriesReturned: maxEntries(view.maxEntriesReturned),
    StartDate: formatDateTime(view.start),
    EndDate: formatDateTime(view.end),
  });
}
