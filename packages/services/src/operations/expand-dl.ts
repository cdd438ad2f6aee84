import {
  child,
  children,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  type XmlFragment,
} from '@ews/core';
import type { Mailbox } from '@ews/models';
import { checkListCount } from '../internal/list-invariants.js';
import { onlyMessage } from '../internal/messages.js';
import { readMailbox } from './rooms.js';

/** A list to expand: a public one by address, or a private one (a contact group) by its item id. */
export type DistributionListTarget = string | { readonly itemId: { readonly id: string } };

export function buildExpandDL(list: DistributionListTarget): XmlFragment {
  if (typeof list === 'object' && list !== null && 'itemId' in list) {
    const id = list.itemId?.id;
    if (typeof id !== 'string' || id === '')
      throw new EwsInvalidArgumentError('expandDL needs the private list item id');
    return el('m:ExpandDL', {}, el('m:Mailbox', {}, el('t:ItemId', { Id: id })));
  }
  if (typeof list !== 'string' || list === '')
    throw new EwsInvalidArgumentError('expandDL needs the distribution list email address');
  return el('m:ExpandDL', {}, el('m:Mailbox', {}, el('t:EmailAddress', {}, list)));
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
