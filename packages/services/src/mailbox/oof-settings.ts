import { child, childText, EwsProtocolError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { dateTime } from '@ews/models';
import { onlyMessage } from '../internal/messages.js';
import { childValue } from '../internal/scalar-values.js';
import { utcDateTime } from '../internal/xml.js';

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

function mailboxXml(address: string): XmlFragment {
  return el('t:Mailbox', {}, el('t:Address', {}, address));
}

export function buildGetUserOofSettings(mailbox: string): XmlFragment {
  return el('m:GetUserOofSettingsRequest', {}, mailboxXml(mailbox));
}

export function buildSetUserOofSettings(mailbox: string, settings: OofSettings): XmlFragment {
  const duration =
    settings.start !== undefined && settings.end !== undefined
      ? el('t:Duration', {}, [
          el('t:StartTime', {}, utcDateTime(settings.start)),
          el('t:EndTime', {}, utcDateTime(settings.end)),
        ])
      : undefined;
  const reply = (name: string, text: string | undefined) =>
    text === undefined ? undefined : el(`t:${name}`, {}, el('t:Message', {}, text));
  return el('m:SetUserOofSettingsRequest', {}, [
    mailboxXml(mailbox),
    el('t:UserOofSettings', {}, [
      el('t:OofState', {}, settings.state),
      el('t:ExternalAudience', {}, settings.externalAudience),
      duration,
      reply('InternalReply', settings.internalReply),
      reply('ExternalReply', settings.externalReply),
    ]),
  ]);
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
