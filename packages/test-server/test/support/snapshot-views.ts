import { occurrencesInRange } from '../../src/calendar/recurrence-expansion.js';
import type { SnapshotItem, SnapshotMailbox } from '../../src/index.js';
import type { FreeBusyStatus } from '../../src/store/item-model.js';

/** The items of one of the mailbox's distinguished folders (inbox, calendar, …) in `server.snapshot()`. */
export function folderItems(box: SnapshotMailbox, distinguishedId: string): SnapshotItem[] {
  return box.itemsIn(box.folder(distinguishedId).id);
}

/** A calendar entry (single item or one occurrence) as a calendar view shows it. */
export interface ViewRow {
  readonly item: SnapshotItem;
  readonly subject: string;
  readonly start: Date;
  readonly end: Date;
  readonly location: string | undefined;
  readonly freeBusy: FreeBusyStatus;
}

/** The calendar entries overlapping [start, end), series expanded, ordered by start. */
export function calendarView(box: SnapshotMailbox, start: Date, end: Date): ViewRow[] {
  const rows = folderItems(box, 'calendar').flatMap((item): ViewRow[] => {
    const data = item.calendar;
    if (data === undefined) return [];
    const base = { item, location: data.location, freeBusy: data.freeBusy };
    if (data.recurrence === undefined) {
      return data.start < end && data.end > start
        ? [{ ...base, subject: item.subject, start: data.start, end: data.end }]
        : [];
    }
    return occurrencesInRange(data, start, end).map((o) => ({
      ...base,
      subject: o.exception?.subject ?? item.subject,
      location: o.exception?.location ?? data.location,
      start: o.start,
      end: o.end,
    }));
  });
  return rows.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** UTC text as the Python peer prints it; all-day entries as dates (exchangelib's end date is inclusive). */
export function isoTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function rowTimes(row: ViewRow): { start: string; end: string } {
  if (row.item.calendar?.isAllDay) {
    return {
      start: row.start.toISOString().slice(0, 10),
      end: new Date(row.end.getTime() - 86_400_000).toISOString().slice(0, 10),
    };
  }
  return { start: isoTime(row.start), end: isoTime(row.end) };
}

const MERGED_DIGIT: Record<FreeBusyStatus, string> = {
  Free: '0',
  Tentative: '1',
  Busy: '2',
  OOF: '3',
  NoData: '4',
  WorkingElsewhere: '5',
};
const PRECEDENCE: readonly FreeBusyStatus[] = ['Free', 'WorkingElsewhere', 'Tentative', 'Busy', 'OOF'];

/** MergedFreeBusy digits for [start, end) in slots of `minutes`, from the calendar's non-free, non-cancelled entries. */
export function mergedFreeBusy(box: SnapshotMailbox, start: Date, end: Date, minutes: number): string {
  let digits = '';
  for (let t = start.getTime(); t < end.getTime(); t += minutes * 60_000) {
    const slot = calendarView(box, new Date(t), new Date(Math.min(t + minutes * 60_000, end.getTime())));
    const worst = slot
      .filter((r) => !r.item.calendar?.isCancelled && r.freeBusy !== 'Free')
      .reduce<FreeBusyStatus>(
        (acc, r) => (PRECEDENCE.indexOf(r.freeBusy) > PRECEDENCE.indexOf(acc) ? r.freeBusy : acc),
        'Free',
      );
    digits += MERGED_DIGIT[worst];
  }
  return digits;
}
