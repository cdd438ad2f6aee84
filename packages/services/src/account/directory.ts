import { type CallOptions, EwsInvalidArgumentError, EwsProtocolError } from '@ews/core';
import { type Attendee, type CalendarItem, CalendarItemModel, type Mailbox } from '@ews/models';
import { bulkCreate } from '../bulk/bulk.js';
import { callOptionsOf } from '../internal/call-deadline.js';
import { send } from '../internal/send.js';
import {
  buildGetMailTips,
  type MailTips,
  type MailTipType,
  readGetMailTips,
} from '../operations/get-mail-tips.js';
import { buildGetRoomLists, buildGetRooms, readGetRoomLists, readGetRooms } from '../operations/rooms.js';
import type { Outcome } from '../outcome.js';
import type { ItemRef } from '../refs.js';
import type { AccountContext } from './account-context.js';
import { accountFolder } from './default-folders.js';

export async function getRoomLists(
  account: AccountContext,
  options: CallOptions,
): Promise<readonly Mailbox[]> {
  return readGetRoomLists(await send(account, 'GetRoomLists', buildGetRoomLists(), options));
}

export async function getRooms(
  account: AccountContext,
  roomList: string | Mailbox,
  options: CallOptions,
): Promise<readonly Mailbox[]> {
  const address = typeof roomList === 'string' ? roomList : roomList.emailAddress;
  if (!address) throw new EwsInvalidArgumentError('getRooms needs the room list email address');
  return readGetRooms(await send(account, 'GetRooms', buildGetRooms(address), options));
}

export { type AvailabilityOptions, getAvailability, type MailboxAvailability } from './availability.js';

export interface BookRoomOptions extends CallOptions {
  /** The room's email address. */
  readonly room: string;
  readonly subject: string;
  readonly start: Date;
  readonly end: Date;
  /** People invited as required attendees. */
  readonly attendees?: readonly string[] | undefined;
  readonly optionalAttendees?: readonly string[] | undefined;
  /** Defaults to the room's address. */
  readonly location?: string | undefined;
  readonly body?: CalendarItem['body'];
}

const attendee = (address: string): Attendee => ({ mailbox: { emailAddress: address } });

/**
 * Creates the meeting in the account's calendar with the room as a resource and sends the
 * invitations (SendToAllAndSaveCopy), which is how Outlook books a room: the room's mailbox
 * accepts or declines on its own.
 */
export async function bookRoom(account: AccountContext, options: BookRoomOptions): Promise<ItemRef> {
  const item: CalendarItem = {
    subject: options.subject,
    start: options.start,
    end: options.end,
    location: options.location ?? options.room,
    ...(options.body === undefined ? {} : { body: options.body }),
    ...(options.attendees?.length ? { requiredAttendees: options.attendees.map(attendee) } : {}),
    ...(options.optionalAttendees?.length
      ? { optionalAttendees: options.optionalAttendees.map(attendee) }
      : {}),
    resources: [attendee(options.room)],
  };
  const [result] = await bulkCreate(account, CalendarItemModel, [item], {
    folder: accountFolder(account, 'calendar'),
    sendMeetingInvitations: 'SendToAllAndSaveCopy',
    ...callOptionsOf(options),
  });
  if (!result?.ok)
    throw result?.error ?? new EwsProtocolError('CreateItem returned no result', { operation: 'CreateItem' });
  if (!result.value)
    throw new EwsProtocolError('CreateItem returned no item id', { operation: 'CreateItem' });
  return result.value;
}

export interface MailTipsOptions extends CallOptions {
  /** Default `['All']`. */
  readonly tips?: readonly MailTipType[] | undefined;
  /** The address the message would be sent as; default the account's. */
  readonly sendingAs?: string | undefined;
}

/**
 * What Outlook shows before sending (exchangelib: `account.protocol.get_mail_tips`): one outcome
 * per recipient, in order — automatic replies, member counts, size limits, invalid recipients.
 */
export async function getMailTips(
  account: AccountContext,
  recipients: readonly string[],
  options: MailTipsOptions,
): Promise<readonly Outcome<MailTips>[]> {
  if (recipients.length === 0) return [];
  const body = buildGetMailTips({
    sendingAs: options.sendingAs ?? account.primarySmtpAddress,
    recipients,
    requested: options.tips,
  });
  return readGetMailTips(await send(account, 'GetMailTips', body, options), recipients.length);
}

// ResolveNames and ExpandDL live with the other people verbs (people.ts); their old names stay here.
export { expandDLMembers as expandDL, resolveNames } from './people.js';
