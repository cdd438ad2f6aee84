import { lastOriginalStart, originalStarts } from '../calendar/recurrence-expansion.js';
import type { ItemKind, Recurrence } from '../store/item-model.js';
import { makeOccurrenceId } from '../store/mailbox-store.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';
import {
  calendarItemType,
  type ItemView,
  viewEnd,
  viewId,
  viewLocation,
  viewStart,
  viewSubject,
} from './item-view.js';
import {
  attendees,
  formatDate,
  formatDateTime,
  formatDuration,
  recipients,
  singleRecipient,
} from './values.js';

/** A value restrictions and sort orders compare. */
export type FieldValue = string | number | boolean | Date | undefined;

/**
 * One property of an item: its FieldURI, which kinds have it, whether the Default shape returns it,
 * whether FindItem may return it, how it is written and what value queries see. Table order is
 * schema (wire) order.
 */
export interface ItemField {
  readonly uri: string;
  readonly kinds: readonly ItemKind[] | 'all';
  readonly inDefault: boolean;
  /** FindItem never returns these (Exchange returns bodies and recipient lists only from GetItem). */
  readonly getItemOnly?: boolean;
  readonly write: (view: ItemView) => XmlContent;
  readonly value?: (view: ItemView) => FieldValue;
}

const bool = (name: string, value: boolean | undefined): XmlContent => textEl(name, value);
const date = (name: string, value: Date | undefined): XmlContent =>
  value === undefined ? undefined : textEl(name, formatDateTime(value));

function recurrenceXml(recurrence: Recurrence): XmlContent {
  const pattern = recurrence.pattern;
  const patternXml =
    pattern.type === 'Daily'
      ? el('t:DailyRecurrence', null, textEl('t:Interval', pattern.interval))
      : el(
          't:WeeklyRecurrence',
          null,
          textEl('t:Interval', pattern.interval),
          textEl('t:DaysOfWeek', pattern.daysOfWeek.join(' ')),
          textEl('t:FirstDayOfWeek', 'Sunday'),
        );
  const start = textEl('t:StartDate', formatDate(recurrence.startDate));
  const range =
    recurrence.numberOfOccurrences !== undefined
      ? el(
          't:NumberedRecurrence',
          null,
          start,
          textEl('t:NumberOfOccurrences', recurrence.numberOfOccurrences),
        )
      : recurrence.endDate !== undefined
        ? el('t:EndDateRecurrence', null, start, textEl('t:EndDate', formatDate(recurrence.endDate)))
        : el('t:NoEndRecurrence', null, start);
  return el('t:Recurrence', null, patternXml, range);
}

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

const ITEM_BASE: readonly ItemField[] = [
  {
    uri: 'item:ParentFolderId',
    kinds: 'all',
    inDefault: false,
    write: (v) => el('t:ParentFolderId', { Id: v.item.parentFolderId, ChangeKey: 'AQAAAA==' }),
  },
  {
    uri: 'item:ItemClass',
    kinds: 'all',
    inDefault: false,
    write: (v) => textEl('t:ItemClass', v.item.itemClass),
    value: (v) => v.item.itemClass,
  },
  {
    uri: 'item:Subject',
    kinds: 'all',
    inDefault: true,
    write: (v) => textEl('t:Subject', viewSubject(v)),
    value: (v) => viewSubject(v),
  },
  {
    uri: 'item:Sensitivity',
    kinds: 'all',
    inDefault: true,
    write: (v) => textEl('t:Sensitivity', v.item.sensitivity),
    value: (v) => v.item.sensitivity,
  },
  {
    uri: 'item:Body',
    kinds: 'all',
    inDefault: true,
    getItemOnly: true,
    write: (v) => el('t:Body', { BodyType: v.item.bodyType }, v.item.body),
  },
  {
    uri: 'item:DateTimeReceived',
    kinds: 'all',
    inDefault: true,
    write: (v) => date('t:DateTimeReceived', v.item.dateTimeReceived),
    value: (v) => v.item.dateTimeReceived,
  },
  {
    uri: 'item:Size',
    kinds: 'all',
    inDefault: true,
    write: (v) => textEl('t:Size', 200 + Buffer.byteLength(v.item.subject + v.item.body)),
    value: (v) => 200 + Buffer.byteLength(v.item.subject + v.item.body),
  },
  {
    uri: 'item:Categories',
    kinds: 'all',
    inDefault: false,
    write: (v) =>
      v.item.categories.length === 0
        ? undefined
        : el(
            't:Categories',
            null,
            v.item.categories.map((c) => textEl('t:String', c)),
          ),
    value: (v) => v.item.categories.join(';'),
  },
  {
    uri: 'item:Importance',
    kinds: 'all',
    inDefault: true,
    write: (v) => textEl('t:Importance', v.item.importance),
    value: (v) => v.item.importance,
  },
  {
    uri: 'item:DateTimeSent',
    kinds: 'all',
    inDefault: true,
    write: (v) => date('t:DateTimeSent', v.item.dateTimeSent),
    value: (v) => v.item.dateTimeSent,
  },
  {
    uri: 'item:DateTimeCreated',
    kinds: 'all',
    inDefault: true,
    write: (v) => date('t:DateTimeCreated', v.item.dateTimeCreated),
    value: (v) => v.item.dateTimeCreated,
  },
  {
    uri: 'item:DisplayCc',
    kinds: 'all',
    inDefault: true,
    write: (v) => textEl('t:DisplayCc', (v.item.message?.cc ?? []).map((p) => p.name).join('; ')),
  },
  {
    uri: 'item:DisplayTo',
    kinds: 'all',
    inDefault: true,
    write: (v) => textEl('t:DisplayTo', displayTo(v)),
    value: (v) => displayTo(v),
  },
  {
    uri: 'item:HasAttachments',
    kinds: 'all',
    inDefault: true,
    write: () => bool('t:HasAttachments', false),
    value: () => false,
  },
  {
    uri: 'item:LastModifiedTime',
    kinds: 'all',
    inDefault: false,
    write: (v) => date('t:LastModifiedTime', v.item.lastModifiedTime),
    value: (v) => v.item.lastModifiedTime,
  },
];

function displayTo(view: ItemView): string {
  const message = view.item.message;
  if (message) return message.to.map((p) => p.name).join('; ');
  return (view.item.calendar?.requiredAttendees ?? []).map((a) => a.person.name).join('; ');
}

const MESSAGE_FIELDS: readonly ItemField[] = [
  {
    uri: 'message:Sender',
    kinds: ['Message'],
    inDefault: false,
    write: (v) => singleRecipient('t:Sender', v.item.message?.from),
  },
  {
    uri: 'message:ToRecipients',
    kinds: ['Message'],
    inDefault: true,
    getItemOnly: true,
    write: (v) => recipients('t:ToRecipients', v.item.message?.to ?? []),
  },
  {
    uri: 'message:CcRecipients',
    kinds: ['Message'],
    inDefault: true,
    getItemOnly: true,
    write: (v) => recipients('t:CcRecipients', v.item.message?.cc ?? []),
  },
  {
    uri: 'message:From',
    kinds: ['Message'],
    inDefault: true,
    write: (v) => singleRecipient('t:From', v.item.message?.from),
    value: (v) => v.item.message?.from?.address,
  },
  {
    uri: 'message:InternetMessageId',
    kinds: ['Message'],
    inDefault: false,
    write: (v) => textEl('t:InternetMessageId', v.item.message?.internetMessageId),
    value: (v) => v.item.message?.internetMessageId,
  },
  {
    uri: 'message:IsRead',
    kinds: ['Message'],
    inDefault: true,
    write: (v) => bool('t:IsRead', v.item.message?.isRead),
    value: (v) => v.item.message?.isRead,
  },
];

const CALENDAR_FIELDS: readonly ItemField[] = [
  {
    uri: 'calendar:UID',
    kinds: ['CalendarItem'],
    inDefault: true,
    write: (v) => textEl('t:UID', v.item.calendar?.uid),
  },
  {
    uri: 'calendar:Start',
    kinds: ['CalendarItem'],
    inDefault: true,
    write: (v) => date('t:Start', viewStart(v)),
    value: viewStart,
  },
  {
    uri: 'calendar:End',
    kinds: ['CalendarItem'],
    inDefault: true,
    write: (v) => date('t:End', viewEnd(v)),
    value: viewEnd,
  },
  {
    uri: 'calendar:OriginalStart',
    kinds: ['CalendarItem'],
    inDefault: false,
    write: (v) => date('t:OriginalStart', v.occurrence?.originalStart),
  },
  {
    uri: 'calendar:IsAllDayEvent',
    kinds: ['CalendarItem'],
    inDefault: true,
    write: (v) => bool('t:IsAllDayEvent', v.item.calendar?.isAllDay),
    value: (v) => v.item.calendar?.isAllDay,
  },
  {
    uri: 'calendar:LegacyFreeBusyStatus',
    kinds: ['CalendarItem'],
    inDefault: true,
    write: (v) => textEl('t:LegacyFreeBusyStatus', v.item.calendar?.freeBusy),
    value: (v) => v.item.calendar?.freeBusy,
  },
  {
    uri: 'calendar:Location',
    kinds: ['CalendarItem'],
    inDefault: true,
    write: (v) => textEl('t:Location', viewLocation(v)),
    value: viewLocation,
  },
  {
    uri: 'calendar:IsMeeting',
    kinds: ['CalendarItem'],
    inDefault: true,
    write: (v) => bool('t:IsMeeting', v.item.calendar?.isMeeting),
  },
  {
    uri: 'calendar:IsCancelled',
    kinds: ['CalendarItem'],
    inDefault: true,
    write: (v) => bool('t:IsCancelled', v.item.calendar?.isCancelled),
  },
  {
    uri: 'calendar:IsRecurring',
    kinds: ['CalendarItem'],
    inDefault: true,
    write: (v) => bool('t:IsRecurring', v.occurrence !== undefined),
  },
  {
    uri: 'calendar:MeetingRequestWasSent',
    kinds: ['CalendarItem'],
    inDefault: true,
    write: (v) => bool('t:MeetingRequestWasSent', v.item.calendar?.meetingRequestWasSent),
  },
  {
    uri: 'calendar:CalendarItemType',
    kinds: ['CalendarItem'],
    inDefault: true,
    write: (v) => textEl('t:CalendarItemType', calendarItemType(v)),
    value: calendarItemType,
  },
  {
    uri: 'calendar:MyResponseType',
    kinds: ['CalendarItem'],
    inDefault: true,
    write: (v) => textEl('t:MyResponseType', v.item.calendar?.myResponseType),
    value: (v) => v.item.calendar?.myResponseType,
  },
  {
    uri: 'calendar:Organizer',
    kinds: ['CalendarItem'],
    inDefault: true,
    write: (v) => singleRecipient('t:Organizer', v.item.calendar?.organizer),
    value: (v) => v.item.calendar?.organizer.address,
  },
  {
    uri: 'calendar:RequiredAttendees',
    kinds: ['CalendarItem'],
    inDefault: true,
    getItemOnly: true,
    write: (v) => attendees('t:RequiredAttendees', v.item.calendar?.requiredAttendees ?? []),
  },
  {
    uri: 'calendar:OptionalAttendees',
    kinds: ['CalendarItem'],
    inDefault: true,
    getItemOnly: true,
    write: (v) => attendees('t:OptionalAttendees', v.item.calendar?.optionalAttendees ?? []),
  },
  {
    uri: 'calendar:Resources',
    kinds: ['CalendarItem'],
    inDefault: true,
    getItemOnly: true,
    write: (v) => attendees('t:Resources', v.item.calendar?.resources ?? []),
  },
  {
    uri: 'calendar:Duration',
    kinds: ['CalendarItem'],
    inDefault: true,
    write: (v) => {
      const start = viewStart(v);
      const end = viewEnd(v);
      return start && end ? textEl('t:Duration', formatDuration(end.getTime() - start.getTime())) : undefined;
    },
  },
  {
    uri: 'calendar:Recurrence',
    kinds: ['CalendarItem'],
    inDefault: true,
    getItemOnly: true,
    write: (v) =>
      masterOnly(v) && v.item.calendar?.recurrence ? recurrenceXml(v.item.calendar.recurrence) : undefined,
  },
  {
    uri: 'calendar:FirstOccurrence',
    kinds: ['CalendarItem'],
    inDefault: true,
    getItemOnly: true,
    write: (v) => {
      const data = v.item.calendar;
      if (!masterOnly(v) || !data) return undefined;
      const first = originalStarts(data, new Date(8.64e15)).at(0);
      return first ? seriesEdge('t:FirstOccurrence', v, first) : undefined;
    },
  },
  {
    uri: 'calendar:LastOccurrence',
    kinds: ['CalendarItem'],
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
    kinds: ['CalendarItem'],
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
    kinds: ['CalendarItem'],
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

const CONTACT_FIELDS: readonly ItemField[] = [
  {
    uri: 'contacts:FileAs',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) =>
      textEl(
        't:FileAs',
        v.item.contact ? `${v.item.contact.surname}, ${v.item.contact.givenName}` : undefined,
      ),
  },
  {
    uri: 'contacts:DisplayName',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) => textEl('t:DisplayName', v.item.contact?.displayName),
    value: (v) => v.item.contact?.displayName,
  },
  {
    uri: 'contacts:GivenName',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) => textEl('t:GivenName', v.item.contact?.givenName),
    value: (v) => v.item.contact?.givenName,
  },
  {
    uri: 'contacts:CompanyName',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) => textEl('t:CompanyName', v.item.contact?.companyName),
    value: (v) => v.item.contact?.companyName,
  },
  {
    uri: 'contacts:EmailAddresses',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) =>
      v.item.contact?.emailAddress === undefined
        ? undefined
        : el('t:EmailAddresses', null, el('t:Entry', { Key: 'EmailAddress1' }, v.item.contact.emailAddress)),
    value: (v) => v.item.contact?.emailAddress,
  },
  {
    uri: 'contacts:PhoneNumbers',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) =>
      v.item.contact?.phone === undefined
        ? undefined
        : el('t:PhoneNumbers', null, el('t:Entry', { Key: 'BusinessPhone' }, v.item.contact.phone)),
  },
  {
    uri: 'contacts:JobTitle',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) => textEl('t:JobTitle', v.item.contact?.jobTitle),
    value: (v) => v.item.contact?.jobTitle,
  },
  {
    uri: 'contacts:Surname',
    kinds: ['Contact'],
    inDefault: true,
    write: (v) => textEl('t:Surname', v.item.contact?.surname),
    value: (v) => v.item.contact?.surname,
  },
];

const TASK_FIELDS: readonly ItemField[] = [
  {
    uri: 'task:DueDate',
    kinds: ['Task'],
    inDefault: true,
    write: (v) => date('t:DueDate', v.item.task?.dueDate),
    value: (v) => v.item.task?.dueDate,
  },
  {
    uri: 'task:IsComplete',
    kinds: ['Task'],
    inDefault: true,
    write: (v) => bool('t:IsComplete', v.item.task?.status === 'Completed'),
    value: (v) => v.item.task?.status === 'Completed',
  },
  {
    uri: 'task:PercentComplete',
    kinds: ['Task'],
    inDefault: true,
    write: (v) => textEl('t:PercentComplete', v.item.task?.percentComplete),
    value: (v) => v.item.task?.percentComplete,
  },
  {
    uri: 'task:Status',
    kinds: ['Task'],
    inDefault: true,
    write: (v) => textEl('t:Status', v.item.task?.status),
    value: (v) => v.item.task?.status,
  },
];

/** Every field the test server knows, in wire order: ItemType's fields, then each kind's own. */
export const ITEM_FIELDS: readonly ItemField[] = [
  ...ITEM_BASE,
  ...MESSAGE_FIELDS,
  ...CALENDAR_FIELDS,
  ...CONTACT_FIELDS,
  ...TASK_FIELDS,
];

const BY_URI = new Map(ITEM_FIELDS.map((f) => [f.uri, f]));

export function itemField(uri: string): ItemField | undefined {
  return BY_URI.get(uri);
}

export function fieldApplies(field: ItemField, kind: ItemKind): boolean {
  return field.kinds === 'all' || field.kinds.includes(kind);
}

export { viewId };
