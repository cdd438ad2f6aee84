import type { CalendarItem, CalendarItemModel, toXml } from '../src/index.js';

export declare function calendarItem(i: number): CalendarItem;
export declare function findItemPage(
  count: number,
  writer: { CalendarItemModel: typeof CalendarItemModel; toXml: typeof toXml },
): string;
