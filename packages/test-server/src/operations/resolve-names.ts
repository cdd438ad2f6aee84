import type { DirectoryMailbox } from '../directory/directory.js';
import { mailboxXml } from '../render/values.js';
import { errorMessage, operationResponse } from '../soap/response-messages.js';
import type { Person } from '../store/item-model.js';
import { childText } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';
import { type OperationHandler, ResponseError } from './operation-context.js';

const MAX_RESOLUTIONS = 100;

interface Candidate {
  readonly person: Person;
  readonly directory?: DirectoryMailbox;
}

function matches(entry: string, person: Person): boolean {
  const local = person.address.split('@')[0] ?? '';
  const words = person.name.toLowerCase().split(/\s+/);
  return (
    person.address.toLowerCase() === entry ||
    local.toLowerCase().startsWith(entry) ||
    person.name.toLowerCase().startsWith(entry) ||
    words.some((w) => w.startsWith(entry))
  );
}

function contactXml(candidate: Candidate): XmlContent {
  const entry = candidate.directory;
  return el(
    't:Contact',
    null,
    textEl('t:DisplayName', candidate.person.name),
    el('t:EmailAddresses', null, el('t:Entry', { Key: 'EmailAddress1' }, `SMTP:${candidate.person.address}`)),
    entry?.phone
      ? el('t:PhoneNumbers', null, el('t:Entry', { Key: 'BusinessPhone' }, entry.phone))
      : undefined,
    textEl('t:Department', entry?.department),
    textEl('t:JobTitle', entry?.title),
  );
}

/** ResolveNames against the directory and the caller's Contacts folder (ambiguous → Warning). */
export const resolveNames: OperationHandler = (ctx, request) => {
  const raw = childText(request, 'UnresolvedEntry') ?? '';
  const entry = raw
    .replace(/^smtp:/i, '')
    .trim()
    .toLowerCase();
  const fullData =
    request.attrs.ReturnFullContactData === 'true' || request.attrs.ReturnFullContactData === '1';
  const scope = request.attrs.SearchScope ?? 'ActiveDirectoryContacts';
  const candidates: Candidate[] = [];
  if (entry !== '' && scope !== 'Contacts') {
    for (const mailbox of ctx.state.directory.mailboxes) {
      const person = { name: mailbox.name, address: mailbox.address, mailboxType: 'Mailbox' };
      if (matches(entry, person)) candidates.push({ person, directory: mailbox });
    }
  }
  if (entry !== '' && scope !== 'ActiveDirectory') {
    const store = ctx.state.storeFor(ctx.actor.address);
    const contacts = store ? store.itemsIn(store.requireDistinguished('contacts').id) : [];
    for (const item of contacts) {
      const address = item.contact?.emailAddress;
      if (!address || !item.contact) continue;
      const person = { name: item.contact.displayName, address, mailboxType: 'Contact' };
      if (matches(entry, person)) candidates.push({ person });
    }
  }
  const found = candidates.slice(0, MAX_RESOLUTIONS);
  if (found.length === 0) {
    const error = new ResponseError('ErrorNameResolutionNoResults', 'No results were found.');
    return operationResponse('ResolveNames', [errorMessage('ResolveNamesResponseMessage', error)]);
  }
  const set = el(
    'm:ResolutionSet',
    { TotalItemsInView: found.length, IncludesLastItemInRange: true },
    found.map((c) => el('t:Resolution', null, mailboxXml(c.person), fullData ? contactXml(c) : undefined)),
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
};
