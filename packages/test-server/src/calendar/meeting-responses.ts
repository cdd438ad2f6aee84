import { moveToDeletedItems } from '../operations/delete-semantics.js';
import type { ExchangeState } from '../store/exchange-state.js';
import type { Attendee, FreeBusyStatus, Person, StoredFolder, StoredItem } from '../store/item-model.js';
import type { ItemTransferLog } from '../store/item-transfers.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { moveItem } from '../store/move-item.js';
import { addNewItem } from '../store/new-item.js';
import { personOf } from './book-meeting.js';

/** How an attendee answers a meeting request. */
export type MeetingAnswer = 'Accept' | 'Tentative' | 'Decline';

// What each answer looks like: the MeetingResponse's item class and subject prefix, the entry's free/busy.
const ANSWERS: Readonly<
  Record<MeetingAnswer, { itemClass: string; prefix: string; freeBusy: FreeBusyStatus | undefined }>
> = {
  Accept: { itemClass: 'IPM.Schedule.Meeting.Resp.Pos', prefix: 'Accepted', freeBusy: undefined },
  Tentative: { itemClass: 'IPM.Schedule.Meeting.Resp.Tent', prefix: 'Tentative', freeBusy: 'Tentative' },
  Decline: { itemClass: 'IPM.Schedule.Meeting.Resp.Neg', prefix: 'Declined', freeBusy: 'Free' },
};

export interface AnswerOptions {
  /** Send a MeetingResponse to the organizer (SendOnly / SendAndSaveCopy). */
  readonly send: boolean;
  /** Where the response message is kept: Sent Items for SendAndSaveCopy, Drafts for SaveOnly (or SavedItemFolderId); none for SendOnly. */
  readonly keepIn: { readonly store: MailboxStore; readonly folder: StoredFolder } | undefined;
  readonly body?: string;
  readonly bodyType?: 'HTML' | 'Text';
  readonly now: Date;
}

export interface AnswerResult {
  /** The attendee's calendar entry, unless the answer was Decline (the entry went to Deleted Items). */
  readonly entry: StoredItem | undefined;
  /** The MeetingResponse kept in the attendee's mailbox (draft or sent copy), if any. */
  readonly kept: StoredItem | undefined;
}

function everyAttendee(item: StoredItem): Attendee[] {
  const data = item.calendar;
  return data === undefined ? [] : [...data.requiredAttendees, ...data.optionalAttendees, ...data.resources];
}

/** The organizer's own calendar item of a meeting (same UID), where responses are tracked. */
export function organizerItem(
  state: ExchangeState,
  entry: StoredItem,
): { store: MailboxStore; item: StoredItem } | undefined {
  const data = entry.calendar;
  if (data === undefined) return undefined;
  const store = state.storeFor(data.organizer.address);
  if (store === undefined) return undefined;
  for (const item of store.items.values()) {
    if (
      item.kind === 'CalendarItem' &&
      item.calendar?.uid === data.uid &&
      item.calendar.myResponseType === 'Organizer'
    )
      return { store, item };
  }
  return undefined;
}

/** Moves every meeting message of this meeting (by UID and kind) out of the inbox into Deleted Items. */
export function retireMeetingMessages(
  transfers: ItemTransferLog,
  store: MailboxStore,
  uid: string,
  kind: 'MeetingRequest' | 'MeetingCancellation',
  now: Date,
): void {
  const deleted = store.requireDistinguished('deleteditems').id;
  // Collected first: a move replaces the item in the map under its new id.
  const retired = [...store.items.values()].filter(
    (item) => item.kind === kind && item.calendar?.uid === uid && item.parentFolderId !== deleted,
  );
  for (const item of retired) moveToDeletedItems(transfers, store, item, now);
}

/**
 * An attendee answers a meeting, as Exchange's calendar attendant does it: their entry's MyResponseType
 * and free/busy change (Decline moves it to Deleted Items), the meeting request leaves the inbox and,
 * when sent, the organizer receives a MeetingResponse and their copy records the answer and its time.
 */
export function answerMeeting(
  state: ExchangeState,
  store: MailboxStore,
  answered: StoredItem,
  answer: MeetingAnswer,
  options: AnswerOptions,
): AnswerResult {
  const data = answered.calendar!;
  const rule = ANSWERS[answer];
  const calendarId = store.requireDistinguished('calendar').id;
  const deletedId = store.requireDistinguished('deleteditems').id;
  data.myResponseType = answer;
  const organizer = organizerItem(state, answered);
  // Accepting shows the meeting as the organizer intended it (Busy unless they chose otherwise).
  data.freeBusy = rule.freeBusy ?? organizer?.item.calendar?.freeBusy ?? 'Busy';
  store.touch(answered, options.now);
  // Declining moves the entry to Deleted Items, accepting a declined one brings it back: either way it
  // changes folder, so it has a new id (and the meeting request's link follows it).
  const entry =
    answer === 'Decline'
      ? (moveToDeletedItems(state.transfers, store, answered, options.now) ?? answered)
      : answered.parentFolderId === deletedId
        ? moveItem(state.transfers, store, answered, calendarId, options.now)
        : answered;
  retireMeetingMessages(state.transfers, store, data.uid, 'MeetingRequest', options.now);

  const me = personOf(store.owner);
  if (options.send && organizer !== undefined) {
    const wanted = me.address.toLowerCase();
    for (const attendee of everyAttendee(organizer.item)) {
      if (attendee.person.address.toLowerCase() !== wanted) continue;
      attendee.responseType = answer;
      attendee.lastResponseTime = options.now;
    }
    organizer.store.touch(organizer.item, options.now);
    deliverResponse(organizer.store, organizer.store.requireDistinguished('inbox').id, {
      entry,
      answer,
      from: me,
      options,
      isDraft: false,
      associated: organizer.item.id,
    });
  }
  const kept =
    options.keepIn === undefined
      ? undefined
      : deliverResponse(options.keepIn.store, options.keepIn.folder.id, {
          entry,
          answer,
          from: me,
          options,
          isDraft: !options.send,
          associated: entry.id,
        });
  return { entry: answer === 'Decline' ? undefined : entry, kept };
}

function deliverResponse(
  store: MailboxStore,
  folderId: string,
  what: {
    entry: StoredItem;
    answer: MeetingAnswer;
    from: Person;
    options: AnswerOptions;
    isDraft: boolean;
    associated: string;
  },
): StoredItem {
  const { entry, answer, options } = what;
  const data = entry.calendar!;
  const rule = ANSWERS[answer];
  const calendar = structuredClone(data);
  calendar.myResponseType = answer;
  return addNewItem(store, {
    kind: 'MeetingResponse',
    itemClass: rule.itemClass,
    folderId,
    subject: `${rule.prefix}: ${entry.subject.replace(/^Canceled: /, '')}`,
    body: options.body ?? '',
    bodyType: options.bodyType ?? 'Text',
    created: options.now,
    received: options.now,
    ...(what.isDraft ? {} : { sent: options.now }),
    associatedCalendarItemId: what.associated,
    message: {
      from: what.from,
      to: [data.organizer],
      cc: [],
      // The organizer has not read it yet; the sender's own copy is read.
      isRead: store.owner.address.toLowerCase() === what.from.address.toLowerCase(),
      isDraft: what.isDraft,
      internetMessageId: `<resp.${data.uid}.${store.index}.${options.now.getTime()}@test-server>`,
    },
    calendar,
  });
}
