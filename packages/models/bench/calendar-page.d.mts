import type { CalendarItem, CalendarItemModel, toXml } from '../src/index.js';

/** The common prefix of the items' ids (as long as real Exchange ids). */
export declare const ID_PAD: string;
export declare function calendarItem(i: number): CalendarItem;
export declare function findItemPage(
  count: number,
  writer: { CalendarItemModel: typeof CalendarItemModel; toXml: typeof toXml },
): string;
