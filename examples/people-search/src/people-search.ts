import { type Account, EwsError, type Persona } from '@ews/client';

export interface PeopleSearchOptions {
  /** Who to look for: a name, alias or address prefix. */
  readonly query: string;
  /** A name to resolve to one address (ResolveNames), e.g. what a user typed in a To box. */
  readonly resolve: string;
  /** A distribution list to expand, nested lists included. */
  readonly distributionList?: string | undefined;
  readonly print?: ((line: string) => void) | undefined;
}

export interface PeopleSearchResult {
  readonly directory: readonly string[];
  readonly contacts: readonly string[];
  readonly resolved: readonly string[];
  readonly title: string | undefined;
  readonly members: readonly string[];
  readonly photoBytes: number | undefined;
}

const label = (persona: Persona) =>
  `${persona.displayName ?? '(no name)'} <${persona.emailAddress?.emailAddress ?? 'no address'}>`;

/**
 * Searches the directory and the user's contacts for `query`, resolves `resolve` to a mailbox with
 * its contact card, reads the first match's persona and photo, and expands a distribution list.
 */
export async function runPeopleSearch(
  account: Account,
  options: PeopleSearchOptions,
): Promise<PeopleSearchResult> {
  const print = options.print ?? console.log;

  const directory: string[] = [];
  for await (const persona of account.findPeople({
    folder: 'directory',
    query: options.query,
    sort: ['displayName'],
  })) {
    directory.push(label(persona));
  }
  print(`Directory matches for "${options.query}": ${directory.length}`);
  for (const line of directory) print(`  ${line}`);

  const contacts: string[] = [];
  for await (const persona of account.findPeople({ query: options.query, pageSize: 50 }))
    contacts.push(label(persona));
  print(`Contacts matching "${options.query}": ${contacts.length}`);
  for (const line of contacts) print(`  ${line}`);

  const found = await account.resolveNamesFull(options.resolve, { searchScope: 'ActiveDirectoryContacts' });
  const resolved = found.resolutions.map((r) => r.mailbox.emailAddress ?? '(no address)');
  const first = found.resolutions[0];
  print(`"${options.resolve}" resolves to ${resolved.join(', ') || 'nobody'}`);
  if (first?.contact?.jobTitle) print(`  ${first.contact.displayName ?? ''}: ${first.contact.jobTitle}`);

  let photoBytes: number | undefined;
  const address = first?.mailbox.emailAddress;
  if (address !== undefined && first?.mailbox.mailboxType === 'Mailbox') {
    const persona = await account.getPersona({ emailAddress: address });
    print(`  persona: ${persona.displayName ?? ''}, ${persona.department ?? 'no department'}`);
    const photo = await account.userPhoto(address, { size: 'HR96x96' });
    if (photo.status === 'photo') {
      photoBytes = photo.data.byteLength;
      // Ask again with the ETag: an unchanged photo costs no bytes.
      const again = await account.userPhoto(address, { size: 'HR96x96', etag: photo.etag });
      print(`  photo: ${photoBytes} bytes, unchanged on the second ask: ${again.notModified}`);
    } else {
      print('  no photo');
    }
  }

  let members: string[] = [];
  if (options.distributionList !== undefined) {
    try {
      const everyone = await account.expandDL(options.distributionList, { recursive: true });
      members = everyone.map((m) => m.emailAddress ?? m.name ?? '');
      print(`${options.distributionList}: ${members.join(', ')}`);
    } catch (error) {
      if (!EwsError.isInstance(error)) throw error;
      print(`${options.distributionList} could not be expanded: ${error.message}`);
    }
  }
  return { directory, contacts, resolved, title: first?.contact?.jobTitle, members, photoBytes };
}
