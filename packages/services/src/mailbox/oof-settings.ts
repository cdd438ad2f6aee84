import { child, childText, EwsProtocolError, type EwsResponse } from '@ews/core';
import { dateTime } from '@ews/models';
import { onlyMessage } from '../internal/messages.js';
import { childValue } from '../internal/scalar-values.js';
import { textElement, utcDateTime } from '../internal/xml.js';

export type OofState = 'Disabled' | 'Enabled' | 'Scheduled';
/** Who outside the organization gets the external reply. */
export type OofExternalAudience = 'None' | 'Known' | 'All';

/** t:UserOofSettings: automatic replies (exchangelib's OofSettings). */
export interface OofSettings {
  readonly state: OofState;
  readonly externalAudience: OofExternalAudience;
  /** The window; required when `state` is `Scheduled`. */
  readonly start?: Date | undefined;
  readonly end?: Date | undefined;
  readonly internalReply?: string | undefined;
  readonly externalReply?: string | undefined;
}

function mailboxXml(address: string): string {
  return `<t:Mailbox>${textElement('t:Address', address)}</t:Mailbox>`;
}

export function buildGetUserOofSettings(mailbox: string): string {
  return `<m:GetUserOofSettingsRequest>${mailboxXml(mailbox)}</m:GetUserOofSettingsRequest>`;
}

export function buildSetUserOofSettings(mailbox: string, settings: OofSettings): string {
  const duration =
    settings.start !== undefined && settings.end !== undefined
      ? `<t:Duration>${textElement('t:StartTime', utcDateTime(settings.start))}${textElement('t:EndTime', utcDateTime(settings.end))}</t:Duration>`
      : '';
  const reply = (name: string, text: string | undefined) =>
    text === undefined ? '' : `<t:${name}>${textElement('t:Message', text)}</t:${name}>`;
  return (
    `<m:SetUserOofSettingsRequest>${mailboxXml(mailbox)}<t:UserOofSettings>` +
    `${textElement('t:OofState', settings.state)}${textElement('t:ExternalAudience', settings.externalAudience)}` +
    `${duration}${reply('InternalReply', settings.internalReply)}${reply('ExternalReply', settings.externalReply)}` +
    '</t:UserOofSettings></m:SetUserOofSettingsRequest>'
  );
}

const STATES: ReadonlySet<string> = new Set(['Disabled', 'Enabled', 'Scheduled']);
const AUDIENCES: ReadonlySet<string> = new Set(['None', 'Known', 'All']);

/** The mailbox's automatic-reply settings (an error message is thrown as its typed error). */
export function readGetUserOofSettings(response: EwsResponse): OofSettings {
  onlyMessage(response);
  const settings = child(response.node, 'OofSettings');
  const state = childText(settings, 'OofState')?.trim() ?? '';
  const audience = childText(settings, 'ExternalAudience')?.trim() ?? '';
  if (!STATES.has(state) || !AUDIENCES.has(audience)) {
    throw new EwsProtocolError('OofSettings without a valid OofState and ExternalAudience', {
      operation: 'GetUserOofSettings',
    });
  }
  const duration = child(settings, 'Duration');
  // Exchange writes these in UTC, often without a `Z`: read as UTC (models' dateTime), never as
  // the host's local time.
  return {
    state: state as OofState,
    externalAudience: audience as OofExternalAudience,
    start: childValue(duration, 'StartTime', dateTime, 'OofSettings.Duration'),
    end: childValue(duration, 'EndTime', dateTime, 'OofSettings.Duration'),
    internalReply: childText(child(settings, 'InternalReply'), 'Message') ?? '',
    externalReply: childText(child(settings, 'ExternalReply'), 'Message') ?? '',
  };
}

export function readSetUserOofSettings(response: EwsResponse): void {
  onlyMessage(response);
}
