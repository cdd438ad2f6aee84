import { el, textEl } from '../xml/xml-writer.js';
import { bool, type ItemField } from './field-types.js';

/** MeetingMessageType's own properties, in schema order (UID follows from the calendar fields). */
export const MEETING_MESSAGE_FIELDS: readonly ItemField[] = [
  {
    uri: 'meeting:AssociatedCalendarItemId',
    kinds: ['MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: true,
    write: (v) =>
      v.item.associatedCalendarItemId === undefined
        ? undefined
        : el('t:AssociatedCalendarItemId', { Id: v.item.associatedCalendarItemId }),
  },
  {
    uri: 'meeting:HasBeenProcessed',
    kinds: ['MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: true,
    // The tentative calendar entry exists from delivery on, as after Exchange's calendar attendant ran.
    write: () => bool('t:HasBeenProcessed', true),
  },
  {
    uri: 'meeting:ResponseType',
    kinds: ['MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: true,
    write: (v) => textEl('t:ResponseType', v.item.calendar?.myResponseType),
  },
];
