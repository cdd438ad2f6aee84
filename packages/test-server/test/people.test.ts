import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';
import { envelope, post } from './support/soap-client.js';

const findPeople = (
  inner: string,
  view = '<m:IndexedPageItemView MaxEntriesReturned="100" Offset="0" BasePoint="Beginning"/>',
) =>
  `<m:FindPeople><m:PersonaShape><t:BaseShape>Default</t:BaseShape></m:PersonaShape>${view}${inner}</m:FindPeople>`;
const directory = '<m:ParentFolderId><t:DistinguishedFolderId Id="directory"/></m:ParentFolderId>';
const sortBy = (uri: string, order: string) =>
  `<m:SortOrder><t:FieldOrder Order="${order}"><t:FieldURI FieldURI="${uri}"/></t:FieldOrder></m:SortOrder>`;
const resolve = (entry: string, attrs = '') =>
  `<m:ResolveNames ReturnFullContactData="true"${attrs}><m:UnresolvedEntry>${entry}</m:UnresolvedEntry></m:ResolveNames>`;
const expandAddress = (address: string) =>
  `<m:ExpandDL><m:Mailbox><t:EmailAddress>${address}</t:EmailAddress></m:Mailbox></m:ExpandDL>`;

describe('people and directory', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.finish();
  });

  it('FindPeople: contacts by default, the GAL under "directory", QueryString, SortOrder, paging', async () => {
    const contacts = await h.call('alice', findPeople(''));
    expect(first(contacts.doc, 'FindPeopleResponse').attrs.ResponseClass).toBe('Success');
    const names = texts(contacts.doc, 'DisplayName');
    expect(names.length).toBeGreaterThan(2);
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
    expect(first(contacts.doc, 'TotalNumberOfPeopleInView').text).toBe(String(names.length));

    const gal = await h.call(
      'alice',
      findPeople(
        `${sortBy('persona:DisplayName', 'Descending')}${directory}<m:QueryString>e</m:QueryString>`,
      ),
    );
    const galNames = texts(gal.doc, 'DisplayName');
    // "e" starts a word of these (EWS Service is a service account: not in the GAL).
    expect(galNames).toEqual(['Product & Engineering', 'Erin Evans', 'Engineering Team']);
    expect(texts(gal.doc, 'PersonaType')).toEqual(['DistributionList', 'Person', 'DistributionList']);

    const page = await h.call(
      'alice',
      findPeople(
        directory,
        '<m:IndexedPageItemView MaxEntriesReturned="3" Offset="3" BasePoint="Beginning"/>',
      ),
    );
    expect(findAll(page.doc, 'Persona')).toHaveLength(3);
    expect(first(page.doc, 'FirstLoadedRowIndex').text).toBe('3');
    // 10 people, 3 rooms and 4 groups.
    expect(first(page.doc, 'TotalNumberOfPeopleInView').text).toBe('17');

    const badSort = await h.call(
      'alice',
      findPeople(`${sortBy('persona:Attributions', 'Ascending')}${directory}`),
    );
    expect(first(badSort.doc, 'FindPeopleResponse').attrs.ResponseClass).toBe('Error');
    expect(texts(badSort.doc, 'ResponseCode')).toEqual(['ErrorUnsupportedPathForSortGroup']);
  });

  it('GetPersona: a persona FindPeople named, with its attributed values; unknown ids are errors', async () => {
    const gal = await h.call('alice', findPeople(`${directory}<m:QueryString>carol</m:QueryString>`));
    const id = first(gal.doc, 'PersonaId').attrs.Id ?? '';
    const persona = await h.call('alice', `<m:GetPersona><m:PersonaId Id="${id}"/></m:GetPersona>`);
    expect(first(persona.doc, 'GetPersonaResponseMessage').attrs.ResponseClass).toBe('Success');
    expect(first(persona.doc, 'PersonaId').attrs.Id).toBe(id);
    expect(texts(first(persona.doc, 'Titles'), 'Value')).toEqual(['Software Engineer']);
    expect(texts(first(persona.doc, 'Attributions'), 'DisplayName')).toEqual(['GAL']);
    const contacts = await h.call('alice', findPeople(''));
    const contactId = first(contacts.doc, 'PersonaId').attrs.Id ?? '';
    const contact = await h.call('alice', `<m:GetPersona><m:PersonaId Id="${contactId}"/></m:GetPersona>`);
    expect(first(first(contact.doc, 'Attribution'), 'FolderId').attrs.Id).toBeTruthy();
    const bad = await h.call('alice', '<m:GetPersona><m:PersonaId Id="AAkALgnope"/></m:GetPersona>');
    expect(bad.status).toBe(500);
    expect(texts(bad.doc, 'ResponseCode')).toEqual(['ErrorInvalidIdMalformed']);
  });

  it('ResolveNames: each SearchScope searches its sources in its order, with contact data per shape', async () => {
    const ad = await h.call('alice', resolve('carol', ' SearchScope="ActiveDirectory"'));
    expect(texts(ad.doc, 'MailboxType')).toEqual(['Mailbox']);
    expect(first(ad.doc, 'ContactSource').text).toBe('ActiveDirectory');
    expect(first(ad.doc, 'JobTitle').text).toBe('Software Engineer');
    // A contact named like a colleague: "Nora" is only in Alice's contacts.
    const contactsOnly = await h.call('alice', resolve('nora', ' SearchScope="Contacts"'));
    expect(texts(contactsOnly.doc, 'MailboxType')).toEqual(['Contact']);
    expect(first(first(contactsOnly.doc, 'Mailbox'), 'ItemId').attrs.Id).toBeTruthy();
    expect(first(contactsOnly.doc, 'ContactSource').text).toBe('Store');
    const notInAd = await h.call('alice', resolve('nora', ' SearchScope="ActiveDirectory"'));
    expect(texts(notInAd.doc, 'ResponseCode')).toEqual(['ErrorNameResolutionNoResults']);
    // "r" matches the rooms (room.*) and the contact Rosa Reyes: the order follows the scope.
    const adFirst = await h.call('alice', resolve('r', ' SearchScope="ActiveDirectoryContacts"'));
    const contactsFirst = await h.call('alice', resolve('r', ' SearchScope="ContactsActiveDirectory"'));
    const typesAd = texts(adFirst.doc, 'MailboxType');
    const typesContacts = texts(contactsFirst.doc, 'MailboxType');
    expect(typesAd[0]).not.toBe('Contact');
    expect(typesAd.at(-1)).toBe('Contact');
    expect(typesContacts[0]).toBe('Contact');
    expect([...typesAd].sort()).toEqual([...typesContacts].sort());
    expect(texts(adFirst.doc, 'ResponseCode')).toEqual(['ErrorNameResolutionMultipleResults']);
    // Groups resolve as PublicDL; IdOnly leaves a directory entry without contact data.
    const group = await h.call('alice', resolve('dl.engineering', ' ContactDataShape="IdOnly"'));
    expect(texts(group.doc, 'MailboxType')).toEqual(['PublicDL']);
    expect(findAll(group.doc, 'Contact')).toHaveLength(0);
  });

  it('ExpandDL: public groups one level (nested lists as PublicDL), private lists by ItemId', async () => {
    const product = await h.call('alice', expandAddress('dl.product@contoso.test'));
    expect(texts(product.doc, 'EmailAddress')).toEqual([
      'erin@contoso.test',
      'irene@contoso.test',
      'dl.engineering@contoso.test',
    ]);
    expect(texts(product.doc, 'MailboxType')).toEqual(['Mailbox', 'Mailbox', 'PublicDL']);
    const created = await h.call(
      'alice',
      '<m:CreateItem><m:SavedItemFolderId><t:DistinguishedFolderId Id="contacts"/></m:SavedItemFolderId><m:Items>' +
        '<t:DistributionList><t:DisplayName>Book club</t:DisplayName><t:Members>' +
        '<t:Member><t:Mailbox><t:Name>Bob</t:Name><t:EmailAddress>bob@contoso.test</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType><t:MailboxType>Mailbox</t:MailboxType></t:Mailbox></t:Member>' +
        '<t:Member><t:Mailbox><t:Name>Product</t:Name><t:EmailAddress>dl.product@contoso.test</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType><t:MailboxType>PublicDL</t:MailboxType></t:Mailbox></t:Member>' +
        '</t:Members></t:DistributionList></m:Items></m:CreateItem>',
    );
    const id = first(created.doc, 'ItemId').attrs.Id ?? '';
    const club = await h.call(
      'alice',
      `<m:ExpandDL><m:Mailbox><t:ItemId Id="${id}"/></m:Mailbox></m:ExpandDL>`,
    );
    expect(texts(club.doc, 'EmailAddress')).toEqual(['bob@contoso.test', 'dl.product@contoso.test']);
    expect(texts(club.doc, 'MailboxType')).toEqual(['Mailbox', 'PublicDL']);
    const notAList = await h.call('alice', expandAddress('bob@contoso.test'));
    expect(texts(notAList.doc, 'ResponseCode')).toEqual(['ErrorNameResolutionNoResults']);
  });

  it('GetUserPhoto: the size asked for, ETag, 304 for If-None-Match, 404 without a photo', async () => {
    const photo = (email: string, size: string) =>
      `<m:GetUserPhoto><m:Email>${email}</m:Email><m:SizeRequested>${size}</m:SizeRequested></m:GetUserPhoto>`;
    const small = await h.call('alice', photo('bob@contoso.test', 'HR48x48'));
    expect(first(small.doc, 'HasChanged').text).toBe('true');
    const bytes = Buffer.from(first(small.doc, 'PictureData').text, 'base64');
    expect(bytes.subarray(0, 6).toString()).toBe('GIF89a');
    expect(bytes.readUInt16LE(6)).toBe(48);
    const etag = small.headers.etag;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const large = await h.call('alice', photo('bob@contoso.test', 'HR648x648'));
    expect(Buffer.from(first(large.doc, 'PictureData').text, 'base64').readUInt16LE(6)).toBe(648);
    expect(large.headers.etag).not.toBe(etag);

    const alice = h.server.mailboxes.find((m) => m.address === 'alice@contoso.test');
    const auth = { user: 'alice@contoso.test', password: alice?.password ?? '' };
    const again = await post(h.server.url, envelope(photo('bob@contoso.test', 'HR48x48')), auth, {
      'If-None-Match': String(etag),
    });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    const stale = await post(h.server.url, envelope(photo('bob@contoso.test', 'HR48x48')), auth, {
      'If-None-Match': '"0000"',
    });
    expect(stale.status).toBe(200);
    const none = await post(h.server.url, envelope(photo('jack@contoso.test', 'HR48x48')), auth);
    expect(none.status).toBe(404);
    const nobody = await post(h.server.url, envelope(photo('nobody@contoso.test', 'HR48x48')), auth);
    expect(nobody.status).toBe(404);
  });
});
