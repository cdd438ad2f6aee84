import { child, children, EwsProtocolError, type EwsResponse, responseMessageError } from '@ews/core';
import type { Mailbox } from '@ews/models';
import { checkListCount } from '../internal/list-invariants.js';
import { soleMessage } from '../internal/messages.js';
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

/** ResolveNames returns at most 100 candidates (t:ArrayOfResolutionType). */
const MAX_RESOLUTIONS = 100;

/**
 * Like readResolveNames, saying whether the server returned every candidate. The one entry sent
 * has one answer; its ResolutionSet must hold a Mailbox per Resolution and agree with its own
 * TotalItemsInView (see checkListCount).
 */
export function readResolveNamesResult(response: EwsResponse): ResolveNamesResult {
  const message = soleMessage(response);
  if (message.responseClass === 'Error') {
    if (NO_RESULTS.has(message.responseCode)) return { mailboxes: [], complete: true };
    throw responseMessageError(message, 'ResolveNames');
  }
  const set = child(message.node, 'ResolutionSet');
  if (set === undefined)
    throw new EwsProtocolError('ResolveNames answered without a ResolutionSet', {
      operation: 'ResolveNames',
    });
  const resolutions = children(set, 'Resolution');
  const complete = checkListCount(set, resolutions.length, 'ResolveNames', {
    entry: 'Resolution',
    max: MAX_RESOLUTIONS,
  });
  const mailboxes = resolutions.map((resolution) => {
    const mailbox = child(resolution, 'Mailbox');
    if (mailbox === undefined)
      throw new EwsProtocolError('ResolveNames answered a Resolution without its Mailbox', {
        operation: 'ResolveNames',
      });
    return readMailbox(mailbox);
  });
  return { mailboxes, complete };
}

/** The mailboxes that match (several when the name is ambiguous: the server warns, we return them all). */
export function readResolveNames(response: EwsResponse): readonly Mailbox[] {
  return readResolveNamesResult(response).mailboxes;
}
