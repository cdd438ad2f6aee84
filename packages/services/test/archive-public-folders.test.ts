import { isResponseError } from '@ews/core';
import { CalendarItemModel, MessageModel } from '@ews/models';
import { describe, expect, it } from 'vitest';
import type { Account, ItemRef } from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { readGetServiceConfiguration } from '../src/operations/get-service-configuration.js';
import { useHarness } from './helpers/harness.js';

// Issue 15 (archpub): the archive mailbox and the public folders driven through the client's own
// verbs against @ews/test-server started with `archive: true, publicFolders: true`; CreateFolderPath
// (`folder.createPath`) and GetServiceConfiguration (`account.serviceConfiguration`). Every request
// the file sends is validated against the EWS schema when it ends (useHarness).
// Expected facts: Microsoft's "ArchiveItem operation" (its example archives from `inbox` into the
// archive's Inbox), "DistinguishedFolderId" (archive* ids), "Public folder access with EWS",
// "CreateFolderPath operation" and messages.xsd's ServiceConfigurationResponseMessageType.

let alice: Account;
let bob: Account;
let service: Account;
const harness = useHarness(
  (started) => {
    alice = started.account('alice@contoso.test');
    bob = started.account('bob@contoso.test');
    service = started.account('ews.service@contoso.test');
  },
  { archive: true, publicFolders: true },
);

async function names(
  folders: AsyncIterable<{ readonly displayName?: string | undefined }>,
): Promise<string[]> {
  const found: string[] = [];
  for await (const folder of folders) found.push(folder.displayName ?? '');
  return found;
}

async function subjects(query: AsyncIterable<{ readonly subject?: string | undefined }>): Promise<string[]> {
  const found: string[] = [];
  for await (const item of query) found.push(item.subject ?? '');
  return found;
}

async function draft(account: Account, subject: string): Promise<ItemRef> {
  const [result] = await account.inbox.create([{ subject }]);
  if (!result?.ok || result.value === undefined) throw new Error(`could not create ${subject}`);
  return result.value;
}

describe('the archive mailbox, through the account shortcuts', () => {
  it('walks the archive tree from archiveRoot; the primary root does not reach it', async () => {
    expect(await names(alice.archiveRoot.walk())).toEqual(
      expect.arrayContaining([
        'Recoverable Items',
        'Deletions',
        'Purges',
        'Versions',
        'Top of Information Store',
        'Deleted Items',
        'Inbox',
      ]),
    );
    expect(await names(alice.archiveMsgFolderRoot.children())).toEqual(
      expect.arrayContaining(['Deleted Items', 'Inbox']),
    );
    const archiveTop = await alice.archiveMsgFolderRoot.get();
    const primaryIds: string[] = [];
    for await (const folder of alice.root.walk()) primaryIds.push(folder.folderId?.id ?? '');
    expect(primaryIds).not.toContain(archiveTop.folderId?.id);
    expect(await alice.archiveRoot.parent()).toBeUndefined();
  });

  it('reads every archive shortcut as a folder of its own', async () => {
    const shortcuts = [
      [alice.archiveRoot, 'root'],
      [alice.archiveMsgFolderRoot, 'Top of Information Store'],
      [alice.archiveInbox, 'Inbox'],
      [alice.archiveDeletedItems, 'Deleted Items'],
      [alice.archiveRecoverableItemsRoot, 'Recoverable Items'],
      [alice.archiveRecoverableItemsDeletions, 'Deletions'],
      [alice.archiveRecoverableItemsPurges, 'Purges'],
      [alice.archiveRecoverableItemsVersions, 'Versions'],
    ] as const;
    const ids = new Set<string>();
    for (const [handle, name] of shortcuts) {
      const folder = await handle.get();
      expect(folder.displayName).toBe(name);
      ids.add(folder.folderId?.id ?? '');
    }
    expect(ids.size).toBe(shortcuts.length);
    // Not the primary mailbox's folders of the same name.
    expect(ids.has((await alice.inbox.get()).folderId?.id ?? '')).toBe(false);
  });

  it('archives an item into the archive Inbox, then queries and reads it there', async () => {
    const ref = await draft(alice, 'Q3 invoices (archive me)');
    const archived = await alice.items.archive(ref, alice.archiveInbox);
    expect(archived?.id).toBeDefined();
    expect(archived?.id).not.toBe(ref.id);
    expect(await subjects(alice.archiveInbox.filter({ subject: 'Q3 invoices (archive me)' }))).toEqual([
      'Q3 invoices (archive me)',
    ]);
    expect(await subjects(alice.inbox.filter({ subject: 'Q3 invoices (archive me)' }))).toEqual([]);
    const [read] = await alice.fetch([archived as ItemRef], { model: MessageModel });
    expect(read?.ok && read.value.subject).toBe('Q3 invoices (archive me)');
  });

  it("archives from a primary folder (Microsoft's form) into its twin below the archive, made when missing", async () => {
    const receipts = await alice.inbox.createFolder('Receipts 2025');
    const [created] = await receipts.create([{ subject: 'taxi receipt' }]);
    if (!created?.ok || created.value === undefined) throw new Error('no receipt');
    await alice.items.archive(created.value, receipts);
    const twin = await alice.archiveInbox.path('Receipts 2025');
    expect(await subjects(twin.withModel(MessageModel).all())).toEqual(['taxi receipt']);
  });

  it('bulkArchive: one result per item, in order', async () => {
    const refs = [await draft(alice, 'bulk archive 1'), await draft(alice, 'bulk archive 2')];
    const results = await alice.bulkArchive(refs, alice.archiveDeletedItems);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect((await subjects(alice.archiveDeletedItems.all())).sort()).toEqual([
      'bulk archive 1',
      'bulk archive 2',
    ]);
  });

  it('a mailbox without an archive refuses with ErrorArchiveMailboxNotEnabled', async () => {
    const ref = await draft(service, 'no archive');
    const failure = await service.items.archive(ref, service.archiveInbox).catch((error: unknown) => error);
    expect(isResponseError(failure) && failure.responseCode).toBe('ErrorArchiveMailboxNotEnabled');
    await expect(service.archiveRoot.get()).rejects.toMatchObject({ responseCode: 'ErrorFolderNotFound' });
  });
});

describe('public folders, through publicFoldersRoot', () => {
  it('lists and walks the hierarchy, and finds folders by path', async () => {
    expect(await names(alice.publicFoldersRoot.children())).toEqual(
      expect.arrayContaining(['Announcements', 'Projects', 'Company Calendar', 'Company Contacts']),
    );
    // Exchange refuses Deep FindFolder on public folders: walk() goes one Shallow level at a time.
    const sentBefore = harness.recorder.documents.length;
    const walked = await names(alice.publicFoldersRoot.walk());
    expect(walked).toEqual(
      expect.arrayContaining(['Announcements', 'Projects', 'Archive', 'Company Calendar']),
    );
    expect(walked.indexOf('Projects')).toBeLessThan(walked.indexOf('Archive'));
    const walkRequests = harness.recorder.documents.slice(sentBefore);
    expect(walkRequests.some((doc) => doc.includes('Traversal="Deep"'))).toBe(false);
    // A public folder named by id: the server's refusal of Deep is the cue.
    const projects = await alice.publicFoldersRoot.child('Projects');
    expect(await names(projects.walk())).toEqual(['Archive']);
    const archive = await alice.publicFoldersRoot.path('Projects/Archive');
    expect(archive.displayName).toBe('Archive');
    expect((await archive.parent())?.displayName).toBe('Projects');
    expect(await alice.publicFoldersRoot.parent()).toBeUndefined();
    const calendar = await alice.publicFoldersRoot.child('Company Calendar');
    expect(calendar.model).toBe(CalendarItemModel);
  });

  it('creates an item in a public folder that another user queries and reads', async () => {
    const announcements = (await alice.publicFoldersRoot.child('Announcements')).withModel(MessageModel);
    const [created] = await announcements.create([{ subject: 'Canteen closed on Friday' }]);
    expect(created?.ok).toBe(true);
    const forBob = (await bob.publicFoldersRoot.child('Announcements')).withModel(MessageModel);
    expect(await subjects(forBob.filter({ subject: { contains: 'Canteen' } }))).toEqual([
      'Canteen closed on Friday',
    ]);
    const ids: ItemRef[] = [];
    for await (const item of forBob.all()) if (item.itemId?.id) ids.push({ id: item.itemId.id });
    const [read] = await bob.fetch(ids, { model: MessageModel });
    expect(read?.ok && read.value.subject).toBe('Canteen closed on Friday');
  });

  it('creates a folder path below a public folder in one request', async () => {
    const before = harness.operations.length;
    const made = await alice.publicFoldersRoot.createPath('Projects/Falcon/Minutes');
    expect(harness.operations.slice(before)).toEqual(['CreateFolderPath']);
    expect((await made.get()).displayName).toBe('Minutes');
    expect((await alice.publicFoldersRoot.path('Projects/Falcon/Minutes')).folderId?.id).toBe(
      'id' in made.ref ? made.ref.id : '',
    );
  });
});

describe('folder.createPath (CreateFolderPath)', () => {
  it('creates the missing folders of a path in one call and resolves with the last', async () => {
    const before = harness.operations.length;
    const made = await alice.inbox.createPath('Clients/Contoso/2026');
    expect(harness.operations.slice(before)).toEqual(['CreateFolderPath']);
    const found = await alice.inbox.path('Clients/Contoso/2026');
    expect(found.folderId?.id).toBe('id' in made.ref ? made.ref.id : '');
    expect((await found.parent())?.displayName).toBe('Contoso');
  });

  it('keeps folders already there (case-insensitively) and creates only the rest', async () => {
    const contoso = await alice.inbox.path('Clients/Contoso');
    await alice.inbox.createPath('clients/CONTOSO/2027');
    expect((await alice.inbox.path('Clients/Contoso')).folderId?.id).toBe(contoso.folderId?.id);
    expect((await names(contoso.children())).sort()).toEqual(['2026', '2027']);
    expect(await names(alice.inbox.children())).toEqual(expect.arrayContaining(['Clients']));
    expect((await names(alice.inbox.children())).filter((n) => n.toLowerCase() === 'clients')).toHaveLength(
      1,
    );
  });

  it('gives the last folder its kind; creates paths in the archive too', async () => {
    const calendar = await alice.inbox.createPath('Team/Rota', { kind: 'calendar' });
    expect(calendar.model).toBe(CalendarItemModel);
    expect((await calendar.get()).folderClass).toBe('IPF.Appointment');
    expect((await alice.inbox.path('Team')).folderClass).toBe('IPF.Note');
    const old = await alice.archiveInbox.createPath('2019/Q1');
    expect((await old.get()).displayName).toBe('Q1');
  });

  it('refuses a path that names no folder below this one, before sending anything', async () => {
    const before = harness.operations.length;
    for (const path of ['', '/', '/Inbox/x', 'a/../b', './a', 'a/ /b']) {
      await expect(alice.inbox.createPath(path)).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
    }
    expect(harness.operations.length).toBe(before);
  });

  it('a level that fails is thrown (the parent is gone)', async () => {
    const gone = await alice.inbox.createFolder('Gone soon');
    await gone.delete();
    await expect(gone.createPath('a/b')).rejects.toMatchObject({ responseCode: 'ErrorParentFolderNotFound' });
  });
});

describe('account.serviceConfiguration (GetServiceConfiguration)', () => {
  it('reads mail tips, Unified Messaging and protection rules settings', async () => {
    const config = await alice.serviceConfiguration([
      'MailTips',
      'UnifiedMessagingConfiguration',
      'ProtectionRules',
    ]);
    expect(config.mailTips).toEqual({
      mailTipsEnabled: true,
      maxRecipientsPerGetMailTipsRequest: 50,
      maxMessageSize: 10 * 1024 * 1024,
      largeAudienceThreshold: 25,
      showExternalRecipientCount: false,
      internalDomains: [{ name: 'contoso.test', includeSubdomains: false }],
      policyTipsEnabled: false,
      largeAudienceCap: 1000,
    });
    expect(config.unifiedMessaging).toEqual({
      umEnabled: false,
      playOnPhoneDialString: '',
      playOnPhoneEnabled: false,
    });
    expect(config.protectionRules).toEqual({
      refreshInterval: 24,
      rules: [],
      internalDomains: [{ name: 'contoso.test', includeSubdomains: false }],
    });
    expect(config.sharePointUrls).toBeUndefined();
  });

  it('answers only what was asked for', async () => {
    const config = await alice.serviceConfiguration(['SharePointURLs']);
    expect(Object.keys(config)).toEqual(['sharePointUrls']);
  });

  it('refuses an unknown, repeated or missing name before sending', async () => {
    const before = harness.operations.length;
    for (const requested of [
      [],
      ['MailTips', 'MailTips'],
      ['OfficeIntegrationConfiguration'],
      ['mailtips'],
    ]) {
      await expect(
        alice.serviceConfiguration(requested as unknown as Parameters<Account['serviceConfiguration']>[0]),
      ).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
    }
    expect(harness.operations.length).toBe(before);
  });
});

describe('readGetServiceConfiguration trusts nothing', () => {
  const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
  const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
  const um = (enabled = 'false') =>
    `<m:UnifiedMessagingConfiguration><t:UmEnabled>${enabled}</t:UmEnabled><t:PlayOnPhoneDialString></t:PlayOnPhoneDialString><t:PlayOnPhoneEnabled>false</t:PlayOnPhoneEnabled></m:UnifiedMessagingConfiguration>`;
  const sp =
    '<m:SharePointURLsConfiguration><t:InternalSPMySiteHostURL>a</t:InternalSPMySiteHostURL><t:ExternalSPMySiteHostURL>b</t:ExternalSPMySiteHostURL></m:SharePointURLsConfiguration>';
  const answer = (content: string, messages = 1) =>
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:GetServiceConfigurationResponse ResponseClass="Success" xmlns:m="${M}" xmlns:t="${T}"><m:ResponseCode>NoError</m:ResponseCode><m:ResponseMessages>${`<m:ServiceConfigurationResponseMessageType ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>${content}</m:ServiceConfigurationResponseMessageType>`.repeat(messages)}</m:ResponseMessages></m:GetServiceConfigurationResponse></s:Body></s:Envelope>`;
  const read = (xml: string) =>
    readGetServiceConfiguration(decodeResponseText(xml, 'GetServiceConfiguration'), {
      requested: ['UnifiedMessagingConfiguration'],
    });

  it('reads a clean answer', () => {
    expect(read(answer(um('true'))).unifiedMessaging?.umEnabled).toBe(true);
  });

  it.each([
    ['the configuration asked for is missing', answer('')],
    ['one not asked for is there', answer(um() + sp)],
    ['the one asked for is there twice', answer(um() + um())],
    ['two messages', answer(um(), 2)],
    ['no message', answer('', 0)],
    ['a boolean that is not one', answer(um('maybe'))],
    [
      'a required field missing',
      answer(
        '<m:UnifiedMessagingConfiguration><t:UmEnabled>true</t:UmEnabled></m:UnifiedMessagingConfiguration>',
      ),
    ],
  ])('refuses an answer where %s (EWS_PROTOCOL)', (_, xml) => {
    expect(() => read(xml)).toThrow(expect.objectContaining({ code: 'EWS_PROTOCOL' }));
  });

  it('an Error answer is its typed error', () => {
    const xml = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:GetServiceConfigurationResponse ResponseClass="Error" xmlns:m="${M}"><m:MessageText>no</m:MessageText><m:ResponseCode>ErrorInvalidRequest</m:ResponseCode></m:GetServiceConfigurationResponse></s:Body></s:Envelope>`;
    expect(() => read(xml)).toThrow(expect.objectContaining({ responseCode: 'ErrorInvalidRequest' }));
  });
});
