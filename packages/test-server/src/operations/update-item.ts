import { addedAttendees, keepResponses, removedAttendees } from '../calendar/attendee-lists.js';
import { inviteAttendees } from '../calendar/book-meeting.js';
import { cancelMeeting } from '../calendar/cancel-meeting.js';
import { allDayBounds } from '../calendar/item-time-zones.js';
import { reshapeSeries, type SeriesChange } from '../calendar/series-update.js';
import { ITEM_ELEMENT, viewId } from '../render/item-view.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import type { ExchangeState } from '../store/exchange-state.js';
import type { Attendee, CalendarData, OccurrenceException, StoredItem } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { child, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl } from '../xml/xml-writer.js';
import { extendedChange } from './extended-change.js';
import { resolveTargetFolder } from './folder-ops-shared.js';
import { type ItemUpdater, updaterFor } from './item-updaters.js';
import { syncContact } from './kept-contact.js';
import { readDisposition } from './message-disposition.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import { actorStore } from './resolve-folder.js';
import { itemIdElements, resolveItem } from './resolve-item.js';
import { sendStoredMessage } from './send-stored-message.js';

const CONFLICT_RESOLUTIONS = ['NeverOverwrite', 'AutoResolve', 'AlwaysOverwrite'] as const;
const PATHS = new Set(['FieldURI', 'IndexedFieldURI', 'ExtendedFieldURI']);

interface Change {
  readonly uri: string;
  readonly updater: ItemUpdater;
  /** The property element (undefined for DeleteItemField). */
  readonly value: XmlElement | undefined;
  readonly append: boolean;
}

function readChanges(updates: XmlElement | undefined, item: StoredItem): Change[] {
  return (updates?.children ?? []).map((update) => {
    const path = update.children.find((c) => PATHS.has(c.name));
    if (path?.name === 'ExtendedFieldURI') {
      // An extended property is set or deleted by its own rules (extended-change.ts); on one
      // occurrence it is refused like any property without an occurrence updater.
      const extended = extendedChange(update, path);
      const updater: ItemUpdater = { uri: extended.uri, xml: 'ExtendedProperty', apply: extended.apply };
      return { uri: extended.uri, updater, value: undefined, append: false };
    }
    const updater = updaterFor(path, item);
    const uri = updater.uri;
    if (update.name === 'DeleteItemField') return { uri, updater, value: undefined, append: false };
    const holder = update.children.find((c) => !PATHS.has(c.name));
    const values = (holder?.children ?? []).filter((c) => c.name === updater.xml);
    const value = values[0];
    if (value === undefined || values.length !== 1 || holder?.children.length !== 1) {
      throw new ResponseError(
        'ErrorIncorrectUpdatePropertyCount',
        `The update must hold exactly the ${updater.xml} property.`,
      );
    }
    const append = update.name === 'AppendToItemField';
    if (append && updater.append === undefined) {
      throw new ResponseError('ErrorInvalidPropertyAppend', `The property ${uri} does not support append.`);
    }
    return { uri, updater, value, append };
  });
}

function checkTimes(item: StoredItem): void {
  const data = item.calendar;
  if (data !== undefined && data.end < data.start) {
    throw new ResponseError(
      'ErrorCalendarEndDateIsEarlierThanStartDate',
      'EndDate is earlier than StartDate.',
    );
  }
}

/** Changes of one occurrence become (or update) an exception of its series. */
function updateOccurrence(
  item: StoredItem,
  originalStart: Date,
  current: { start: Date; end: Date },
  changes: Change[],
) {
  const data = item.calendar!;
  const previous = data.exceptions.find((e) => e.originalStart.getTime() === originalStart.getTime());
  let next: OccurrenceException = previous ?? { originalStart, start: current.start, end: current.end };
  for (const change of changes) {
    if (!change.updater.occurrence) {
      throw new ResponseError(
        'ErrorInvalidPropertyForOperation',
        `${change.uri} cannot be changed on one occurrence.`,
      );
    }
    const value = change.value?.text.trim();
    if (change.uri === 'item:Subject') next = { ...next, ...(value === undefined ? {} : { subject: value }) };
    if (change.uri === 'calendar:Location')
      next = { ...next, ...(value === undefined ? {} : { location: value }) };
    if (change.uri === 'calendar:Start' && value) next = { ...next, start: new Date(value) };
    if (change.uri === 'calendar:End' && value) next = { ...next, end: new Date(value) };
  }
  if (next.end < next.start) {
    throw new ResponseError(
      'ErrorCalendarEndDateIsEarlierThanStartDate',
      'EndDate is earlier than StartDate.',
    );
  }
  data.exceptions = [...data.exceptions.filter((e) => e !== previous), next];
}

/**
 * The organizer's changes reach the attendees' copies when updates are sent; a reshaped series
 * (new pattern, range or times) replaces theirs whole, deleted occurrences included.
 */
function propagate(state: ExchangeState, organizerItem: StoredItem, reshaped: boolean): void {
  const source = organizerItem.calendar!;
  for (const store of state.allStores()) {
    for (const item of store.items.values()) {
      const data = item.calendar;
      if (
        item === organizerItem ||
        item.kind !== 'CalendarItem' ||
        data === undefined ||
        data.uid !== source.uid
      )
        continue;
      item.subject = organizerItem.subject;
      data.start = source.start;
      data.end = source.end;
      data.location = source.location;
      data.requiredAttendees = copyAttendees(source.requiredAttendees);
      data.optionalAttendees = copyAttendees(source.optionalAttendees);
      data.resources = copyAttendees(source.resources);
      data.exceptions = source.exceptions.map((e) => ({ ...e }));
      if (reshaped) {
        data.recurrence = source.recurrence;
        data.deletedOccurrences = [...source.deletedOccurrences];
        if (source.timeZone !== undefined) data.timeZone = source.timeZone;
        if (source.endTimeZone !== undefined) data.endTimeZone = source.endTimeZone;
      }
      store.touch(item, state.now());
    }
  }
}

const copyAttendees = (list: readonly Attendee[]): Attendee[] => list.map((a) => ({ ...a }));

/**
 * The organizer edited the attendee lists and sends updates: who was added gets the meeting in their
 * calendar and a meeting request (book-meeting's invitation routine), who was removed a cancellation
 * (cancel-meeting's). Without sending, newcomers stay Unknown and nobody hears of it, as in Exchange.
 */
function sendListChanges(
  ctx: OperationContext,
  store: MailboxStore,
  item: StoredItem,
  before: CalendarData,
): void {
  const after = item.calendar!;
  const added = addedAttendees(before, after);
  const removed = removedAttendees(before, after);
  for (const attendee of added) attendee.responseType = 'NoResponseReceived';
  if (added.length > 0) {
    after.meetingRequestWasSent = true;
    inviteAttendees(ctx.state, store, item, added, ctx.now, true);
  }
  if (removed.length > 0) {
    cancelMeeting(ctx.state, store, item, {
      notify: true,
      only: removed.map((a) => a.person.address),
      now: ctx.now,
    });
  }
}

function applyChange(ctx: OperationContext, request: XmlElement, changeEl: XmlElement) {
  const idEl = itemIdElements(changeEl)[0];
  if (idEl === undefined) throw new ResponseError('ErrorInvalidRequest', 'ItemChange needs an item id.');
  const { store, view } = resolveItem(ctx, idEl);
  const item = view.item;
  const resolution =
    CONFLICT_RESOLUTIONS.find((c) => c === request.attrs.ConflictResolution) ?? 'AutoResolve';
  const sentKey = idEl.attrs.ChangeKey;
  if (resolution !== 'AlwaysOverwrite' && sentKey !== undefined && sentKey !== item.changeKey) {
    throw new ResponseError(
      'ErrorIrresolvableConflict',
      'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
    );
  }
  const changes = readChanges(child(changeEl, 'Updates'), item);
  // Work on a copy so that a failing change leaves the item untouched.
  const draft: StoredItem = structuredClone(item);
  let series: SeriesChange = 'none';
  if (view.occurrence !== undefined) {
    updateOccurrence(draft, view.occurrence.originalStart, view.occurrence, changes);
  } else {
    for (const change of changes) {
      if (change.append && change.value !== undefined) change.updater.append?.(draft, change.value, ctx);
      else change.updater.apply(draft, change.value, ctx);
    }
    if (draft.calendar !== undefined) Object.assign(draft.calendar, allDayBounds(draft.calendar));
    if (item.calendar !== undefined && draft.calendar !== undefined)
      keepResponses(item.calendar, draft.calendar);
    if (draft.kind === 'Contact') syncContact(draft);
    checkTimes(draft);
    if (item.calendar !== undefined && draft.calendar !== undefined) {
      series = reshapeSeries(item.calendar, draft.calendar);
    }
    if (series === 'empty') {
      throw new ResponseError('ErrorRecurrenceHasNoOccurrence', 'The recurrence has no occurrences.');
    }
  }
  const before = item.calendar === undefined ? undefined : structuredClone(item.calendar);
  Object.assign(item, draft);
  store.touch(item, ctx.now);
  const send = request.attrs.SendMeetingInvitationsOrCancellations ?? 'SendToNone';
  if (item.calendar?.myResponseType === 'Organizer' && send !== 'SendToNone') {
    propagate(ctx.state, item, series === 'reshaped');
    // After propagate: a removed attendee's copy ends cancelled, not updated.
    if (before !== undefined && view.occurrence === undefined) sendListChanges(ctx, store, item, before);
  }
  if (item.kind === 'Message' && sendsMessage(request)) {
    sendStoredMessage(ctx, store, item, () => savedCopyFolder(ctx, request));
    // The message left its folder: Exchange answers a sent update without an item.
    return undefined;
  }
  // An occurrence answers with its own id (it became an exception), not the series master's.
  return el(ITEM_ELEMENT[item.kind], null, el('t:ItemId', { Id: viewId(view), ChangeKey: item.changeKey }));
}

/** MessageDisposition SendOnly / SendAndSaveCopy: the updated message is sent. */
function sendsMessage(request: XmlElement): boolean {
  return request.attrs.MessageDisposition !== undefined && readDisposition(request, false) !== 'SaveOnly';
}

/** SendAndSaveCopy keeps the sent message in SavedItemFolderId, else in the actor's own Sent Items. */
function savedCopyFolder(ctx: OperationContext, request: XmlElement) {
  if (readDisposition(request, false) !== 'SendAndSaveCopy') return undefined;
  const saved = child(request, 'SavedItemFolderId');
  if (saved !== undefined) return resolveTargetFolder(ctx, saved, 'ErrorSavedItemFolderNotFound');
  const home = actorStore(ctx);
  return { store: home, folder: home.requireDistinguished('sentitems') };
}

/**
 * UpdateItem: Set/DeleteItemField on a table of properties, change-key conflicts, occurrence exceptions
 * and series changes (recurrence, master Start/End) that regenerate the occurrences; a message updated
 * with MessageDisposition SendOnly / SendAndSaveCopy is then sent.
 */
export const updateItem: OperationHandler = (ctx, request) => {
  const changes = (child(request, 'ItemChanges')?.children ?? []).filter((c) => c.name === 'ItemChange');
  const messages = changes.map((changeEl) =>
    messageFor(
      'UpdateItemResponseMessage',
      () => [
        el('m:Items', null, applyChange(ctx, request, changeEl)),
        el('m:ConflictResults', null, textEl('t:Count', 0)),
      ],
      () => el('m:Items', null),
    ),
  );
  return operationResponse('UpdateItem', messages);
};
