import {
  child,
  childText,
  EwsProtocolError,
  type EwsResponse,
  responseMessageError,
  type XmlNode,
} from '@ews/core';
import { dateTime, type Mailbox } from '@ews/models';
import type { Outcome } from '../internal/messages.js';
import { textElement } from '../internal/xml.js';
import { readMailbox } from './rooms.js';

/** t:MailTipTypes: which tips to ask for (`All`, or any of the others). */
export type MailTipType =
  | 'All'
  | 'OutOfOfficeMessage'
  | 'MailboxFullStatus'
  | 'CustomMailTip'
  | 'ExternalMemberCount'
  | 'TotalMemberCount'
  | 'MaxMessageSize'
  | 'DeliveryRestriction'
  | 'ModerationStatus'
  | 'InvalidRecipient'
  | 'Scope';

export interface GetMailTipsParams {
  /** The address the message would be sent as. */
  readonly sendingAs: string;
  readonly recipients: readonly string[];
  /** Default `['All']`. */
  readonly requested?: readonly MailTipType[] | undefined;
}

/** The out-of-office part of a mail tip: the reply text ('' when none is set) and its window. */
export interface OutOfOfficeMailTip {
  readonly message: string;
  readonly start?: Date;
  readonly end?: Date;
}

/** t:MailTips: what Outlook shows before sending to a recipient. Absent = not returned. */
export interface MailTips {
  readonly recipient: Mailbox;
  /** Tips the server has not computed yet (ask again later). */
  readonly pendingMailTips: readonly string[];
  readonly outOfOffice?: OutOfOfficeMailTip;
  readonly mailboxFull?: boolean;
  readonly customMailTip?: string;
  readonly totalMemberCount?: number;
  readonly externalMemberCount?: number;
  readonly maxMessageSize?: number;
  readonly deliveryRestricted?: boolean;
  readonly isModerated?: boolean;
  readonly invalidRecipient?: boolean;
  readonly scope?: number;
}

function mailboxXml(qname: string, address: string): string {
  return `<${qname}>${textElement('t:EmailAddress', address)}<t:RoutingType>SMTP</t:RoutingType></${qname}>`;
}

export function buildGetMailTips(params: GetMailTipsParams): string {
  const requested = params.requested ?? ['All'];
  return (
    `<m:GetMailTips>${mailboxXml('m:SendingAs', params.sendingAs)}` +
    `<m:Recipients>${params.recipients.map((address) => mailboxXml('t:Mailbox', address)).join('')}</m:Recipients>` +
    `${textElement('m:MailTipsRequested', requested.join(' '))}</m:GetMailTips>`
  );
}

function bool(node: XmlNode, name: string): boolean | undefined {
  const text = childText(node, name)?.trim();
  return text === undefined ? undefined : text === 'true' || text === '1';
}

function int(node: XmlNode, name: string): number | undefined {
  const text = childText(node, name)?.trim();
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new EwsProtocolError(`MailTips.${name} is not an integer`, { operation: 'GetMailTips' });
  return value;
}

// A zone-less value is UTC (models' dateTime), never the host's local time.
function date(node: XmlNode | undefined, name: string): Date | undefined {
  const text = childText(node, name);
  return text === undefined ? undefined : dateTime.fromText(text, `MailTips.OutOfOffice.${name}`);
}

function readOutOfOffice(node: XmlNode): OutOfOfficeMailTip {
  const duration = child(node, 'Duration');
  const start = date(duration, 'StartTime');
  const end = date(duration, 'EndTime');
  return {
    message: childText(child(node, 'ReplyBody'), 'Message') ?? '',
    ...(start === undefined ? {} : { start }),
    ...(end === undefined ? {} : { end }),
  };
}

function readMailTips(node: XmlNode): MailTips {
  const address = child(node, 'RecipientAddress');
  if (!address)
    throw new EwsProtocolError('MailTips without a RecipientAddress', { operation: 'GetMailTips' });
  const outOfOffice = child(node, 'OutOfOffice');
  const optional = {
    outOfOffice: outOfOffice ? readOutOfOffice(outOfOffice) : undefined,
    mailboxFull: bool(node, 'MailboxFull'),
    customMailTip: childText(node, 'CustomMailTip'),
    totalMemberCount: int(node, 'TotalMemberCount'),
    externalMemberCount: int(node, 'ExternalMemberCount'),
    maxMessageSize: int(node, 'MaxMessageSize'),
    deliveryRestricted: bool(node, 'DeliveryRestricted'),
    isModerated: bool(node, 'IsModerated'),
    invalidRecipient: bool(node, 'InvalidRecipient'),
    scope: int(node, 'Scope'),
  };
  const pending = childText(node, 'PendingMailTips')?.trim();
  return {
    recipient: readMailbox(address),
    pendingMailTips: pending ? pending.split(/\s+/) : [],
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

/** One outcome per recipient, in request order: its mail tips, or the error the server gave. */
export function readGetMailTips(response: EwsResponse): readonly Outcome<MailTips>[] {
  return response.messages.map((message): Outcome<MailTips> => {
    if (message.responseClass === 'Error')
      return { ok: false, error: responseMessageError(message, 'GetMailTips') };
    const tips = child(message.node, 'MailTips');
    if (!tips) {
      return { ok: false, error: new EwsProtocolError('MailTips missing', { operation: 'GetMailTips' }) };
    }
    return { ok: true, value: readMailTips(tips) };
  });
}
