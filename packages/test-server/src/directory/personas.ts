import type { StoredItem } from '../store/item-model.js';
import type { MailboxStore } from '../store/mailbox-store.js';
import type { Directory, DirectoryMailbox, DistributionGroup } from './directory.js';

/**
 * A persona (FindPeople, GetPersona): one person or list seen through one source, either a
 * contact or private list in a mailbox's contacts folder or an entry of the directory (the GAL).
 */
export interface PersonaRecord {
  readonly id: string;
  readonly personaType: 'Person' | 'DistributionList';
  readonly displayName: string;
  readonly givenName: string | undefined;
  readonly surname: string | undefined;
  readonly emailAddress: string | undefined;
  /** MailboxType of the persona's address: Mailbox (directory), Contact, PublicDL, PrivateDL. */
  readonly mailboxType: 'Mailbox' | 'Contact' | 'PublicDL' | 'PrivateDL';
  readonly companyName: string | undefined;
  readonly title: string | undefined;
  readonly department: string | undefined;
  readonly businessPhone: string | undefined;
  readonly creationTime: Date | undefined;
  /** Where it came from: a store item (its id and folder) or the directory. */
  readonly source:
    | { readonly kind: 'store'; readonly itemId: string; readonly folderId: string }
    | { readonly kind: 'directory'; readonly address: string };
}

// Persona ids name their source, so GetPersona can find one again: "AAkAL" + base64 of the key.
const PREFIX = 'AAkALg';

function personaId(key: string): string {
  return PREFIX + Buffer.from(`ews-persona:${key}`).toString('base64');
}

export type PersonaKey =
  | { readonly kind: 'store'; readonly itemId: string }
  | { readonly kind: 'directory'; readonly address: string };

/** The source a persona id names, or undefined for an id this server did not make. */
export function decodePersonaId(id: string): PersonaKey | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  const text = Buffer.from(id.slice(PREFIX.length), 'base64').toString('utf8');
  const match = /^ews-persona:(item|dir):(.+)$/.exec(text);
  if (match === null) return undefined;
  const value = match[2] ?? '';
  return match[1] === 'item' ? { kind: 'store', itemId: value } : { kind: 'directory', address: value };
}

function splitName(name: string): { givenName: string | undefined; surname: string | undefined } {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return { givenName: words[0], surname: undefined };
  return { givenName: words.slice(0, -1).join(' '), surname: words[words.length - 1] };
}

function mailboxPersona(mailbox: DirectoryMailbox): PersonaRecord {
  return {
    id: personaId(`dir:${mailbox.address.toLowerCase()}`),
    personaType: 'Person',
    displayName: mailbox.name,
    ...splitName(mailbox.name),
    emailAddress: mailbox.address,
    mailboxType: 'Mailbox',
    companyName: undefined,
    title: mailbox.title,
    department: mailbox.department,
    businessPhone: mailbox.phone,
    creationTime: undefined,
    source: { kind: 'directory', address: mailbox.address },
  };
}

function groupPersona(group: DistributionGroup): PersonaRecord {
  return {
    id: personaId(`dir:${group.address.toLowerCase()}`),
    personaType: 'DistributionList',
    displayName: group.name,
    givenName: undefined,
    surname: undefined,
    emailAddress: group.address,
    mailboxType: 'PublicDL',
    companyName: undefined,
    title: undefined,
    department: undefined,
    businessPhone: undefined,
    creationTime: undefined,
    source: { kind: 'directory', address: group.address },
  };
}

/** The directory's people, rooms and groups (not service accounts), as Exchange's GAL shows them. */
export function directoryPersonas(directory: Directory): PersonaRecord[] {
  return [
    ...directory.mailboxes.filter((m) => m.kind !== 'service').map(mailboxPersona),
    ...(directory.groups ?? []).map(groupPersona),
  ];
}

/** The persona of a contact or private distribution list; undefined for any other item. */
export function itemPersona(item: StoredItem): PersonaRecord | undefined {
  const source = { kind: 'store' as const, itemId: item.id, folderId: item.parentFolderId };
  const id = personaId(`item:${item.id}`);
  if (item.kind === 'DistributionList') {
    return {
      id,
      personaType: 'DistributionList',
      displayName: item.subject,
      givenName: undefined,
      surname: undefined,
      emailAddress: undefined,
      mailboxType: 'PrivateDL',
      companyName: undefined,
      title: undefined,
      department: undefined,
      businessPhone: undefined,
      creationTime: item.dateTimeCreated,
      source,
    };
  }
  const contact = item.contact;
  if (item.kind !== 'Contact' || contact === undefined) return undefined;
  return {
    id,
    personaType: 'Person',
    displayName: contact.displayName || item.subject,
    givenName: contact.givenName || undefined,
    surname: contact.surname || undefined,
    emailAddress: contact.emailAddress,
    mailboxType: 'Contact',
    companyName: contact.companyName,
    title: contact.jobTitle,
    department: undefined,
    businessPhone: contact.phone,
    creationTime: item.dateTimeCreated,
    source,
  };
}

/** The personas of one folder of `store`. */
export function folderPersonas(store: MailboxStore, folderId: string): PersonaRecord[] {
  return store.itemsIn(folderId).flatMap((item) => itemPersona(item) ?? []);
}

/**
 * Ambiguous name resolution as Exchange applies it: the whole address, or a prefix of the
 * address's local part, of the display name or of any word of it (case-insensitive).
 */
export function anrMatches(query: string, name: string, address: string | undefined): boolean {
  const wanted = query.trim().toLowerCase();
  if (wanted === '') return true;
  const lowerName = name.toLowerCase();
  const lowerAddress = (address ?? '').toLowerCase();
  return (
    lowerAddress === wanted ||
    (lowerAddress !== '' && (lowerAddress.split('@')[0] ?? '').startsWith(wanted)) ||
    lowerName.startsWith(wanted) ||
    lowerName.split(/\s+/).some((word) => word.startsWith(wanted))
  );
}
