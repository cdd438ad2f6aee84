import { cancelMeeting } from '../calendar/cancel-meeting.js';
import { answerMeeting, type MeetingAnswer, retireMeetingMessages } from '../calendar/meeting-responses.js';
import type { StoredItem } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { child, type XmlElement } from '../xml/xml-tree.js';
import { moveToDeletedItems } from './delete-semantics.js';
import { planMessage, readDisposition } from './message-disposition.js';
import { type OperationContext, ResponseError } from './operation-context.js';
import { parseCommon } from './parse-item-input.js';
import { type ResolvedItem, resolveItem } from './resolve-item.js';

const ANSWER_BY_ELEMENT: Readonly<Record<string, MeetingAnswer>> = {
  AcceptItem: 'Accept',
  TentativelyAcceptItem: 'Tentative',
  DeclineItem: 'Decline',
};

/** The CreateItem children that answer or cancel a meeting instead of creating an item. */
export function isMeetingResponseObject(name: string): boolean {
  return name in ANSWER_BY_ELEMENT || name === 'CancelCalendarItem' || name === 'RemoveItem';
}

export function referenced(ctx: OperationContext, itemEl: XmlElement): ResolvedItem {
  const ref = child(itemEl, 'ReferenceItemId');
  // The ResponseCode reference: "ErrorMissingInformationReferenceItemId: the ReferenceItemId is missing".
  if (ref === undefined) {
    throw new ResponseError('ErrorMissingInformationReferenceItemId', 'ReferenceItemId is missing.');
  }
  return resolveItem(ctx, ref);
}

/** The attendee's calendar entry a response refers to: the item itself or the request's entry. */
function attendeeEntry(store: MailboxStore, item: StoredItem, suffix: string): StoredItem {
  if (item.kind === 'MeetingCancellation') {
    throw new ResponseError(`ErrorCalendarIsCancelledFor${suffix}`, 'The meeting was cancelled.');
  }
  const entry =
    item.kind === 'MeetingRequest'
      ? store.items.get(item.associatedCalendarItemId ?? '')
      : item.kind === 'CalendarItem'
        ? item
        : undefined;
  if (item.kind !== 'MeetingRequest' && item.kind !== 'CalendarItem') {
    throw new ResponseError(
      'ErrorInvalidReferenceItem',
      'The reference item does not support the requested operation.',
    );
  }
  if (entry?.calendar === undefined) {
    throw new ResponseError(
      'ErrorItemNotFound',
      'The calendar item of this meeting request no longer exists.',
    );
  }
  return entry;
}

function answer(
  ctx: OperationContext,
  request: XmlElement,
  itemEl: XmlElement,
  what: MeetingAnswer,
): StoredItem[] {
  const mode = readDisposition(request, true);
  const { store, view } = referenced(ctx, itemEl);
  const plan = planMessage(ctx, request, { mode, kind: 'MeetingResponse' });
  // The answer names Exchange's error codes too: ErrorCalendarIsOrganizerForAccept, ...
  const suffix = what;
  const entry = attendeeEntry(store, view.item, suffix);
  const data = entry.calendar!;
  if (data.myResponseType === 'Organizer') {
    throw new ResponseError(
      `ErrorCalendarIsOrganizerFor${suffix}`,
      'The organizer cannot respond to their own meeting.',
    );
  }
  if (data.isCancelled) {
    throw new ResponseError(`ErrorCalendarIsCancelledFor${suffix}`, 'The meeting was cancelled.');
  }
  const common = parseCommon(itemEl);
  const result = answerMeeting(ctx.state, store, entry, what, {
    send: plan.sending,
    keepIn: plan.kept,
    ...(common.body === '' ? {} : { body: common.body, bodyType: common.bodyType }),
    now: ctx.now,
  });
  return [result.entry, result.kept].filter((i): i is StoredItem => i !== undefined);
}

/** CancelCalendarItem: the organizer cancels; attendees get MeetingCancellations, the item goes to Deleted Items. */
function cancel(ctx: OperationContext, request: XmlElement, itemEl: XmlElement): StoredItem[] {
  const mode = readDisposition(request, true);
  const { store, view } = referenced(ctx, itemEl);
  const { sending, kept } = planMessage(ctx, request, { mode, kind: 'MeetingCancellation' });
  const item = view.item;
  if (item.kind !== 'CalendarItem' || item.calendar === undefined) {
    throw new ResponseError(
      'ErrorInvalidReferenceItem',
      'The reference item does not support the requested operation.',
    );
  }
  if (item.calendar.myResponseType !== 'Organizer') {
    throw new ResponseError('ErrorCalendarIsNotOrganizer', 'Only the organizer can cancel a meeting.');
  }
  const newBody = child(itemEl, 'NewBodyContent')?.text ?? parseCommon(itemEl).body;
  const savedCopy = cancelMeeting(ctx.state, store, item, {
    ...(view.occurrence === undefined ? {} : { occurrence: view.occurrence.originalStart }),
    notify: sending,
    ...(newBody === '' ? {} : { body: newBody }),
    ...(sending && kept !== undefined ? { keepIn: kept } : {}),
    now: ctx.now,
  });
  // SendAndSaveCopy answers with the saved cancellation (Exchange's Items holds it); other modes with none.
  const answered = savedCopy === undefined ? [] : [savedCopy];
  if (view.occurrence !== undefined) return answered;
  item.calendar.isCancelled = true;
  store.touch(item, ctx.now);
  moveToDeletedItems(ctx.state.transfers, store, item, ctx.now);
  return answered;
}

/** RemoveItem: an attendee removes a cancelled meeting from the calendar (and the cancellation from the inbox). */
function remove(ctx: OperationContext, request: XmlElement, itemEl: XmlElement): StoredItem[] {
  const mode = readDisposition(request, true);
  const { store, view } = referenced(ctx, itemEl);
  planMessage(ctx, request, { mode, kind: 'MeetingCancellation' });
  const item = view.item;
  const entry =
    item.kind === 'MeetingCancellation'
      ? store.items.get(item.associatedCalendarItemId ?? '')
      : item.kind === 'CalendarItem'
        ? item
        : undefined;
  if (item.kind !== 'MeetingCancellation' && item.kind !== 'CalendarItem') {
    throw new ResponseError(
      'ErrorInvalidReferenceItem',
      'The reference item does not support the requested operation.',
    );
  }
  const data = entry?.calendar ?? item.calendar;
  if (data?.myResponseType === 'Organizer') {
    throw new ResponseError(
      'ErrorCalendarIsOrganizerForRemove',
      'The organizer cannot remove their own meeting.',
    );
  }
  if (data === undefined || !data.isCancelled) {
    throw new ResponseError('ErrorInvalidOperation', 'Only a cancelled meeting can be removed.');
  }
  if (entry !== undefined) moveToDeletedItems(ctx.state.transfers, store, entry, ctx.now);
  retireMeetingMessages(ctx.state.transfers, store, data.uid, 'MeetingCancellation', ctx.now);
  return [];
}

/** AcceptItem, TentativelyAcceptItem, DeclineItem, CancelCalendarItem, RemoveItem: the items CreateItem returns. */
export function createMeetingResponse(
  ctx: OperationContext,
  request: XmlElement,
  itemEl: XmlElement,
): StoredItem[] {
  const what = ANSWER_BY_ELEMENT[itemEl.name];
  if (what !== undefined) return answer(ctx, request, itemEl, what);
  return itemEl.name === 'CancelCalendarItem' ? cancel(ctx, request, itemEl) : remove(ctx, request, itemEl);
}
