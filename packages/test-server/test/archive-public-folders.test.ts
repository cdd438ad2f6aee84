import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

// Expected behaviour from Microsoft's pages: "ArchiveItem operation" (the example archives from
// `inbox` into the archive's Inbox; ErrorArchiveMailboxNotEnabled without an archive),
// "CreateFolderPath operation" (one CreateFolderPathResponseMessage per folder of the path) and
// "GetServiceConfiguration operation" (MailTipsServiceConfiguration and friends, messages.xsd).
const dist = (id: string) => `<t:DistinguishedFolderId Id="${id}"/>`;
const findItems = (parent: string) =>
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape>' +
  '<t:AdditionalProperties><t:FieldURI FieldURI="item:Subject"/></t:AdditionalProperties></m:ItemShape>' +
  `<m:ParentFolderIds>${parent}</m:ParentFolderIds></m:FindItem>`;
const createMessage = (folder: string, subject: string) =>
  `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId>${folder}</m:SavedItemFolderId>` +
  `<m:Items><t:Message><t:Subject>${subject}</t:Subject></t:Message></m:Items></m:CreateItem>`;
const archive = (source: string, id: string) =>
  `<m:ArchiveItem><m:ArchiveSourceFolderId>${source}</m:ArchiveSourceFolderId>` +
  `<m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:ArchiveItem>`;
const findFolders = (parent: string, traversal = 'Deep') =>
  `<m:FindFolder Traversal="${traversal}">` +
  '<m:FolderShape><t:BaseShape>Default</t:BaseShape>' +
  '<t:AdditionalProperties><t:FieldURI FieldURI="folder:ParentFolderId"/></t:AdditionalProperties></m:FolderShape>' +
  `<m:ParentFolderIds>${parent}</m:ParentFolderIds></m:FindFolder>`;

describe('archive mailbox (archive: true)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ archive: true, publicFolders: true });
  });
  afterAll(async () => {
    await h.finish();
  });

  async function draft(subject: string, folder = dist('inbox')): Promise<string> {
    const created = await h.call('alice', createMessage(folder, subject));
    expect(texts(created.doc, 'ResponseCode')).toEqual(['NoError']);
    return first(created.doc, 'ItemId').attrs.Id ?? '';
  }

  it('ArchiveItem from the Inbox lands in the archive Inbox with a new id, and leaves the Inbox', async () => {
    const id = await draft('to the archive inbox');
    const reply = await h.call('alice', archive(dist('inbox'), id));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    const newId = first(reply.doc, 'ItemId').attrs.Id;
    expect(newId).toBeDefined();
    expect(newId).not.toBe(id);
    const archived = await h.call('alice', findItems(dist('archiveinbox')));
    expect(texts(archived.doc, 'Subject')).toContain('to the archive inbox');
    const inbox = await h.call('alice', findItems(dist('inbox')));
    expect(texts(inbox.doc, 'Subject')).not.toContain('to the archive inbox');
  });

  it('an archive folder as ArchiveSourceFolderId (exchangelib) is the destination itself', async () => {
    const id = await draft('to archive deleted items');
    const reply = await h.call('alice', archive(dist('archivedeleteditems'), id));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    const archived = await h.call('alice', findItems(dist('archivedeleteditems')));
    expect(texts(archived.doc, 'Subject')).toEqual(['to archive deleted items']);
  });

  it('a folder without an archive twin gets one with the same path below the archive root', async () => {
    const made = await h.call(
      'alice',
      `<m:CreateFolder><m:ParentFolderId>${dist('inbox')}</m:ParentFolderId><m:Folders><t:Folder><t:DisplayName>Receipts</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>`,
    );
    const folderId = first(made.doc, 'FolderId').attrs.Id ?? '';
    const id = await draft('a receipt', `<t:FolderId Id="${folderId}"/>`);
    const reply = await h.call('alice', archive(`<t:FolderId Id="${folderId}"/>`, id));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    const tree = await h.call('alice', findFolders(dist('archivemsgfolderroot')));
    expect(texts(tree.doc, 'DisplayName')).toEqual(expect.arrayContaining(['Inbox', 'Receipts']));
    const twin = findAll(tree.doc, 'Folder').find((f) => texts(f, 'DisplayName')[0] === 'Receipts');
    const twinId = twin === undefined ? '' : (first(twin, 'FolderId').attrs.Id ?? '');
    const inTwin = await h.call('alice', findItems(`<t:FolderId Id="${twinId}"/>`));
    expect(texts(inTwin.doc, 'Subject')).toEqual(['a receipt']);
  });

  it('the archive is its own tree: walking the primary root does not reach it', async () => {
    const primary = await h.call('alice', findFolders(dist('root')));
    const archiveRoot = await h.call(
      'alice',
      `<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds>${dist('archiveroot')}</m:FolderIds></m:GetFolder>`,
    );
    const archiveRootId = first(archiveRoot.doc, 'FolderId').attrs.Id;
    expect(texts(primary.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(findAll(primary.doc, 'ParentFolderId').map((p) => p.attrs.Id)).not.toContain(archiveRootId);
  });

  it('a mailbox without an archive (the service account) answers ErrorArchiveMailboxNotEnabled', async () => {
    const created = await h.call('ews.service', createMessage(dist('inbox'), 'no archive here'));
    const id = first(created.doc, 'ItemId').attrs.Id ?? '';
    const reply = await h.call('ews.service', archive(dist('inbox'), id));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['ErrorArchiveMailboxNotEnabled']);
  });
});

describe('public folders (publicFolders: true)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ publicFolders: true });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('refuses a Deep traversal of public folders (ErrorInvalidOperation), as Exchange does', async () => {
    const deep = await h.call('alice', findFolders(dist('publicfoldersroot')));
    expect(texts(deep.doc, 'ResponseCode')).toEqual(['ErrorInvalidOperation']);
  });

  it('lists the hierarchy, and creates, finds and reads an item in a public folder', async () => {
    const tree = await h.call('alice', findFolders(dist('publicfoldersroot'), 'Shallow'));
    expect(texts(tree.doc, 'DisplayName')).toEqual(
      expect.arrayContaining(['Announcements', 'Projects', 'Company Calendar', 'Company Contacts']),
    );
    const announcements = findAll(tree.doc, 'Folder').find(
      (f) => texts(f, 'DisplayName')[0] === 'Announcements',
    );
    const folder = `<t:FolderId Id="${announcements === undefined ? '' : first(announcements, 'FolderId').attrs.Id}"/>`;
    const created = await h.call('alice', createMessage(folder, 'Canteen closed Friday'));
    expect(texts(created.doc, 'ResponseCode')).toEqual(['NoError']);
    // Another user of the organization sees it: public folders belong to no one mailbox.
    const found = await h.call('bob', findItems(folder));
    expect(texts(found.doc, 'Subject')).toEqual(['Canteen closed Friday']);
    const id = first(found.doc, 'ItemId').attrs.Id;
    const read = await h.call(
      'bob',
      `<m:GetItem><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`,
    );
    expect(texts(read.doc, 'Subject')).toEqual(['Canteen closed Friday']);
  });
});

describe('CreateFolderPath', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.finish();
  });
  const path = (parent: string, names: readonly string[]) =>
    `<m:CreateFolderPath><m:ParentFolderId>${parent}</m:ParentFolderId><m:RelativeFolderPath>${names
      .map((n) => `<t:Folder><t:DisplayName>${n}</t:DisplayName></t:Folder>`)
      .join('')}</m:RelativeFolderPath></m:CreateFolderPath>`;

  it('creates each missing level below the one before, one message per level', async () => {
    const reply = await h.call('alice', path(dist('inbox'), ['Clients', 'Contoso', '2026']));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError', 'NoError', 'NoError']);
    const ids = findAll(reply.doc, 'FolderId').map((f) => f.attrs.Id);
    expect(new Set(ids).size).toBe(3);
    const tree = await h.call('alice', findFolders(dist('inbox')));
    const parentOf = (name: string) =>
      first(
        findAll(tree.doc, 'Folder').find((f) => texts(f, 'DisplayName')[0] === name) ??
          first(tree.doc, 'Folder'),
        'ParentFolderId',
      ).attrs.Id;
    expect(parentOf('Contoso')).toBe(ids[0]);
    expect(parentOf('2026')).toBe(ids[1]);
  });

  it('an existing level is used as it is (its id answered), case-insensitively', async () => {
    const first1 = await h.call('alice', path(dist('inbox'), ['Vendors']));
    const again = await h.call('alice', path(dist('inbox'), ['VENDORS', 'Fabrikam']));
    expect(texts(again.doc, 'ResponseCode')).toEqual(['NoError', 'NoError']);
    expect(findAll(again.doc, 'FolderId')[0]?.attrs.Id).toBe(first(first1.doc, 'FolderId').attrs.Id);
  });

  it('a missing parent fails every level', async () => {
    const reply = await h.call('alice', path('<t:FolderId Id="AAMkAGI2TG93AAA="/>', ['a', 'b']));
    expect(texts(reply.doc, 'ResponseCode')).toHaveLength(2);
    expect(texts(reply.doc, 'ResponseCode')).not.toContain('NoError');
  });
});

describe('GetServiceConfiguration', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.finish();
  });
  const request = (...names: string[]) =>
    `<m:GetServiceConfiguration><m:RequestedConfiguration>${names
      .map((n) => `<m:ConfigurationName>${n}</m:ConfigurationName>`)
      .join('')}</m:RequestedConfiguration></m:GetServiceConfiguration>`;

  it('answers the configurations asked for, in one message', async () => {
    const reply = await h.call(
      'alice',
      request('MailTips', 'UnifiedMessagingConfiguration', 'ProtectionRules'),
    );
    expect(findAll(reply.doc, 'ServiceConfigurationResponseMessageType')).toHaveLength(1);
    expect(texts(reply.doc, 'MaxRecipientsPerGetMailTipsRequest')).toEqual(['50']);
    expect(texts(reply.doc, 'UmEnabled')).toEqual(['false']);
    expect(first(reply.doc, 'ProtectionRulesConfiguration').attrs.RefreshInterval).toBe('24');
    expect(findAll(reply.doc, 'Domain').map((d) => d.attrs.Name)).toEqual(['contoso.test', 'contoso.test']);
    const only = await h.call('alice', request('UnifiedMessagingConfiguration'));
    expect(findAll(only.doc, 'MailTipsConfiguration')).toEqual([]);
  });

  it('a configuration without an answer element fails the request', async () => {
    const reply = await h.call('alice', request('OfficeIntegrationConfiguration'));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['ErrorInvalidRequest']);
  });
});
