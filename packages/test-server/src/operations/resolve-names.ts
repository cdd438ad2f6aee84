import type { DirectoryMailbox, DistributionGroup } from '../directory/directory.js';
import { anrMatches } from '../directory/personas.js';
import { errorMessage, operationResponse } from '../soap/response-messages.js';
import type { StoredItem } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import { child, childText, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';
import { folderIdElements, resolveFolder } from './resolve-folder.js';

const MAX_RESOLUTIONS = 100;

type Scope = 'ActiveDirectory' | 'ActiveDirectoryContacts' | 'Contacts' | 'ContactsActiveDirectory';

/** The sources each SearchScope searches, in the order its results come (ResolveNames reference). */
const SCOPES: Readonly<Record<Scope, readonly ('directory' | 'contacts')[]>> = {
  ActiveDirectory: ['directory'],
  ActiveDirectoryContacts: ['directory', 'contacts'],
  Contacts: ['contacts'],
  ContactsActiveDirectory: ['contacts', 'directory'],
};

type Shape = 'IdOnly' | 'Default' | 'AllProperties';
const SHAPES: readonly Shape[] = ['IdOnly', 'Default', 'AllProperties'];

type Candidate =
  | { readonly kind: 'mailbox'; readonly mailbox: DirectoryMailbox }
  | { readonly kind: 'group'; readonly group: DistributionGroup }
  | { readonly kind: 'item'; readonly item: StoredItem };

function directoryCandidates(ctx: OperationContext, entry: string): Candidate[] {
  const mailboxes: Candidate[] = ctx.state.directory.mailboxes
    .filter((m) => anrMatches(entry, m.name, m.address))
    .map((mailbox) => ({ kind: 'mailbox', mailbox }));
  const groups: Candidate[] = (ctx.state.directory.groups ?? [])
    .filter((g) => anrMatches(entry, g.name, g.address))
    .map((group) => ({ kind: 'group', group }));
  return [...mailboxes, ...groups];
}

/** The contacts folders to search: ParentFolderIds when given, else the actor's Contacts folder. */
function contactFolders(
  ctx: OperationContext,
  request: XmlElement,
): { store: MailboxStore; folderId: string }[] {
  const named = folderIdElements(child(request, 'ParentFolderIds'));
  if (named.length > 0) {
    return named.map((idEl) => {
      const { store, folder } = resolveFolder(ctx, idEl);
      return { store, folderId: folder.id };
    });
  }
  const store = ctx.state.storeFor(ctx.actor.address);
  return store === undefined ? [] : [{ store, folderId: store.requireDistinguished('contacts').id }];
}

function contactCandidates(ctx: OperationContext, request: XmlElement, entry: string): Candidate[] {
  return contactFolders(ctx, request).flatMap(({ store, folderId }) =>
    store.itemsIn(folderId).flatMap((item): Candidate[] => {
      if (item.kind === 'DistributionList')
        return anrMatches(entry, item.subject, undefined) ? [{ kind: 'item', item }] : [];
      const contact = item.contact;
      // A contact resolves only when it has an address to send to.
      if (item.kind !== 'Contact' || contact?.emailAddress === undefined) return [];
      return anrMatches(entry, contact.displayName, contact.emailAddress) ? [{ kind: 'item', item }] : [];
    }),
  );
}

function mailboxOf(candidate: Candidate): XmlContent {
  const [name, address, type, itemId] =
    candidate.kind === 'mailbox'
      ? [candidate.mailbox.name, candidate.mailbox.address, 'Mailbox', undefined]
      : candidate.kind === 'group'
        ? [candidate.group.name, candidate.group.address, 'PublicDL', undefined]
        : candidate.item.kind === 'DistributionList'
          ? [candidate.item.subject, undefined, 'PrivateDL', candidate.item]
          : [
              candidate.item.contact?.displayName,
              candidate.item.contact?.emailAddress,
              'Contact',
              candidate.item,
            ];
  return el(
    't:Mailbox',
    null,
    textEl('t:Name', name),
    textEl('t:EmailAddress', address),
    textEl('t:RoutingType', address === undefined ? undefined : 'SMTP'),
    textEl('t:MailboxType', type),
    itemId === undefined ? undefined : el('t:ItemId', { Id: itemId.id, ChangeKey: itemId.changeKey }),
  );
}

function emailEntry(address: string | undefined): XmlContent {
  return address === undefined
    ? undefined
    : el('t:EmailAddresses', null, el('t:Entry', { Key: 'EmailAddress1' }, `SMTP:${address}`));
}

function phoneEntry(phone: string | undefined): XmlContent {
  return phone === undefined
    ? undefined
    : el('t:PhoneNumbers', null, el('t:Entry', { Key: 'BusinessPhone' }, phone));
}

/** t:Contact (ContactItemType order) of a directory mailbox: ContactSource ActiveDirectory. */
function directoryContact(mailbox: DirectoryMailbox, shape: Shape): XmlContent {
  if (shape === 'IdOnly') return undefined;
  const words = mailbox.name.split(/\s+/);
  const all = shape === 'AllProperties';
  return el(
    't:Contact',
    null,
    textEl('t:DisplayName', mailbox.name),
    all ? textEl('t:GivenName', words.slice(0, -1).join(' ') || undefined) : undefined,
    emailEntry(mailbox.address),
    phoneEntry(mailbox.phone),
    textEl('t:ContactSource', 'ActiveDirectory'),
    textEl('t:Department', mailbox.department),
    textEl('t:JobTitle', mailbox.title),
    all && words.length > 1 ? textEl('t:Surname', words[words.length - 1]) : undefined,
  );
}

/** t:Contact of a stored contact: ContactSource Store, with its ItemId. */
function storeContact(item: StoredItem, shape: Shape): XmlContent {
  const contact = item.contact;
  const id = el('t:ItemId', { Id: item.id, ChangeKey: item.changeKey });
  if (shape === 'IdOnly' || contact === undefined) return el('t:Contact', null, id);
  const all = shape === 'AllProperties';
  return el(
    't:Contact',
    null,
    id,
    all ? textEl('t:FileAs', `${contact.surname}, ${contact.givenName}`) : undefined,
    textEl('t:DisplayName', contact.displayName),
    textEl('t:GivenName', contact.givenName),
    textEl('t:CompanyName', contact.companyName),
    emailEntry(contact.emailAddress),
    phoneEntry(contact.phone),
    textEl('t:ContactSource', 'Store'),
    textEl('t:JobTitle', contact.jobTitle),
    textEl('t:Surname', contact.surname),
  );
}

function contactOf(candidate: Candidate, shape: Shape): XmlContent {
  if (candidate.kind === 'mailbox') return directoryContact(candidate.mailbox, shape);
  if (candidate.kind === 'item' && candidate.item.kind === 'Contact')
    return storeContact(candidate.item, shape);
  // Lists have no contact data.
  return undefined;
}

function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

/**
 * ResolveNames against the directory (mailboxes and public groups) and contacts folders (contacts and
 * private lists), in the order SearchScope names them. One match: Success; several: Warning with
 * ErrorNameResolutionMultipleResults; none: Error with ErrorNameResolutionNoResults. With
 * ReturnFullContactData, each resolution carries its contact data in ContactDataShape.
 */
export const resolveNames: OperationHandler = (ctx, request) => {
  try {
    const entry = (childText(request, 'UnresolvedEntry') ?? '').replace(/^smtp:/i, '').trim();
    const scope = (request.attrs.SearchScope ?? 'ActiveDirectoryContacts') as Scope;
    const sources = SCOPES[scope];
    if (sources === undefined)
      throw new ResponseError('ErrorInvalidArgument', `Invalid SearchScope ${scope}.`);
    const shape = (request.attrs.ContactDataShape ?? 'Default') as Shape;
    if (!SHAPES.includes(shape))
      throw new ResponseError('ErrorInvalidArgument', `Invalid ContactDataShape ${shape}.`);
    const fullData = isTrue(request.attrs.ReturnFullContactData);
    const candidates =
      entry === ''
        ? []
        : sources.flatMap((source) =>
            source === 'directory' ? directoryCandidates(ctx, entry) : contactCandidates(ctx, request, entry),
          );
    const found = candidates.slice(0, MAX_RESOLUTIONS);
    if (found.length === 0) throw new ResponseError('ErrorNameResolutionNoResults', 'No results were found.');
    const set = el(
      'm:ResolutionSet',
      { TotalItemsInView: found.length, IncludesLastItemInRange: candidates.length <= MAX_RESOLUTIONS },
      found.map((c) => el('t:Resolution', null, mailboxOf(c), fullData ? contactOf(c, shape) : undefined)),
    );
    const ambiguous = found.length > 1;
    const message = el(
      'm:ResolveNamesResponseMessage',
      { ResponseClass: ambiguous ? 'Warning' : 'Success' },
      ambiguous ? textEl('m:MessageText', 'Multiple results were found.') : undefined,
      textEl('m:ResponseCode', ambiguous ? 'ErrorNameResolutionMultipleResults' : 'NoError'),
      ambiguous ? textEl('m:DescriptiveLinkKey', 0) : undefined,
      set,
    );
    return operationResponse('ResolveNames', [message]);
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    return operationResponse('ResolveNames', [errorMessage('ResolveNamesResponseMessage', error)]);
  }
};
