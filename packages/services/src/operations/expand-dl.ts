import { child, children, type EwsResponse } from '@ews/core';
import type { Mailbox } from '@ews/models';
import { onlyMessage } from '../internal/messages.js';
import { textElement } from '../internal/xml.js';
import { readMailbox } from './rooms.js';

export function buildExpandDL(address: string): string {
  return `<m:ExpandDL><m:Mailbox>${textElement('t:EmailAddress', address)}</m:Mailbox></m:ExpandDL>`;
}

/** The members of a distribution list; `complete` is false when the server cut the list short. */
export interface ExpandDLResult {
  readonly mailboxes: readonly Mailbox[];
  readonly complete: boolean;
}

export function readExpandDL(response: EwsResponse): ExpandDLResult {
  const expansion = child(onlyMessage(response).node, 'DLExpansion');
  return {
    mailboxes: children(expansion, 'Mailbox').map(readMailbox),
    complete: expansion?.attributes.IncludesLastItemInRange !== 'false',
  };
}
