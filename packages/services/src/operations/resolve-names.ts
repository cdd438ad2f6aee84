import { child, children, type EwsResponse, responseMessageError } from '@ews/core';
import type { Mailbox } from '@ews/models';
import { textElement } from '../internal/xml.js';
import { readMailbox } from './rooms.js';

export type ResolveNamesSearchScope =
  | 'ActiveDirectory'
  | 'ActiveDirectoryContacts'
  | 'Contacts'
  | 'ContactsActiveDirectory';

export interface ResolveNamesParams {
  readonly entry: string;
  readonly searchScope?: ResolveNamesSearchScope | undefined;
}

export function buildResolveNames(params: ResolveNamesParams): string {
  return (
    `<m:ResolveNames ReturnFullContactData="false" SearchScope="${params.searchScope ?? 'ActiveDirectoryContacts'}">` +
    `${textElement('m:UnresolvedEntry', params.entry)}</m:ResolveNames>`
  );
}

/** Codes meaning "nothing matched": an empty answer, not a failure. */
const NO_RESULTS = new Set(['ErrorNameResolutionNoResults']);

/**
 * The matches, and whether they are all of them: ResolveNames returns at most 100 candidates
 * and cannot page, so `complete: false` means a narrower name is needed to see the rest.
 */
export interface ResolveNamesResult {
  readonly mailboxes: readonly Mailbox[];
  readonly complete: boolean;
}

/** Like readResolveNames, saying whether the server returned every candidate. */
export function readResolveNamesResult(response: EwsResponse): ResolveNamesResult {
  const [message] = response.messages;
  if (!message) return { mailboxes: [], complete: true };
  if (message.responseClass === 'Error') {
    if (NO_RESULTS.has(message.responseCode)) return { mailboxes: [], complete: true };
    throw responseMessageError(message, 'ResolveNames');
  }
  const set = child(message.node, 'ResolutionSet');
  const mailboxes = children(set, 'Resolution').flatMap((resolution) => {
    const mailbox = child(resolution, 'Mailbox');
    return mailbox ? [readMailbox(mailbox)] : [];
  });
  return { mailboxes, complete: set?.attributes.IncludesLastItemInRange !== 'false' };
}

/** The mailboxes that match (several when the name is ambiguous: the server warns, we return them all). */
export function readResolveNames(response: EwsResponse): readonly Mailbox[] {
  return readResolveNamesResult(response).mailboxes;
}
