/**
 * Whether an item (or occurrence) from `start` to `end` is in a CalendarView from `from` to `to`.
 * Microsoft's CalendarView reference: items "that have an end time that is before StartDate" and
 * those "that have a start time that is on or after EndDate" are not returned — so an item ending
 * exactly at StartDate is returned, and one starting exactly at EndDate is not. (Free/busy overlap is
 * strict on both sides; this rule is the view's own.)
 */
export function inCalendarView(start: Date, end: Date, from: Date, to: Date): boolean {
  return end.getTime() >= from.getTime() && start.getTime() < to.getTime();
}
