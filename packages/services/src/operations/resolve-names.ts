import {
  child,
  children,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  responseMessageError,
  type XmlFragment,
} from '@ews/core';
import { type Contact, ContactModel, fromXml, type Mailbox } from '@ews/models';
import { folderIdXml } from '../internal/ids.js';
import { checkListCount } from '../internal/list-invariants.js';
import { soleMessage } from '../internal/messages.js';
import type { FolderRef } from '../refs.js';
import { readMailbox } from './rooms.js';

export type ResolveNamesSearchScope =
  | 'ActiveDirectory'
  | 'ActiveDirectoryContacts'
  | 'Contacts'
  | 'ContactsActiveDirectory';

/** Where ResolveNames looks, in the order it looks (t:ResolveNamesSearchScopeType). */
export const RESOLVE_NAMES_SEARCH_SCOPES: readonly ResolveNamesSearchScope[] = [
  'ActiveDirectory',
  'ActiveDirectoryContacts',
  'Contacts',
  'ContactsActiveDirectory',
];

/** How much of each match's contact data comes back with `returnFullContactData`. */
export type ContactDataShape = 'IdOnly' | 'Default' | 'AllProperties';
export const CONTACT_DATA_SHAPES: readonly ContactDataShape[] = ['IdOnly', 'Default', 'AllProperties'];

export interface ResolveNamesParams {
  readonly entry: string;
  /** Default `ActiveDirectoryContacts` (Exchange's): the directory first, then contacts. */
  readonly searchScope?: ResolveNamesSearchScope | undefined;
  /** Return each match's contact data (t:Contact) as well as its mailbox. Default false. */
  readonly returnFullContactData?: boolean | undefined;
  /** The contact data's shape (Exchange 2010 SP2 and later); Exchange's default is `Default`. */
  readonly contactDataShape?: ContactDataShape | undefined;
  /** The contacts folders to search instead of the default Contacts folder. */
  readonly parentFolders?: readonly FolderRef[] | undefined;
}

function oneOf<T extends string>(value: T | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value !== undefined && !allowed.includes(value))
    throw new EwsInvalidArgumentError(`resolveNames: ${name} must be one of ${allowed.join(', ')}`);
  return value;
}

export function buildResolveNames(params: ResolveNamesParams): XmlFragment {
  if (typeof params.entry !== 'string' || params.entry.trim() === '')
    throw new EwsInvalidArgumentError('resolveNames needs a non-empty name to resolve');
  const scope =
    oneOf(params.searchScope, RESOLVE_NAMES_SEARCH_SCOPES, 'searchScope') ?? 'ActiveDirectoryContacts';
  const shape = oneOf(params.contactDataShape, CONTACT_DATA_SHAPES, 'contactDataShape');
  const full = params.returnFullContactData === true;
  const folders = params.parentFolders ?? [];
  const parents = folders.length === 0 ? undefined : el('m:ParentFolderIds', {}, folders.map(folderIdXml));
  return el('m:ResolveNames', { ReturnFullContactData: full, SearchScope: scope, ContactDataShape: shape }, [
    parents,
    el('m:UnresolvedEntry', {}, params.entry),
  ]);
}

/** One match: its mailbox, and its contact data when asked for and the server had some. */
export interface Resolution {
  readonly mailbox: Mailbox;
  readonly contact?: Contact | undefined;
}

/** Codes meaning "nothing matched": an empty answer, not a failure. */
const NO_RESULTS = new Set(['ErrorNameResolutionNoResults']);

/**
 * The matches, and whether they are all of them: ResolveNames returns at most 100 candidates
 * and cannot page, so `complete: false` means a narrower name is needed to see the rest.
 */
export interface ResolveNamesResult {
  readonly mailboxes: readonly Mailbox[];
  /** The same matches with their contact data (`returnFullContactData`). */
  readonly resolutions: readonly Resolution[];
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
    if (NO_RESULTS.has(message.responseCode)) return { mailboxes: [], resolutions: [], complete: true };
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
  const read = resolutions.map((resolution): Resolution => {
    const mailbox = child(resolution, 'Mailbox');
    if (mailbox === undefined)
      throw new EwsProtocolError('ResolveNames answered a Resolution without its Mailbox', {
        operation: 'ResolveNames',
      });
    const contact = child(resolution, 'Contact');
    return {
      mailbox: readMailbox(mailbox),
      ...(contact === undefined ? {} : { contact: fromXml(ContactModel, contact) }),
    };
  });
  return { mailboxes: read.map((r) => r.mailbox), resolutions: read, complete };
}

/** The mailboxes that match (several when the name is ambiguous: the server warns, we return them all). */
export function readResolveNames(response: EwsResponse): readonly Mailbox[] {
  return readResolveNamesResult(response).mailboxes;
}
