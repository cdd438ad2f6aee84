import { EwsError } from '@ews/core';
import { DistributionListModel } from '@ews/models';
import { describe, expect, it } from 'vitest';
import { type Account, bulkCreate, PeopleSearch } from '../src/index.js';
import { useHarness } from './helpers/harness.js';

// People and directory verbs against the test server (its demo company: 10 people, 3 rooms,
// 4 groups: Engineering Team inside Product & Engineering, Staff Council and Leadership Circle
// inside each other; Alice's contacts: six external people). Every request is XSD-validated.

let alice: Account;
const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
});

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const addresses = (mailboxes: readonly { emailAddress?: string | undefined }[]) =>
  mailboxes.map((m) => m.emailAddress);

describe('findPeople', () => {
  it('pages through the contacts in display-name order, one request per page, up to the view total', async () => {
    const before = harness.operations.length;
    const search = alice.findPeople({ pageSize: 2 });
    expect(search).toBeInstanceOf(PeopleSearch);
    const pages = await all(search.pages());
    expect(harness.operations.slice(before)).toEqual(['FindPeople', 'FindPeople', 'FindPeople']);
    expect(pages.map((p) => p.offset)).toEqual([0, 2, 4]);
    expect(pages.every((p) => p.totalInView === 6)).toBe(true);
    const names = pages.flatMap((p) => p.people.map((person) => person.displayName));
    expect(names).toEqual([
      'Nora Nielsen',
      'Omar Owens',
      'Paula Park',
      'Quentin Quinn',
      'Rosa Reyes',
      'Sam Singh',
    ]);
    const people = await all(alice.findPeople({ pageSize: 4 }));
    expect(people.map((p) => p.displayName)).toEqual(names);
    expect(people.every((p) => typeof p.personaId?.id === 'string')).toBe(true);
  });

  it('searches the directory with a query string, sorted as asked', async () => {
    const found = await all(alice.findPeople({ folder: 'directory', query: 'e', sort: ['-displayName'] }));
    expect(found.map((p) => p.displayName)).toEqual([
      'Product & Engineering',
      'Erin Evans',
      'Engineering Team',
    ]);
    expect(found.map((p) => p.emailAddress?.emailAddress)).toEqual([
      'dl.product@contoso.test',
      'erin@contoso.test',
      'dl.engineering@contoso.test',
    ]);
    const bySurname = await all(
      alice.findPeople({ folder: 'directory', query: 'software', sort: ['surname'] }),
    );
    expect(bySurname).toEqual([]);
    const engineers = await all(alice.findPeople({ folder: 'directory', query: 'c', sort: ['surname'] }));
    expect(engineers.map((p) => p.surname)).toEqual(['Chen', undefined, undefined]);
  });

  it('refuses a bad page size before sending', () => {
    expect(() => alice.findPeople({ pageSize: 0 })).toThrow(EwsError);
  });
});

describe('getPersona', () => {
  it('reads a persona by the id FindPeople gave, and by email address', async () => {
    const [carol] = await all(alice.findPeople({ folder: 'directory', query: 'carol' }));
    const id = carol?.personaId?.id ?? '';
    const persona = await alice.getPersona(id);
    expect(persona.personaId?.id).toBe(id);
    expect(persona.displayName).toBe('Carol Chen');
    expect(persona.titles?.map((t) => t.value)).toEqual(['Software Engineer']);
    const byAddress = await alice.getPersona({ emailAddress: 'bob@contoso.test' });
    expect(byAddress.displayName).toBe('Bob Brown');
    const [nora] = await all(alice.findPeople({ query: 'nora' }));
    const contact = await alice.getPersona({ personaId: nora?.personaId?.id ?? '' });
    expect(contact.companyName).toBe('Fabrikam');
    await expect(alice.getPersona('AAkALgbm9wZQ==')).rejects.toMatchObject({
      responseCode: 'ErrorInvalidIdMalformed',
    });
  });
});

describe('resolveNames', () => {
  it('honours every search scope and returns contact data on request', async () => {
    expect(addresses(await alice.resolveNames('carol', { searchScope: 'ActiveDirectory' }))).toEqual([
      'carol@contoso.test',
    ]);
    expect(await alice.resolveNames('nora', { searchScope: 'ActiveDirectory' })).toEqual([]);
    const nora = await alice.resolveNamesFull('nora', { searchScope: 'Contacts' });
    expect(nora.resolutions.map((r) => r.mailbox.mailboxType)).toEqual(['Contact']);
    expect(nora.resolutions[0]?.contact?.companyName).toBe('Fabrikam');
    expect(nora.resolutions[0]?.contact?.contactSource).toBe('Store');
    const adFirst = await alice.resolveNames('r', { searchScope: 'ActiveDirectoryContacts' });
    const contactsFirst = await alice.resolveNames('r', { searchScope: 'ContactsActiveDirectory' });
    expect(adFirst.at(-1)?.mailboxType).toBe('Contact');
    expect(contactsFirst[0]?.mailboxType).toBe('Contact');
    const carol = await alice.resolveNamesFull('carol', { contactDataShape: 'AllProperties' });
    expect(carol.resolutions[0]?.contact?.jobTitle).toBe('Software Engineer');
    expect(carol.resolutions[0]?.contact?.surname).toBe('Chen');
    expect(carol.complete).toBe(true);
    const idOnly = await alice.resolveNamesFull('carol', { contactDataShape: 'IdOnly' });
    expect(idOnly.resolutions[0]?.contact).toBeUndefined();
    await expect(alice.resolveNames('carol', { searchScope: 'Everywhere' as never })).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
  });
});

describe('expandDL', () => {
  it('expands one level, or every nested list once (cycles end), people listed once', async () => {
    const oneLevel = await alice.expandDL('dl.product@contoso.test');
    expect(addresses(oneLevel)).toEqual([
      'erin@contoso.test',
      'irene@contoso.test',
      'dl.engineering@contoso.test',
    ]);
    const everyone = await alice.expandDL('dl.product@contoso.test', { recursive: true });
    expect(addresses(everyone)).toEqual([
      'erin@contoso.test',
      'irene@contoso.test',
      'bob@contoso.test',
      'carol@contoso.test',
      'dave@contoso.test',
    ]);
    const before = harness.operations.length;
    const cycle = await alice.expandDistributionList('dl.council@contoso.test', { recursive: true });
    expect(addresses(cycle.members)).toEqual([
      'alice@contoso.test',
      'frank@contoso.test',
      'grace@contoso.test',
    ]);
    expect(addresses(cycle.lists)).toEqual(['dl.circle@contoso.test']);
    expect(cycle.complete).toBe(true);
    // Council, then Circle; Circle's member Council is not asked for again.
    expect(harness.operations.slice(before)).toEqual(['ExpandDL', 'ExpandDL']);
    await expect(
      alice.expandDL('dl.product@contoso.test', { recursive: true, maxDepth: 1 }),
    ).rejects.toMatchObject({ code: 'EWS_PROTOCOL' });
    await expect(
      alice.expandDL('dl.product@contoso.test', { recursive: true, maxMembers: 3 }),
    ).rejects.toMatchObject({ code: 'EWS_PROTOCOL' });
  });

  it('expands a private list (a contact group) by item id, nested public lists included', async () => {
    const member = (name: string, address: string, type: 'Mailbox' | 'PublicDL') => ({
      mailbox: { name, emailAddress: address, routingType: 'SMTP', mailboxType: type },
    });
    const [created] = await bulkCreate(
      alice,
      DistributionListModel,
      [
        {
          displayName: 'Book club',
          members: [
            member('Henry', 'henry@contoso.test', 'Mailbox'),
            member('Eng', 'dl.engineering@contoso.test', 'PublicDL'),
          ],
        },
      ],
      { folder: alice.contacts },
    );
    const itemId = created?.ok ? (created.value?.id ?? '') : '';
    expect(itemId).not.toBe('');
    const members = await alice.expandDL({ itemId: { id: itemId } }, { recursive: true });
    expect(addresses(members)).toEqual([
      'henry@contoso.test',
      'bob@contoso.test',
      'carol@contoso.test',
      'dave@contoso.test',
    ]);
  });
});

describe('userPhoto', () => {
  it('reads a photo at a size, then "not modified" for its ETag, and "not found" without one', async () => {
    const photo = await alice.userPhoto('bob@contoso.test', { size: 'HR64x64' });
    if (photo.status !== 'photo') throw new Error(`expected a photo, got ${photo.status}`);
    expect(Buffer.from(photo.data).subarray(0, 6).toString()).toBe('GIF89a');
    expect(Buffer.from(photo.data).readUInt16LE(6)).toBe(64);
    expect(photo.etag).toMatch(/^"[0-9a-f]+"$/);
    const again = await alice.userPhoto('bob@contoso.test', { size: 'HR64x64', etag: photo.etag });
    expect(again).toEqual({ status: 'notModified', notModified: true, etag: photo.etag });
    const other = await alice.userPhoto('bob@contoso.test', { size: 'HR240x240', etag: photo.etag });
    expect(other.status).toBe('photo');
    expect(await alice.userPhoto('jack@contoso.test')).toEqual({ status: 'notFound', notModified: false });
    await expect(alice.userPhoto('bob@contoso.test', { size: 'HR50x50' as never })).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
  });
});
