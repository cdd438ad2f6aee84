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

/** The mailboxes that match (several when the name is ambiguous: the server warns, we return them all). */
export function readResolveNames(response: EwsResponse): readonly Mailbox[] {
  const [message] = response.messages;
  if (!message) return [];
  if (message.responseClass === 'Error') {
    if (NO_RESULTS.has(message.responseCode)) return [];
    throw responseMessageError(message, 'ResolveNames');
  }
  return children(child(message.node, 'ResolutionSet'), 'Resolution').flatMap((resolution) => {
    const mailbox = child(resolution, 'Mailbox');
    return mailbox ? [readMailbox(mailbox)] : [];
  });
}
