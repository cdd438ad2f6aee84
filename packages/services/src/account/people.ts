import {
  type CallOptions,
  EwsHttpError,
  EwsInvalidArgumentError,
  EwsProtocolError,
  positiveInteger,
} from '@ews/core';
import type { Mailbox, Persona } from '@ews/models';
import { XS_INT_MAX } from '../internal/schema-limits.js';
import { type ConditionalSender, send, sendConditional } from '../internal/send.js';
import { buildExpandDL, type DistributionListTarget, readExpandDL } from '../operations/expand-dl.js';
import { buildFindPeople, type PersonaSortKey, readFindPeople } from '../operations/find-people.js';
import { buildGetPersona, type PersonaTarget, readGetPersona } from '../operations/get-persona.js';
import {
  buildGetUserPhoto,
  entityTagOf,
  readGetUserPhoto,
  type UserPhoto,
  type UserPhotoSize,
} from '../operations/get-user-photo.js';
import {
  buildResolveNames,
  type ResolveNamesParams,
  type ResolveNamesResult,
  readResolveNamesResult,
} from '../operations/resolve-names.js';
import { type FolderRef, type FolderTarget, folderRefOf, mailboxFolderRef } from '../refs.js';
import type { AccountContext } from './account-context.js';

/** Default FindPeople page: exchangelib's page size. */
export const DEFAULT_PEOPLE_PAGE_SIZE = 100;

export interface FindPeopleOptions extends CallOptions {
  /** ANR text (name, alias or address prefix); absent: everyone in the folder. */
  readonly query?: string | undefined;
  /** `contacts` (default: the account's Contacts folder), `directory` (the GAL), or a contacts folder. */
  readonly folder?: 'contacts' | 'directory' | FolderTarget | undefined;
  /** Persona fields, most significant first: `'displayName'`, `'-surname'`, `{ field, order }`. */
  readonly sort?: readonly PersonaSortKey[] | undefined;
  /** Personas per request (IndexedPageItemView MaxEntriesReturned), default 100. */
  readonly pageSize?: number | undefined;
}

/** One FindPeople page: where it starts, its personas, and how many the whole view holds. */
export interface PeoplePage {
  readonly offset: number;
  readonly people: readonly Persona[];
  readonly totalInView: number | undefined;
}

/**
 * The personas FindPeople finds, requested page by page as they are read: iterate it for the
 * personas, or `pages()` for the pages with TotalNumberOfPeopleInView. Paging stops at the view's
 * total; a page that comes back empty before the total is reached is EWS_PROTOCOL, never an
 * early, silent end.
 */
export class PeopleSearch implements AsyncIterable<Persona> {
  readonly #account: AccountContext;
  readonly #folder: FolderRef;
  readonly #pageSize: number;
  readonly #options: FindPeopleOptions;

  constructor(account: AccountContext, options: FindPeopleOptions) {
    this.#account = account;
    this.#options = options;
    this.#pageSize = positiveInteger('pageSize', options.pageSize ?? DEFAULT_PEOPLE_PAGE_SIZE, {
      max: XS_INT_MAX,
    });
    const folder = options.folder ?? 'contacts';
    this.#folder =
      folder === 'directory'
        ? { distinguishedId: 'directory' }
        : mailboxFolderRef(
            account.primarySmtpAddress,
            folder === 'contacts' ? { distinguishedId: 'contacts' } : folder,
          );
    if (options.query !== undefined && typeof options.query !== 'string')
      throw new EwsInvalidArgumentError('findPeople: query must be a string');
  }

  async *pages(): AsyncGenerator<PeoplePage> {
    const { query, sort } = this.#options;
    let offset = 0;
    for (;;) {
      const body = buildFindPeople({
        folder: this.#folder,
        query,
        sort,
        maxEntries: this.#pageSize,
        offset,
        version: this.#account.version,
      });
      const page = readFindPeople(await send(this.#account, 'FindPeople', body, this.#options), {
        maxEntries: this.#pageSize,
      });
      yield { offset, people: page.people, totalInView: page.totalInView };
      offset += page.people.length;
      const total = page.totalInView;
      if (total === undefined) {
        if (page.people.length < this.#pageSize) return;
        continue;
      }
      if (offset >= total) return;
      if (page.people.length === 0)
        throw new EwsProtocolError(
          `FindPeople answered an empty page at offset ${offset}, but TotalNumberOfPeopleInView is ${total}`,
          { operation: 'FindPeople' },
        );
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Persona> {
    for await (const page of this.pages()) yield* page.people;
  }
}

export function findPeople(account: AccountContext, options: FindPeopleOptions = {}): PeopleSearch {
  return new PeopleSearch(account, options);
}

export async function getPersona(
  account: AccountContext,
  target: PersonaTarget,
  options: CallOptions,
): Promise<Persona> {
  return readGetPersona(await send(account, 'GetPersona', buildGetPersona(target), options), target);
}

export interface ResolveNamesOptions
  extends CallOptions,
    Omit<ResolveNamesParams, 'entry' | 'parentFolders'> {
  /** Contacts folders to search instead of the account's Contacts folder. */
  readonly parentFolders?: readonly FolderTarget[] | undefined;
}

/** ResolveNames with every option: search scope, contact data and its shape, the folders to search. */
export async function resolveNamesFull(
  account: AccountContext,
  entry: string,
  options: ResolveNamesOptions,
): Promise<ResolveNamesResult> {
  const body = buildResolveNames({
    entry,
    searchScope: options.searchScope,
    returnFullContactData: options.returnFullContactData,
    contactDataShape: options.contactDataShape,
    parentFolders: options.parentFolders?.map((f) =>
      mailboxFolderRef(account.primarySmtpAddress, folderRefOf(f)),
    ),
  });
  return readResolveNamesResult(await send(account, 'ResolveNames', body, options));
}

/** The mailboxes ResolveNames matched (Account.resolveNames). */
export async function resolveNames(
  account: AccountContext,
  entry: string,
  options: ResolveNamesOptions = {},
): Promise<readonly Mailbox[]> {
  return (await resolveNamesFull(account, entry, options)).mailboxes;
}

/** A list to expand: its address, its Mailbox (a PublicDL by address, a PrivateDL by ItemId), or a private list's item id. */
export type ExpandableList = DistributionListTarget | Mailbox;

export interface ExpandDLOptions extends CallOptions {
  /** Expand nested lists too (each list once: cycles end there). Default false: one level. */
  readonly recursive?: boolean | undefined;
  /** Deepest nesting followed when recursive, default 10; a deeper list is EWS_PROTOCOL. */
  readonly maxDepth?: number | undefined;
  /** Most members and lists gathered when recursive, default 10,000; more is EWS_PROTOCOL. */
  readonly maxMembers?: number | undefined;
}

/** An expansion: the people (and other non-list members), the nested lists met, and whether it is whole. */
export interface DistributionListExpansion {
  readonly members: readonly Mailbox[];
  /** Nested lists (recursive: each expanded once, in the order met). */
  readonly lists: readonly Mailbox[];
  /** False when the server cut some list short (IncludesLastItemInRange false). */
  readonly complete: boolean;
}

export const DEFAULT_EXPAND_DEPTH = 10;
export const DEFAULT_EXPAND_MEMBERS = 10_000;

function targetOf(list: ExpandableList): DistributionListTarget {
  if (typeof list === 'string') return list;
  const mailbox = list as Mailbox;
  const itemId = mailbox.itemId?.id;
  // A private list is named by its item id; anything else by its address.
  if (itemId && (mailbox.mailboxType === 'PrivateDL' || !mailbox.emailAddress))
    return { itemId: { id: itemId } };
  if (typeof mailbox.emailAddress !== 'string' || mailbox.emailAddress === '')
    throw new EwsInvalidArgumentError('expandDL needs a list address or a private list item id');
  return mailbox.emailAddress;
}

/** maxDepth and maxMembers, checked whether or not the expansion is recursive. */
function expandLimits(options: ExpandDLOptions): { maxDepth: number; maxMembers: number } {
  return {
    maxDepth: positiveInteger('maxDepth', options.maxDepth ?? DEFAULT_EXPAND_DEPTH, { max: 100 }),
    maxMembers: positiveInteger('maxMembers', options.maxMembers ?? DEFAULT_EXPAND_MEMBERS, {
      max: XS_INT_MAX,
    }),
  };
}

/** The key a list is visited under: its item id or its lower-cased address. */
function keyOf(target: DistributionListTarget): string {
  return typeof target === 'string' ? `smtp:${target.toLowerCase()}` : `id:${target.itemId.id}`;
}

function isList(member: Mailbox): boolean {
  return member.mailboxType === 'PublicDL' || member.mailboxType === 'PrivateDL';
}

/** A nested list member as something to expand; one that names neither address nor id is a broken answer. */
function nestedTarget(member: Mailbox): DistributionListTarget {
  const itemId = member.itemId?.id;
  if (member.mailboxType === 'PrivateDL' && itemId) return { itemId: { id: itemId } };
  if (member.emailAddress) return member.emailAddress;
  throw new EwsProtocolError(
    `ExpandDL answered a ${member.mailboxType} member with neither address nor item id`,
    {
      operation: 'ExpandDL',
    },
  );
}

/**
 * ExpandDL, one level or (recursive) every nested list once, breadth first: cycles end at a list
 * already expanded, depth and size are bounded (maxDepth, maxMembers), and people reached by two
 * paths are listed once.
 */
export async function expandDistributionList(
  account: AccountContext,
  list: ExpandableList,
  options: ExpandDLOptions = {},
): Promise<DistributionListExpansion> {
  const { maxDepth, maxMembers } = expandLimits(options);
  const first = targetOf(list);
  const expandOnce = async (target: DistributionListTarget) =>
    readExpandDL(await send(account, 'ExpandDL', buildExpandDL(target), options));
  if (options.recursive !== true) {
    const { mailboxes, complete } = await expandOnce(first);
    return { members: mailboxes.filter((m) => !isList(m)), lists: mailboxes.filter(isList), complete };
  }
  const seen = new Set<string>([keyOf(first)]);
  const seenMembers = new Set<string>();
  const members: Mailbox[] = [];
  const lists: Mailbox[] = [];
  let complete = true;
  let level: DistributionListTarget[] = [first];
  for (let depth = 1; level.length > 0; depth += 1) {
    if (depth > maxDepth)
      throw new EwsProtocolError(`ExpandDL: the list nests deeper than maxDepth (${maxDepth})`, {
        operation: 'ExpandDL',
      });
    const next: DistributionListTarget[] = [];
    for (const target of level) {
      const expansion = await expandOnce(target);
      complete &&= expansion.complete;
      for (const member of expansion.mailboxes) {
        if (isList(member)) {
          const nested = nestedTarget(member);
          if (seen.has(keyOf(nested))) continue;
          seen.add(keyOf(nested));
          lists.push(member);
          next.push(nested);
        } else {
          const key = member.emailAddress?.toLowerCase() ?? member.itemId?.id ?? member.name ?? '';
          if (seenMembers.has(key)) continue;
          seenMembers.add(key);
          members.push(member);
        }
        if (members.length + lists.length > maxMembers)
          throw new EwsProtocolError(`ExpandDL: the list holds more than maxMembers (${maxMembers})`, {
            operation: 'ExpandDL',
          });
      }
    }
    level = next;
  }
  return { members, lists, complete };
}

/** Account.expandDL: one level's members as the server lists them, or (recursive) every person, refusing a cut list. */
export async function expandDLMembers(
  account: AccountContext,
  list: ExpandableList,
  options: ExpandDLOptions,
): Promise<readonly Mailbox[]> {
  expandLimits(options);
  if (options.recursive !== true) {
    return readExpandDL(await send(account, 'ExpandDL', buildExpandDL(targetOf(list)), options)).mailboxes;
  }
  const expansion = await expandDistributionList(account, list, options);
  if (!expansion.complete)
    throw new EwsProtocolError(
      'ExpandDL: the server cut a nested list short (IncludesLastItemInRange false)',
      {
        operation: 'ExpandDL',
      },
    );
  return expansion.members;
}

export interface UserPhotoOptions extends CallOptions {
  /** Default `HR96x96`. */
  readonly size?: UserPhotoSize | undefined;
  /** The ETag of the copy you have: an unchanged photo then comes back as `{ notModified: true }`. */
  readonly etag?: string | undefined;
}

/**
 * GetUserPhoto (SOAP) for `email` at `size`. With `etag`, If-None-Match is sent: Exchange then
 * answers HTTP 304 (or HasChanged false) when the photo is unchanged, read as `notModified`. HTTP
 * 404 means no photo (or no such user): `notFound`. A 304 to a request that sent no ETag is
 * EWS_PROTOCOL.
 */
export async function getUserPhoto(
  account: ConditionalSender,
  email: string,
  options: UserPhotoOptions,
): Promise<UserPhoto> {
  const body = buildGetUserPhoto(email, options.size ?? 'HR96x96');
  const etag = options.etag;
  if (etag !== undefined && (typeof etag !== 'string' || etag === '' || /[\r\n]/.test(etag)))
    throw new EwsInvalidArgumentError('getUserPhoto: etag must be the ETag a previous answer gave');
  try {
    const headers = etag === undefined ? undefined : { 'if-none-match': etag };
    const response = await sendConditional(account, 'GetUserPhoto', body, options, headers);
    return readGetUserPhoto(response, etag);
  } catch (error) {
    if (!(error instanceof EwsHttpError)) throw error;
    if (error.status === 404) return { status: 'notFound', notModified: false };
    if (error.status !== 304) throw error;
    if (etag === undefined)
      throw new EwsProtocolError('GetUserPhoto answered 304 Not Modified to a request without an ETag', {
        operation: 'GetUserPhoto',
      });
    const current = entityTagOf({ etag: error.responseHeaders.etag ?? etag }, 'GetUserPhoto') ?? etag;
    return { status: 'notModified', notModified: true, etag: current };
  }
}
