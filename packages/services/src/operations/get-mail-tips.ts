import {
  child,
  childText,
  EwsProtocolError,
  type EwsResponse,
  el,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { boolean, dateTime, int, type Mailbox } from '@ews/models';
import { protocolFailure, readOutcomes } from '../internal/outcomes.js';
import { childValue } from '../internal/scalar-values.js';
import type { Outcome } from '../outcome.js';
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

function mailboxXml(qname: string, address: string): XmlFragment {
  return el(qname, {}, [el('t:EmailAddress', {}, address), el('t:RoutingType', {}, 'SMTP')]);
}

export function buildGetMailTips(params: GetMailTipsParams): XmlFragment {
  const requested = params.requested ?? ['All'];
  return el('m:GetMailTips', {}, [
    mailboxXml('m:SendingAs', params.sendingAs),
    el(
      'm:Recipients',
      {},
      params.recipients.map((address) => mailboxXml('t:Mailbox', address)),
    ),
    el('m:MailTipsRequested', {}, requested.join(' ')),
  ]);
}

function readOutOfOffice(node: XmlNode): OutOfOfficeMailTip {
  const duration = child(node, 'Duration');
  // A zone-less value is UTC (models' dateTime), never the host's local time.
  const start = childValue(duration, 'StartTime', dateTime, 'MailTips.OutOfOffice');
  const end = childValue(duration, 'EndTime', dateTime, 'MailTips.OutOfOffice');
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
    mailboxFull: childValue(node, 'MailboxFull', boolean, 'MailTips'),
    customMailTip: childText(node, 'CustomMailTip'),
    totalMemberCount: childValue(node, 'TotalMemberCount', int, 'MailTips'),
    externalMemberCount: childValue(node, 'ExternalMemberCount', int, 'MailTips'),
    maxMessageSize: childValue(node, 'MaxMessageSize', int, 'MailTips'),
    deliveryRestricted: childValue(node, 'DeliveryRestricted', boolean, 'MailTips'),
    isModerated: childValue(node, 'IsModerated', boolean, 'MailTips'),
    invalidRecipient: childValue(node, 'InvalidRecipient', boolean, 'MailTips'),
    scope: childValue(node, 'Scope', int, 'MailTips'),
  };
  const pending = childText(node, 'PendingMailTips')?.trim();
  return {
    recipient: readMailbox(address),
    pendingMailTips: pending ? pending.split(/\s+/) : [],
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

/**
 * One outcome per recipient, in request order (`sent`: how many recipients the request named):
 * its mail tips, or the error the server gave.
 */
export function readGetMailTips(response: EwsResponse, sent: number): readonly Outcome<MailTips>[] {
  return readOutcomes(response, 'GetMailTips', sent, (message): Outcome<MailTips> => {
    const tips = child(message.node, 'MailTips');
    if (!tips) return protocolFailure('GetMailTips', 'MailTips missing');
    return { ok: true, value: readMailTips(tips) };
  });
}
