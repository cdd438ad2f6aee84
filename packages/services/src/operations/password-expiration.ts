import type { EwsResponse } from '@ews/core';
import { el, type XmlFragment } from '@ews/core';
import { dateTime } from '@ews/models';
import { onlyMessage } from '../internal/messages.js';
import { requiredChild } from '../internal/required-child.js';

const OPERATION = 'GetPasswordExpirationDate';

/** GetPasswordExpirationDate for `mailbox` (MailboxSmtpAddress; absent: the signed-in user). */
export function buildGetPasswordExpirationDate(mailbox?: string): XmlFragment {
  const address = mailbox === undefined ? undefined : el('m:MailboxSmtpAddress', {}, mailbox);
  return el('m:GetPasswordExpirationDate', {}, address);
}

/**
 * When the password expires, as the server says (the schema requires PasswordExpirationDate; a
 * password that never expires is answered with a far-future date, returned as it is).
 */
export function readGetPasswordExpirationDate(response: EwsResponse): Date {
  const message = onlyMessage(response);
  const node = requiredChild(message.node, 'PasswordExpirationDate', OPERATION);
  return dateTime.fromText(node.text, `${OPERATION}.PasswordExpirationDate`);
}
