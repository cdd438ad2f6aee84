import { endZoneOf, startZoneOf } from '../calendar/item-time-zones.js';
import { lastOriginalStart, originalStarts } from '../calendar/recurrence-expansion.js';
import { meetingTimeZoneXml, timeZoneDefinitionXml } from '../calendar/time-zone-xml.js';
import { makeOccurrenceId } from '../store/mailbox-store.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';
import { bool, date, type ItemField } from './field-types.js';
import { calendarItemType, type ItemView, viewEnd, viewLocation, viewStart } from './item-view.js';
import { recurrenceXml } from './recurrence-xml.js';
import { attendees, formatDateTime, formatDuration, singleRecipient } from './values.js';

function occurrenceInfo(name: string, id: string, start: Date, end: Date, originalStart: Date): XmlContent {
  return el(
    name,
    null,
    el('t:ItemId', { Id: id, ChangeKey: 'AAAAAA==' }),
    textEl('t:Start', formatDateTime(start)),
    textEl('t:End', formatDateTime(end)),
    textEl('t:OriginalStart', formatDateTime(originalStart)),
  );
}

/** Master-only calendar fields: Recurrence, First/LastOccurrence, Modified/DeletedOccurrences. */
function masterOnly(view: ItemView): boolean {
  return view.occurrence === undefined && view.item.calendar?.recurrence !== undefined;
}

/** CalendarItemType's properties, in schema order. */
export const CALENDAR_FIELDS: readonly ItemField[] = [
  {
    uri: 'calendar:UID',
    kinds: ['CalendarItem', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: true,
    write: (v) => textEl('t:UID', v.item.calendar?.uid),
  },
  {
    uri: 'meetingRequest:MeetingRequestType',
    kinds: ['MeetingRequest'],
    inDefault: true,
    write: () => textEl('t:MeetingRequestType', 'NewMeetingRequest'),
  },
  {
    uri: 'meetingRequest:IntendedFreeBusyStatus',
    kinds: ['MeetingRequest'],
    inDefault: true,
    write: () => textEl('t:IntendedFreeBusyStatus', 'Busy'),
  },
  {
    uri: 'calendar:Start',
    kinds: ['CalendarItem', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: true,
    write: (v) => date('t:Start', viewStart(v)),
    value: viewStart,
  },
  {
    uri: 'calendar:End',
    kinds: ['CalendarItem', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: true,
    write: (v) => date('t:End', viewEnd(v)),
    value: viewEnd,
  },
  {
    uri: 'calendar:OriginalStart',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: false,
    write: (v) => date('t:OriginalStart', v.occurrence?.originalStart),
  },
  {
    uri: 'calendar:IsAllDayEvent',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    write: (v) => bool('t:IsAllDayEvent', v.item.calendar?.isAllDay),
    value: (v) => v.item.calendar?.isAllDay,
  },
  {
    uri: 'calendar:LegacyFreeBusyStatus',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    write: (v) => textEl('t:LegacyFreeBusyStatus', v.item.calendar?.freeBusy),
    value: (v) => v.item.calendar?.freeBusy,
  },
  {
    uri: 'calendar:Location',
    kinds: ['CalendarItem', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: true,
    write: (v) => textEl('t:Location', viewLocation(v)),
    value: viewLocation,
  },
  {
    uri: 'calendar:IsMeeting',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    write: (v) => bool('t:IsMeeting', v.item.calendar?.isMeeting),
  },
  {
    uri: 'calendar:IsCancelled',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    write: (v) => bool('t:IsCancelled', v.item.calendar?.isCancelled),
  },
  {
    uri: 'calendar:IsRecurring',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    write: (v) => bool('t:IsRecurring', v.occurrence !== undefined),
  },
  {
    uri: 'calendar:MeetingRequestWasSent',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    write: (v) => bool('t:MeetingRequestWasSent', v.item.calendar?.meetingRequestWasSent),
  },
  {
    uri: 'calendar:CalendarItemType',
    kinds: ['CalendarItem', 'MeetingRequest', 'MeetingResponse', 'MeetingCancellation'],
    inDefault: true,
    write: (v) => textEl('t:CalendarItemType', calendarItemType(v)),
    value: calendarItemType,
  },
  {
    uri: 'calendar:MyResponseType',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    write: (v) => textEl('t:MyResponseType', v.item.calendar?.myResponseType),
    value: (v) => v.item.calendar?.myResponseType,
  },
  {
    uri: 'calendar:Organizer',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    write: (v) => singleRecipient('t:Organizer', v.item.calendar?.organizer),
    value: (v) => v.item.calendar?.organizer.address,
  },
  {
    uri: 'calendar:RequiredAttendees',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    getItemOnly: true,
    write: (v) => attendees('t:RequiredAttendees', v.item.calendar?.requiredAttendees ?? []),
  },
  {
    uri: 'calendar:OptionalAttendees',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    getItemOnly: true,
    write: (v) => attendees('t:OptionalAttendees', v.item.calendar?.optionalAttendees ?? []),
  },
  {
    uri: 'calendar:Resources',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    getItemOnly: true,
    write: (v) => attendees('t:Resources', v.item.calendar?.resources ?? []),
  },
  {
    uri: 'calendar:Duration',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    write: (v) => {
      const start = viewStart(v);
      const end = viewEnd(v);
      return start && end ? textEl('t:Duration', formatDuration(end.getTime() - start.getTime())) : undefined;
    },
  },
  {
    // The start zone's display name (CalendarItemType's TimeZone string).
    uri: 'calendar:TimeZone',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: false,
    write: (v) => (v.item.calendar ? textEl('t:TimeZone', startZoneOf(v.item.calendar).name) : undefined),
  },
  {
    uri: 'calendar:Recurrence',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    getItemOnly: true,
    write: (v) =>
      masterOnly(v) && v.item.calendar?.recurrence
        ? recurrenceXml(v.item.calendar.recurrence, v.item.calendar.timeZone)
        : undefined,
  },
  {
    uri: 'calendar:FirstOccurrence',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    getItemOnly: true,
    write: (v) => {
      const data = v.item.calendar;
      if (!masterOnly(v) || !data) return undefined;
      const first = originalStarts(data, new Date(8.64e15), 1).at(0);
      return first ? seriesEdge('t:FirstOccurrence', v, first) : undefined;
    },
  },
  {
    uri: 'calendar:LastOccurrence',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    getItemOnly: true,
    write: (v) => {
      const data = v.item.calendar;
      if (!masterOnly(v) || !data) return undefined;
      const last = lastOriginalStart(data);
      return last ? seriesEdge('t:LastOccurrence', v, last) : undefined;
    },
  },
  {
    uri: 'calendar:ModifiedOccurrences',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    getItemOnly: true,
    write: (v) => {
      const list = v.item.calendar?.exceptions ?? [];
      if (!masterOnly(v) || list.length === 0) return undefined;
      return el(
        't:ModifiedOccurrences',
        null,
        list.map((e) =>
          occurrenceInfo(
            't:Occurrence',
            makeOccurrenceId(v.item.id, e.originalStart),
            e.start,
            e.end,
            e.originalStart,
          ),
        ),
      );
    },
  },
  {
    uri: 'calendar:DeletedOccurrences',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: true,
    getItemOnly: true,
    write: (v) => {
      const list = v.item.calendar?.deletedOccurrences ?? [];
      if (!masterOnly(v) || list.length === 0) return undefined;
      return el(
        't:DeletedOccurrences',
        null,
        list.map((d) => el('t:DeletedOccurrence', null, textEl('t:Start', formatDateTime(d)))),
      );
    },
  },
  {
    // Exchange 2007's form of the zone; later versions answer it only when asked for by name.
    uri: 'calendar:MeetingTimeZone',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: false,
    byNameOnly: true,
    write: (v) => (v.item.calendar ? meetingTimeZoneXml(startZoneOf(v.item.calendar)) : undefined),
  },
  {
    uri: 'calendar:StartTimeZone',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: false,
    write: (v) =>
      v.item.calendar
        ? timeZoneDefinitionXml('t:StartTimeZone', startZoneOf(v.item.calendar), true)
        : undefined,
  },
  {
    uri: 'calendar:EndTimeZone',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: false,
    write: (v) =>
      v.item.calendar ? timeZoneDefinitionXml('t:EndTimeZone', endZoneOf(v.item.calendar), true) : undefined,
  },
  {
    // Exchange 2013's plain ids, answered when asked for by name.
    uri: 'calendar:StartTimeZoneId',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: false,
    byNameOnly: true,
    write: (v) =>
      v.item.calendar ? textEl('t:StartTimeZoneId', startZoneOf(v.item.calendar).id) : undefined,
  },
  {
    uri: 'calendar:EndTimeZoneId',
    kinds: ['CalendarItem', 'MeetingRequest'],
    inDefault: false,
    byNameOnly: true,
    write: (v) => (v.item.calendar ? textEl('t:EndTimeZoneId', endZoneOf(v.item.calendar).id) : undefined),
  },
];

function seriesEdge(name: string, view: ItemView, originalStart: Date): XmlContent {
  const data = view.item.calendar!;
  const exception = data.exceptions.find((e) => e.originalStart.getTime() === originalStart.getTime());
  const duration = data.end.getTime() - data.start.getTime();
  return occurrenceInfo(
    name,
    makeOccurrenceId(view.item.id, originalStart),
    exception?.start ?? originalStart,
    exception?.end ?? new Date(originalStart.getTime() + duration),
    originalStart,
  );
}
