import { child, children, childText, type EwsResponse, el, type XmlFragment, type XmlNode } from '@ews/core';
import { boolean, int } from '@ews/models';
import { onlyMessage } from '../internal/messages.js';
import { childValue } from '../internal/scalar-values.js';

export interface GetSearchableMailboxesParams {
  /** Part of a name or address; all mailboxes when absent. */
  readonly searchFilter?: string | undefined;
  readonly expandGroupMembership?: boolean | undefined;
}

/** t:SearchableMailboxType: a mailbox eDiscovery may search. */
export interface SearchableMailbox {
  readonly type: 'SearchableMailbox';
  readonly guid: string;
  readonly primarySmtpAddress: string;
  readonly isExternalMailbox: boolean;
  /** Absent when the element is empty (not an external mailbox). */
  readonly externalEmailAddress?: string;
  readonly displayName: string;
  readonly isMembershipGroup: boolean;
  readonly referenceId: string;
}

/** t:FailedSearchMailboxType: a mailbox the server could not list. */
export interface FailedSearchMailbox {
  readonly type: 'FailedMailbox';
  readonly mailbox: string;
  readonly errorCode: number;
  readonly errorMessage: string;
  readonly isArchive: boolean;
}

export function buildGetSearchableMailboxes(params: GetSearchableMailboxesParams = {}): XmlFragment {
  return el('m:GetSearchableMailboxes', {}, [
    params.searchFilter === undefined ? undefined : el('m:SearchFilter', {}, params.searchFilter),
    params.expandGroupMembership === undefined
      ? undefined
      : el('m:ExpandGroupMembership', {}, params.expandGroupMembership),
  ]);
}

const text = (node: XmlNode, name: string) => childText(node, name) ?? '';
const flag = (node: XmlNode, name: string) => childValue(node, name, boolean, node.name) ?? false;

function readSearchable(node: XmlNode): SearchableMailbox {
  const external = text(node, 'ExternalEmailAddress');
  return {
    type: 'SearchableMailbox',
    guid: text(node, 'Guid'),
    primarySmtpAddress: text(node, 'PrimarySmtpAddress'),
    isExternalMailbox: flag(node, 'IsExternalMailbox'),
    ...(external === '' ? {} : { externalEmailAddress: external }),
    displayName: text(node, 'DisplayName'),
    isMembershipGroup: flag(node, 'IsMembershipGroup'),
    referenceId: text(node, 'ReferenceId'),
  };
}

/** A t:FailedMailbox (SearchMailboxes lists its failures the same way). */
export function failedSearchMailboxOf(node: XmlNode): FailedSearchMailbox {
  return {
    type: 'FailedMailbox',
    mailbox: text(node, 'Mailbox'),
    // Required by the schema: a missing one is malformed too.
    errorCode: int.fromText(text(node, 'ErrorCode'), 'FailedMailbox.ErrorCode'),
    errorMessage: text(node, 'ErrorMessage'),
    isArchive: flag(node, 'IsArchive'),
  };
}

/** Searchable and failed mailboxes in the server's order. */
export function readGetSearchableMailboxes(
  response: EwsResponse,
): readonly (SearchableMailbox | FailedSearchMailbox)[] {
  const message = onlyMessage(response);
  const list = child(message.node, 'SearchableMailboxes');
  const out: (SearchableMailbox | FailedSearchMailbox)[] = [];
  for (const node of children(list)) {
    if (node.name === 'SearchableMailbox') out.push(readSearchable(node));
    else if (node.name === 'FailedMailbox') out.push(failedSearchMailboxOf(node));
  }
  // Exchange 2016 lists failures in a sibling element too.
  for (const node of children(child(message.node, 'FailedMailboxes'), 'FailedMailbox'))
    out.push(failedSearchMailboxOf(node));
  return out;
}
