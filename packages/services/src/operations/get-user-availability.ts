import {
  child,
  children,
  childText,
  decodeResponseMessage,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  integerInRange,
  type XmlNode,
} from '@ews/core';
import { dateTime, enumKind, type ScalarKind } from '@ews/models';
import { checkMessage } from '../internal/messages.js';
import { countMismatchError } from '../internal/outcomes.js';
import { childValue } from '../internal/scalar-values.js';
import { textElement, utcDateTime } from '../internal/xml.js';

export type FreeBusyViewKind = 'FreeBusy' | 'Detailed' | 'FreeBusyMerged' | 'DetailedMerged' | 'MergedOnly';
export type AvailabilityAttendeeType = 'Organizer' | 'Required' | 'Optional' | 'Room' | 'Resource';
export type BusyType = 'Free' | 'Tentative' | 'Busy' | 'OOF' | 'WorkingElsewhere' | 'NoData';

// t:LegacyFreeBusyType: a value outside it is a broken answer, not a busy type to guess.
const busyType = enumKind<BusyType>('LegacyFreeBusyType', [
  'Free',
  'Tentative',
  'Busy',
  'OOF',
  'WorkingElsewhere',
  'NoData',
]);

export interface AvailabilityMailbox {
  readonly address: string;
  readonly attendeeType?: AvailabilityAttendeeType | undefined;
}

export interface GetUserAvailabilityParams {
  readonly mailboxes: readonly AvailabilityMailbox[];
  readonly start: Date;
  readonly end: Date;
  readonly view: FreeBusyViewKind;
  /** Interval of the merged free/busy string, in minutes (default 30). */
  readonly mergedIntervalMinutes?: number | undefined;
}

export interface CalendarEvent {
  readonly start: Date;
  readonly end: Date;
  readonly busyType: BusyType;
  /** Present in Detailed views when the caller may see details. */
  readonly details?:
    | { readonly subject?: string | undefined; readonly location?: string | undefined }
    | undefined;
}

export interface FreeBusy {
  readonly address: string;
  readonly viewType: string | undefined;
  /** One digit per interval (0 free, 1 tentative, 2 busy, 3 OOF, 4 no data, 5 elsewhere). */
  readonly merged: string | undefined;
  readonly events: readonly CalendarEvent[];
}

// The request's times are local to this zone; UTC (no daylight saving) keeps them exact.
const UTC_ZONE =
  '<t:TimeZone><t:Bias>0</t:Bias>' +
  '<t:StandardTime><t:Bias>0</t:Bias><t:Time>00:00:00</t:Time><t:DayOrder>1</t:DayOrder><t:Month>1</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:StandardTime>' +
  '<t:DaylightTime><t:Bias>0</t:Bias><t:Time>00:00:00</t:Time><t:DayOrder>1</t:DayOrder><t:Month>1</t:Month><t:DayOfWeek>Sunday</t:DayOfWeek></t:DaylightTime>' +
  '</t:TimeZone>';

export function buildGetUserAvailability(params: GetUserAvailabilityParams): string {
  if (params.mailboxes.length === 0)
    throw new EwsInvalidArgumentError('Availability needs at least one mailbox');
  if (!(params.start.getTime() < params.end.getTime()))
    throw new EwsInvalidArgumentError('Availability needs start < end');
  // FreeBusyViewOptions' interval: 5…1440 minutes (exchangelib checks the same).
  const interval = integerInRange('mergedIntervalMinutes', params.mergedIntervalMinutes ?? 30, 5, 1440);
  const mailboxes = params.mailboxes
    .map(
      (mailbox) =>
        `<t:MailboxData><t:Email>${textElement('t:Address', mailbox.address)}</t:Email>` +
        `<t:AttendeeType>${mailbox.attendeeType ?? 'Required'}</t:AttendeeType><t:ExcludeConflicts>false</t:ExcludeConflicts></t:MailboxData>`,
    )
    .join('');
  const local = (date: Date) => utcDateTime(date).replace(/Z$/, '');
  return (
    `<m:GetUserAvailabilityRequest>${UTC_ZONE}<m:MailboxDataArray>${mailboxes}</m:MailboxDataArray>` +
    `<t:FreeBusyViewOptions><t:TimeWindow><t:StartTime>${local(params.start)}</t:StartTime><t:EndTime>${local(params.end)}</t:EndTime></t:TimeWindow>` +
    `<t:MergedFreeBusyIntervalInMinutes>${interval}</t:MergedFreeBusyIntervalInMinutes>` +
    `<t:RequestedView>${params.view}</t:RequestedView></t:FreeBusyViewOptions></m:GetUserAvailabilityRequest>`
  );
}

/**
 * One FreeBusy per requested mailbox, in request order; a mailbox the server refused throws. An
 * answer without exactly one FreeBusyResponse per mailbox sent is refused (EWS_PROTOCOL): whose
 * schedule each one is would be a guess.
 */
export function readGetUserAvailability(
  response: EwsResponse,
  mailboxes: readonly AvailabilityMailbox[],
): readonly FreeBusy[] {
  const answers = children(child(response.node, 'FreeBusyResponseArray'), 'FreeBusyResponse');
  if (answers.length !== mailboxes.length)
    throw countMismatchError('GetUserAvailability', mailboxes.length, answers.length);
  return answers.map((answer, index) => {
    const message = child(answer, 'ResponseMessage');
    // Each mailbox's answer carries its own ResponseMessage, nested where core does not look.
    if (message)
      checkMessage(decodeResponseMessage(message, index, 'GetUserAvailability'), 'GetUserAvailability');
    const view = child(answer, 'FreeBusyView');
    return {
      address: mailboxes[index]?.address ?? '',
      viewType: childText(view, 'FreeBusyViewType'),
      merged: childText(view, 'MergedFreeBusy'),
      events: children(child(view, 'CalendarEventArray'), 'CalendarEvent').map(readEvent),
    };
  });
}

/**
 * One t:CalendarEvent. StartTime, EndTime and BusyType are required (minOccurs 1); the times are
 * local to the request's zone, which is UTC, so a zone-less value reads as UTC. A value with a
 * field out of range (`2026-04-31T09:30:00`) is refused, never read as another day.
 */
function readEvent(node: XmlNode): CalendarEvent {
  const details = child(node, 'CalendarEventDetails');
  return {
    start: requiredValue(node, 'StartTime', dateTime),
    end: requiredValue(node, 'EndTime', dateTime),
    busyType: requiredValue(node, 'BusyType', busyType),
    details: details
      ? { subject: childText(details, 'Subject'), location: childText(details, 'Location') }
      : undefined,
  };
}

function requiredValue<T>(node: XmlNode, name: string, kind: ScalarKind<T>): T {
  const value = childValue(node, name, kind, 'CalendarEvent');
  if (value === undefined)
    throw new EwsProtocolError(`GetUserAvailability answered a CalendarEvent without ${name}`, {
      operation: 'GetUserAvailability',
    });
  return value;
}
