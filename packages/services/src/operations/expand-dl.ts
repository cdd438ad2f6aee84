import { child, children, EwsProtocolError, type EwsResponse } from '@ews/core';
import type { Mailbox } from '@ews/models';
import { checkListCount } from '../internal/list-invariants.js';
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

/** The one list asked for; its members agree with its own TotalItemsInView (see checkListCount). */
export function readExpandDL(response: EwsResponse): ExpandDLResult {
  const expansion = child(onlyMessage(response).node, 'DLExpansion');
  if (expansion === undefined)
    throw new EwsProtocolError('ExpandDL answered without a DLExpansion', { operation: 'ExpandDL' });
  const members = children(expansion, 'Mailbox');
  const complete = checkListCount(expansion, members.length, 'ExpandDL', { entry: 'Mailbox' });
  return { mailboxes: members.map(readMailbox), complete };
}
