import type { CalendarItem, CalendarItemModel } from '@ews/models';
import { type CalendarViewOptions, calendarView } from './calendar-view.js';
import { FolderHandle } from './folder-handle.js';

/** A calendar folder: item queries plus `view()`, which expands recurring meetings. */
export class CalendarFolder extends FolderHandle<typeof CalendarItemModel> {
  /**
   * Every occurrence overlapping [start, end), in start order, as an async iterable. Windows
   * longer than the server accepts, or holding more items than one call returns, are split.
   */
  view(options: CalendarViewOptions): AsyncIterable<CalendarItem> {
    const { account, ref } = this;
    return { [Symbol.asyncIterator]: () => calendarView(account, ref, options) };
  }
}
