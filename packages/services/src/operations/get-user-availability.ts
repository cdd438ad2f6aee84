import {
  child,
  children,
  childText,
  decodeResponseMessage,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  integerInRange,
  responseMessageError,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { boolean, dateTime, enumKind, type ScalarKind } from '@ews/models';
import { allFailed, countMismatchError } from '../internal/outcomes.js';
import { childValue } from '../internal/scalar-values.js';
import { utcDateTime } from '../internal/xml.js';
import type { Outcome } from '../outcome.js';
import { decodeMergedFreeBusy, type FreeBusySlot } from './merged-free-busy.js';
import {
  buildSuggestionsViewOptions,
  type SuggestionDay,
  type SuggestionsViewOptions,
  suggestionDaysFrom,
} from './suggestions.js';
import { instant, type WorkingHours, workingHoursFrom } from './working-hours.js';

export type FreeBusyViewKind = 'FreeBusy' | 'Detailed' | 'FreeBusyMerged' | 'DetailedMerged' | 'MergedOnly';
export type AvailabilityAttendeeType = 'Organizer' | 'Required' | 'Optional' | 'Room' | 'Resource';
export type BusyType = 'Free' | 'Tentative' | 'Busy' | 'OOF' | 'WorkingElsewhere' | 'NoData';

// t:LegacyFreeBusyType: a value outside it is a broken answer, not a busy type to guess.
export const busyType = enumKind<BusyType>('LegacyFreeBusyType', [
  'Free',
  'Tentative',
  'Busy',
  'OOF',
  'WorkingElsewhere',
  'NoData',
]);
// t:FreeBusyViewType as answered: the view the server gave, which may be less than asked for
// (Detailed becomes FreeBusy for a caller without permission to see details).
const viewType = enumKind<FreeBusyViewKind | 'None'>('FreeBusyViewType', [
  'None',
  'MergedOnly',
  'FreeBusy',
  'FreeBusyMerged',
  'Detailed',
  'DetailedMerged',
]);
const VIEW_KINDS: readonly FreeBusyViewKind[] = [
  'FreeBusy',
  'Detailed',
  'FreeBusyMerged',
  'DetailedMerged',
  'MergedOnly',
];
const ATTENDEE_TYPES: readonly AvailabilityAttendeeType[] = [
  'Organizer',
  'Required',
  'Optional',
  'Room',
  'Resource',
];

/** Exchange answers at most 100 mailboxes per GetUserAvailability (ErrorMailboxDataArrayTooBig). */
export const MAX_AVAILABILITY_MAILBOXES = 100;
// The most events one mailbox's view may list: far above a 62-day window of back-to-back
// 5-minute meetings; a longer list is a broken (or hostile) answer.
const MAX_EVENTS_PER_MAILBOX = 20_000;

export interface AvailabilityMailbox {
  readonly address: string;
  readonly attendeeType?: AvailabilityAttendeeType | undefined;
  /** Leave this mailbox's conflicts out of suggestions (t:ExcludeConflicts). */
  readonly excludeConflicts?: boolean | undefined;
}

export interface GetUserAvailabilityParams {
  readonly mailboxes: readonly AvailabilityMailbox[];
  /** The free/busy window; with `view`, the request asks for free/busy. */
  readonly start?: Date | undefined;
  readonly end?: Date | undefined;
  /** The free/busy view; leave out (with start and end) for a suggestions-only request. */
  readonly view?: FreeBusyViewKind | undefined;
  /** Interval of the merged free/busy string, in minutes (5…1440, default 30). */
  readonly mergedIntervalMinutes?: number | undefined;
  /** Ask for meeting-time suggestions too (t:SuggestionsViewOptions). */
  readonly suggestions?: SuggestionsViewOptions | undefined;
}

export interface CalendarEventDetails {
  readonly id?: string | undefined;
  readonly subject?: string | undefined;
  readonly location?: string | undefined;
  readonly isMeeting?: boolean | undefined;
  readonly isRecurring?: boolean | undefined;
  readonly isException?: boolean | undefined;
  readonly isReminderSet?: boolean | undefined;
  readonly isPrivate?: boolean | undefined;
}

export interface CalendarEvent {
  readonly start: Date;
  readonly end: Date;
  readonly busyType: BusyType;
  /** Present in Detailed views when the caller may see details. */
  readonly details?: CalendarEventDetails | undefined;
}

export interface FreeBusy {
  readonly address: string;
  /** The view the server answered with (Detailed may come back as FreeBusy without permission). */
  readonly viewType: FreeBusyViewKind | 'None';
  /** The raw merged string, one digit per interval (0 free, 1 tentative, 2 busy, 3 OOF, 4 no data, 5 elsewhere). */
  readonly merged: string | undefined;
  /** The merged string decoded: one slot per interval from the window's start (merged views). */
  readonly mergedSlots: readonly FreeBusySlot[] | undefined;
  /** The calendar events in the window (every view but MergedOnly). */
  readonly events: readonly CalendarEvent[];
  /** The mailbox's working hours, in its own zone, when the server sent them. */
  readonly workingHours: WorkingHours | undefined;
}

export interface GetUserAvailabilityResult {
  /** One outcome per mailbox, in request order (free/busy requests only). */
  readonly freeBusy: readonly Outcome<FreeBusy>[] | undefined;
  /** The suggested days (suggestion requests only). */
  readonly suggestions: readonly SuggestionDay[] | undefined;
}

// The request's times are local to this zone; UTC (no daylight saving) keeps them exact.
const noTransition = (name: string) =>
  el(name, {}, [
    el('t:Bias', {}, 0),
    el('t:Time', {}, '00:00:00'),
    el('t:DayOrder', {}, 1),
    el('t:Month', {}, 1),
    el('t:DayOfWeek', {}, 'Sunday'),
  ]);
const UTC_ZONE = el('t:TimeZone', {}, [
  el('t:Bias', {}, 0),
  noTransition('t:StandardTime'),
  noTransition('t:DaylightTime'),
]);

/** A time as the request writes it: UTC wall clock, to the second (what the server then answers from). */
const local = (date: Date) => utcDateTime(date).replace(/Z$/, '');
const toSecond = (date: Date) => instant(Math.floor(date.getTime() / 1000) * 1000);

/** The free/busy part's window and interval, checked; undefined for a suggestions-only request. */
function freeBusyWindow(
  params: GetUserAvailabilityParams,
): { start: Date; end: Date; view: FreeBusyViewKind; interval: number } | undefined {
  if (params.view === undefined) {
    if (params.suggestions === undefined)
      throw new EwsInvalidArgumentError('Availability needs a free/busy view, suggestions, or both');
    return undefined;
  }
  if (!VIEW_KINDS.includes(params.view))
    throw new EwsInvalidArgumentError(`view must be one of ${VIEW_KINDS.join(', ')}`);
  const { start, end } = params;
  if (!(start instanceof Date) || !(end instanceof Date) || !(start.getTime() < end.getTime()))
    throw new EwsInvalidArgumentError('Availability needs start < end');
  // FreeBusyViewOptions' interval: 5…1440 minutes (exchangelib checks the same).
  const interval = integerInRange('mergedIntervalMinutes', params.mergedIntervalMinutes ?? 30, 5, 1440);
  return { start: toSecond(start), end: toSecond(end), view: params.view, interval };
}

/** Checks what buildGetUserAvailability would refuse, without building it (for callers that batch). */
export function checkGetUserAvailabilityParams(params: GetUserAvailabilityParams): void {
  freeBusyWindow(params);
  for (const mailbox of params.mailboxes) {
    if (typeof mailbox.address !== 'string' || mailbox.address.trim() === '')
      throw new EwsInvalidArgumentError('Every availability mailbox needs an address');
    if (mailbox.attendeeType !== undefined && !ATTENDEE_TYPES.includes(mailbox.attendeeType))
      throw new EwsInvalidArgumentError(`attendeeType must be one of ${ATTENDEE_TYPES.join(', ')}`);
  }
}

export function buildGetUserAvailability(params: GetUserAvailabilityParams): XmlFragment {
  if (params.mailboxes.length === 0)
    throw new EwsInvalidArgumentError('Availability needs at least one mailbox');
  if (params.mailboxes.length > MAX_AVAILABILITY_MAILBOXES)
    throw new EwsInvalidArgumentError(
      `One GetUserAvailability names at most ${MAX_AVAILABILITY_MAILBOXES} mailboxes (Exchange's limit); account.getAvailability splits larger sets`,
    );
  checkGetUserAvailabilityParams(params);
  const window = freeBusyWindow(params);
  const mailboxes = params.mailboxes.map((mailbox) =>
    el('t:MailboxData', {}, [
      el('t:Email', {}, el('t:Address', {}, mailbox.address)),
      el('t:AttendeeType', {}, mailbox.attendeeType ?? 'Required'),
      el('t:ExcludeConflicts', {}, mailbox.excludeConflicts === true),
    ]),
  );
  const freeBusy = window
    ? el('t:FreeBusyViewOptions', {}, [
        el('t:TimeWindow', {}, [
          el('t:StartTime', {}, local(window.start)),
          el('t:EndTime', {}, local(window.end)),
        ]),
        el('t:MergedFreeBusyIntervalInMinutes', {}, window.interval),
        el('t:RequestedView', {}, window.view),
      ])
    : undefined;
  const suggestions = params.suggestions ? buildSuggestionsViewOptions(params.suggestions, local) : undefined;
  return el('m:GetUserAvailabilityRequest', {}, [
    UTC_ZONE,
    el('m:MailboxDataArray', {}, mailboxes),
    freeBusy,
    suggestions,
  ]);
}

/**
 * The answer to `params` (the request it was built from). Free/busy: one outcome per mailbox, in
 * request order — a mailbox the server refused (ErrorMailRecipientNotFound for an unknown room) is
 * that mailbox's error, the others keep their schedules; a view that breaks the schema fails that
 * mailbox alone (EWS_PROTOCOL). An answer without exactly one FreeBusyResponse per mailbox fails
 * every mailbox (EWS_PROTOCOL, fate unknown): whose schedule each one is would be a guess.
 * Suggestions: the days, or the SuggestionsResponse's error thrown.
 */
export function readGetUserAvailability(
  response: EwsResponse,
  params: GetUserAvailabilityParams,
): GetUserAvailabilityResult {
  const window = freeBusyWindow(params);
  const { mailboxes } = params;
  let freeBusy: Outcome<FreeBusy>[] | undefined;
  if (window) {
    const answers = children(child(response.node, 'FreeBusyResponseArray'), 'FreeBusyResponse');
    freeBusy =
      answers.length !== mailboxes.length
        ? allFailed('GetUserAvailability', mailboxes.length, answers.length)
        : answers.map((answer, index) =>
            readFreeBusy(answer, index, mailboxes[index]?.address ?? '', window),
          );
  } else if (child(response.node, 'FreeBusyResponseArray') !== undefined) {
    throw countMismatchError(
      'GetUserAvailability',
      0,
      children(child(response.node, 'FreeBusyResponseArray')).length,
    );
  }
  const suggestions = params.suggestions
    ? suggestionDaysFrom(
        child(response.node, 'SuggestionsResponse'),
        mailboxes.map((m) => m.address),
      )
    : undefined;
  return { freeBusy, suggestions };
}

function readFreeBusy(
  answer: XmlNode,
  index: number,
  address: string,
  window: { start: Date; end: Date; interval: number },
): Outcome<FreeBusy> {
  // Each mailbox's answer carries its own ResponseMessage, nested where core does not look.
  const message = child(answer, 'ResponseMessage');
  if (message) {
    const decoded = decodeResponseMessage(message, index, 'GetUserAvailability');
    if (decoded.responseClass === 'Error')
      return { ok: false, error: responseMessageError(decoded, 'GetUserAvailability') };
  }
  try {
    const view = child(answer, 'FreeBusyView');
    if (view === undefined) throw broken('a FreeBusyResponse without FreeBusyView');
    const merged = childText(view, 'MergedFreeBusy');
    const events = children(child(view, 'CalendarEventArray'), 'CalendarEvent');
    if (events.length > MAX_EVENTS_PER_MAILBOX)
      throw broken(`${events.length} CalendarEvents for one mailbox (at most ${MAX_EVENTS_PER_MAILBOX})`);
    return {
      ok: true,
      value: {
        address,
        viewType: requiredValue(view, 'FreeBusyViewType', viewType, 'FreeBusyView'),
        merged,
        mergedSlots:
          merged === undefined
            ? undefined
            : decodeMergedFreeBusy(merged, window.start, window.end, window.interval),
        events: events.map(readEvent),
        workingHours: workingHoursFrom(child(view, 'WorkingHours')),
      },
    };
  } catch (error) {
    if (!(error instanceof EwsProtocolError)) throw error;
    return {
      ok: false,
      error: new EwsProtocolError(error.message, {
        operation: 'GetUserAvailability',
        requestFate: 'executed',
      }),
    };
  }
}

function broken(text: string): EwsProtocolError {
  return new EwsProtocolError(`GetUserAvailability answered ${text}`, { operation: 'GetUserAvailability' });
}

/**
 * One t:CalendarEvent. StartTime, EndTime and BusyType are required (minOccurs 1); the times are
 * local to the request's zone, which is UTC, so a zone-less value reads as UTC. A value with a
 * field out of range (`2026-04-31T09:30:00`) is refused, never read as another day.
 */
function readEvent(node: XmlNode): CalendarEvent {
  const details = child(node, 'CalendarEventDetails');
  const where = 'CalendarEventDetails';
  return {
    start: requiredValue(node, 'StartTime', dateTime, 'CalendarEvent'),
    end: requiredValue(node, 'EndTime', dateTime, 'CalendarEvent'),
    busyType: requiredValue(node, 'BusyType', busyType, 'CalendarEvent'),
    details: details
      ? {
          id: childText(details, 'ID'),
          subject: childText(details, 'Subject'),
          location: childText(details, 'Location'),
          isMeeting: childValue(details, 'IsMeeting', boolean, where),
          isRecurring: childValue(details, 'IsRecurring', boolean, where),
          isException: childValue(details, 'IsException', boolean, where),
          isReminderSet: childValue(details, 'IsReminderSet', boolean, where),
          isPrivate: childValue(details, 'IsPrivate', boolean, where),
        }
      : undefined,
  };
}

function requiredValue<T>(node: XmlNode, name: string, kind: ScalarKind<T>, where: string): T {
  const value = childValue(node, name, kind, where);
  if (value === undefined) throw broken(`a ${where} without ${name}`);
  return value;
}
