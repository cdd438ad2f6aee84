import type { Occurrence } from '../calendar/recurrence-expansion.js';
import type { ItemKind, StoredItem } from '../store/item-model.js';
import { makeOccurrenceId } from '../store/mailbox-store.js';

/** An item as a response shows it: a stored item, or one occurrence of a recurring series. */
export interface ItemView {
  readonly item: StoredItem;
  readonly occurrence?: Occurrence;
  /** The body type the request asked for (ItemShape/AttachmentShape BodyType). */
  readonly bodyType?: 'Best' | 'HTML' | 'Text';
  /** FindItem: streamed properties (the body) are cut to their first 255 characters. */
  readonly truncated?: boolean;
}

export function viewId(view: ItemView): string {
  return view.occurrence === undefined
    ? view.item.id
    : makeOccurrenceId(view.item.id, view.occurrence.originalStart);
}

export function viewSubject(view: ItemView): string {
  return view.occurrence?.exception?.subject ?? view.item.subject;
}

export function viewStart(view: ItemView): Date | undefined {
  return view.occurrence?.start ?? view.item.calendar?.start;
}

export function viewEnd(view: ItemView): Date | undefined {
  return view.occurrence?.end ?? view.item.calendar?.end;
}

export function viewLocation(view: ItemView): string | undefined {
  return view.occurrence?.exception?.location ?? view.item.calendar?.location;
}

/** Single, Occurrence, Exception or RecurringMaster. */
export function calendarItemType(view: ItemView): string | undefined {
  const data = view.item.calendar;
  if (data === undefined) return undefined;
  if (data.recurrence === undefined) return 'Single';
  if (view.occurrence === undefined) return 'RecurringMaster';
  return view.occurrence.exception === undefined ? 'Occurrence' : 'Exception';
}

/** The element name of an item of this kind (t:Message, t:CalendarItem, ...). */
export const ITEM_ELEMENT: Record<ItemKind, string> = {
  Item: 't:Item',
  DistributionList: 't:DistributionList',
  PostItem: 't:PostItem',
  Message: 't:Message',
  CalendarItem: 't:CalendarItem',
  Contact: 't:Contact',
  Task: 't:Task',
  MeetingRequest: 't:MeetingRequest',
  MeetingResponse: 't:MeetingResponse',
  MeetingCancellation: 't:MeetingCancellation',
};
