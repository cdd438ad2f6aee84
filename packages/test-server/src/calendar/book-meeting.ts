import type { DirectoryMailbox } from '../directory/directory.js';
import type { ExchangeState } from '../store/exchange-state.js';
import type {
  Attendee,
  CalendarData,
  FreeBusyStatus,
  Person,
  Recurrence,
  ResponseType,
  StoredItem,
} from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { addNewItem } from '../store/new-item.js';
import { newGlobalObjectIdUid } from './global-object-id.js';
import { occurrencesInRange, originalStarts } from './recurrence-expansion.js';

export type SendInvitations = 'SendToNone' | 'SendOnlyToAll' | 'SendToAllAndSaveCopy';

export interface MeetingInput {
  readonly subject: string;
  readonly body?: string;
  readonly start: Date;
  readonly end: Date;
  readonly isAllDay?: boolean;
  readonly location?: string;
  readonly freeBusy?: FreeBusyStatus;
  readonly required?: readonly Person[];
  readonly optional?: readonly Person[];
  readonly resources?: readonly Person[];
  readonly recurrence?: Recurrence;
  /** Windows or IANA id; recurring meetings keep their local time in it. */
  readonly timeZone?: string;
  /** EndTimeZone's Windows id, when it differs from the start's. */
  readonly endTimeZone?: string;
  readonly categories?: readonly string[];
  readonly uid?: string;
}

export function personOf(mailbox: DirectoryMailbox): Person {
  return { name: mailbox.name, address: mailbox.address, mailboxType: 'Mailbox' };
}

/** Busy (non-free) periods of a calendar that overlap [from, to). */
export function busyPeriods(
  store: MailboxStore,
  from: Date,
  to: Date,
): { start: Date; end: Date; item: StoredItem }[] {
  const calendar = store.requireDistinguished('calendar');
  return store.itemsIn(calendar.id).flatMap((item) => {
    const data = item.calendar;
    if (data === undefined || data.isCancelled || data.freeBusy === 'Free') return [];
    return occurrencesInRange(data, from, to).map((o) => ({ start: o.start, end: o.end, item }));
  });
}

// A room checks this many occurrences of a recurring request for conflicts.
const ROOM_CONFLICT_CHECK_OCCURRENCES = 100;

function roomIsFree(store: MailboxStore, meeting: CalendarData): boolean {
  const duration = meeting.end.getTime() - meeting.start.getTime();
  const starts = originalStarts(meeting, new Date(meeting.start.getTime() + 3 * 365 * 86_400_000)).slice(
    0,
    ROOM_CONFLICT_CHECK_OCCURRENCES,
  );
  return starts.every(
    (start) => busyPeriods(store, start, new Date(start.getTime() + duration)).length === 0,
  );
}

/** The calendar data of a meeting before attendees are added. */
export function emptyCalendar(
  meeting: MeetingInput,
  organizer: Person,
  myResponse: ResponseType,
): CalendarData {
  return {
    start: meeting.start,
    end: meeting.end,
    isAllDay: meeting.isAllDay ?? false,
    location: meeting.location,
    organizer,
    requiredAttendees: [],
    optionalAttendees: [],
    resources: [],
    freeBusy: meeting.freeBusy ?? 'Busy',
    uid: meeting.uid ?? '',
    myResponseType: myResponse,
    isMeeting: false,
    isCancelled: false,
    meetingRequestWasSent: false,
    recurrence: meeting.recurrence,
    ...(meeting.timeZone === undefined ? {} : { timeZone: meeting.timeZone }),
    ...(meeting.endTimeZone === undefined ? {} : { endTimeZone: meeting.endTimeZone }),
    exceptions: [],
    deletedOccurrences: [],
  };
}

/** A new meeting UID in Outlook's GlobalObjectId form, unique per server. */
/** A new meeting's UID: the hex of a well-formed clean GlobalObjectId, as Exchange makes them. */
export function newMeetingUid(state: ExchangeState): string {
  return newGlobalObjectIdUid(state.ids.next(), state.now());
}

/**
 * The organizer's calendar data of a meeting: UID, the three attendee lists (all answering
 * `initialResponse`) and IsMeeting, which resources count towards as much as people do.
 */
export function meetingCalendar(
  state: ExchangeState,
  meeting: MeetingInput,
  organizer: Person,
  initialResponse: ResponseType,
): CalendarData {
  const toAttendee = (person: Person): Attendee => ({ person, responseType: initialResponse });
  const data = emptyCalendar(meeting, organizer, 'Organizer');
  data.uid = meeting.uid ?? newMeetingUid(state);
  data.requiredAttendees = (meeting.required ?? []).map(toAttendee);
  data.optionalAttendees = (meeting.optional ?? []).map(toAttendee);
  data.resources = (meeting.resources ?? []).map(toAttendee);
  data.isMeeting = data.requiredAttendees.length + data.optionalAttendees.length + data.resources.length > 0;
  return data;
}

function copyAttendees(list: readonly Attendee[]): Attendee[] {
  return list.map((a) => ({ person: a.person, responseType: a.responseType }));
}

/**
 * Saves a meeting in the organizer's calendar and, when invitations are sent, in every internal
 * attendee's calendar. Rooms auto-accept when free and decline on a conflict (Exchange's resource
 * booking attendant defaults).
 */
export function bookMeeting(
  state: ExchangeState,
  organizerStore: MailboxStore,
  meeting: MeetingInput,
  send: SendInvitations,
  folderId?: string,
  /** Also deliver MeetingRequest messages to people's inboxes (seeded history has none). */
  deliverRequests = false,
): StoredItem {
  const now = state.now();
  const organizer = personOf(organizerStore.owner);
  const invitationsSent = send !== 'SendToNone';
  const initial: ResponseType = invitationsSent ? 'NoResponseReceived' : 'Unknown';
  const data = meetingCalendar(state, meeting, organizer, initial);
  data.meetingRequestWasSent = invitationsSent && data.isMeeting;
  if (!data.isMeeting) data.myResponseType = 'Organizer';

  const item = addNewItem(organizerStore, {
    kind: 'CalendarItem',
    folderId: folderId ?? organizerStore.requireDistinguished('calendar').id,
    subject: meeting.subject,
    body: meeting.body ?? '',
    created: now,
    categories: meeting.categories ?? [],
    calendar: data,
  });
  if (!invitationsSent) return item;
  inviteAttendees(state, organizerStore, item, allAttendeesOf(data), now, deliverRequests);
  return item;
}

function allAttendeesOf(data: CalendarData): Attendee[] {
  return [...data.requiredAttendees, ...data.optionalAttendees, ...data.resources];
}

/**
 * Puts the organizer's meeting in the calendars of these (internal) attendees, tentative until they
 * answer (rooms: accepted), and with `deliverRequests` a MeetingRequest in each person's inbox. Who
 * declined (a busy room) or has no mailbox here gets nothing. Used when a meeting is booked and when
 * the organizer adds attendees to it with UpdateItem.
 */
export function inviteAttendees(
  state: ExchangeState,
  organizerStore: MailboxStore,
  item: StoredItem,
  invited: readonly Attendee[],
  now: Date,
  deliverRequests: boolean,
): void {
  const data = item.calendar!;
  // Rooms answer first (free: accepted, a conflict: declined), so every copy shows their answers.
  for (const attendee of invited) {
    const store = state.storeFor(attendee.person.address);
    if (store === undefined || store === organizerStore || store.owner.kind !== 'room') continue;
    attendee.responseType = roomIsFree(store, data) ? 'Accept' : 'Decline';
  }
  for (const attendee of invited) {
    const store = state.storeFor(attendee.person.address);
    if (store === undefined || store === organizerStore || attendee.responseType === 'Decline') continue;
    const isRoom = store.owner.kind === 'room';
    const copy: CalendarData = {
      ...data,
      requiredAttendees: copyAttendees(data.requiredAttendees),
      optionalAttendees: copyAttendees(data.optionalAttendees),
      resources: copyAttendees(data.resources),
      myResponseType: isRoom ? 'Accept' : 'NoResponseReceived',
      freeBusy: isRoom ? data.freeBusy : 'Tentative',
      meetingRequestWasSent: false,
      exceptions: [...data.exceptions],
      deletedOccurrences: [...data.deletedOccurrences],
    };
    const entry = addNewItem(store, {
      kind: 'CalendarItem',
      folderId: store.requireDistinguished('calendar').id,
      subject: item.subject,
      body: item.body,
      created: now,
      received: now,
      calendar: copy,
    });
    if (deliverRequests && !isRoom) deliverMeetingRequest(store, item, entry, now);
  }
}

/** A MeetingRequest in the attendee's inbox, pointing at their tentative calendar entry. */
function deliverMeetingRequest(
  store: MailboxStore,
  organizerItem: StoredItem,
  entry: StoredItem,
  now: Date,
): void {
  const data = organizerItem.calendar!;
  addNewItem(store, {
    kind: 'MeetingRequest',
    folderId: store.requireDistinguished('inbox').id,
    subject: organizerItem.subject,
    body: organizerItem.body,
    created: now,
    received: now,
    sent: now,
    associatedCalendarItemId: entry.id,
    message: {
      from: data.organizer,
      to: [...data.requiredAttendees, ...data.resources].map((a) => a.person),
      cc: data.optionalAttendees.map((a) => a.person),
      isRead: false,
      isDraft: false,
      internetMessageId: `<${data.uid}.${store.index}@test-server>`,
    },
    calendar: structuredClone(entry.calendar!),
  });
}

/** Sets how one attendee answered, in every copy of the meeting (same UID). */
export function recordResponse(
  state: ExchangeState,
  uid: string,
  address: string,
  response: ResponseType,
): void {
  const wanted = address.toLowerCase();
  for (const store of state.allStores()) {
    for (const item of store.items.values()) {
      const data = item.calendar;
      if (data === undefined || data.uid !== uid) continue;
      for (const attendee of [...data.requiredAttendees, ...data.optionalAttendees, ...data.resources]) {
        if (attendee.person.address.toLowerCase() === wanted) attendee.responseType = response;
      }
      if (store.owner.address.toLowerCase() === wanted) {
        data.myResponseType = response;
        data.freeBusy =
          response === 'Accept' ? 'Busy' : response === 'Tentative' ? 'Tentative' : data.freeBusy;
      }
    }
  }
}
