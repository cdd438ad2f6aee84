import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const shape = (base: string, extra = '') =>
  `<m:FolderShape><t:BaseShape>${base}</t:BaseShape>${extra ? `<t:AdditionalProperties>${extra}</t:AdditionalProperties>` : ''}</m:FolderShape>`;

describe('folders', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.finish();
  });

  it('GetFolder returns the right folder type, counts and requested properties', async () => {
    const reply = await h.call(
      'alice',
      `<m:GetFolder>${shape('Default', '<t:FieldURI FieldURI="folder:FolderClass"/><t:FieldURI FieldURI="folder:ParentFolderId"/>')}` +
        '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/><t:DistinguishedFolderId Id="calendar"/>' +
        '<t:DistinguishedFolderId Id="contacts"/><t:DistinguishedFolderId Id="tasks"/></m:FolderIds></m:GetFolder>',
    );
    expect(findAll(reply.doc, 'Folder')).toHaveLength(1);
    expect(findAll(reply.doc, 'CalendarFolder')).toHaveLength(1);
    expect(findAll(reply.doc, 'ContactsFolder')).toHaveLength(1);
    expect(findAll(reply.doc, 'TasksFolder')).toHaveLength(1);
    expect(texts(reply.doc, 'DisplayName')).toEqual(['Inbox', 'Calendar', 'Contacts', 'Tasks']);
    expect(texts(reply.doc, 'FolderClass')).toEqual([
      'IPF.Note',
      'IPF.Appointment',
      'IPF.Contact',
      'IPF.Task',
    ]);
    const inbox = first(reply.doc, 'Folder');
    expect(first(inbox, 'TotalCount').text).toBe('12');
    expect(first(inbox, 'UnreadCount').text).toBe('4');
    expect(findAll(reply.doc, 'ParentFolderId')).toHaveLength(4);
  });

  it('IdOnly returns nothing but the id', async () => {
    const reply = await h.call(
      'alice',
      `<m:GetFolder>${shape('IdOnly')}<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>`,
    );
    expect(first(reply.doc, 'Folder').children.map((c) => c.name)).toEqual(['FolderId']);
  });

  it('FindFolder: Shallow lists children of msgfolderroot, Deep walks the whole tree, paging works', async () => {
    const shallow = await h.call(
      'alice',
      `<m:FindFolder Traversal="Shallow">${shape('Default')}<m:ParentFolderIds><t:DistinguishedFolderId Id="msgfolderroot"/></m:ParentFolderIds></m:FindFolder>`,
    );
    const names = texts(shallow.doc, 'DisplayName');
    expect(names).toEqual(
      expect.arrayContaining(['Inbox', 'Calendar', 'Sent Items', 'Deleted Items', 'Drafts', 'Outbox']),
    );
    expect(names).not.toContain('Top of Information Store');
    expect(first(shallow.doc, 'RootFolder').attrs).toMatchObject({
      TotalItemsInView: String(names.length),
      IncludesLastItemInRange: 'true',
    });

    const deep = await h.call(
      'alice',
      `<m:FindFolder Traversal="Deep">${shape('IdOnly')}<m:ParentFolderIds><t:DistinguishedFolderId Id="root"/></m:ParentFolderIds></m:FindFolder>`,
    );
    const deepCount = findAll(deep.doc, 'FolderId').length;
    expect(deepCount).toBeGreaterThan(names.length);

    const page = await h.call(
      'alice',
      `<m:FindFolder Traversal="Deep">${shape('IdOnly')}<m:IndexedPageFolderView MaxEntriesReturned="5" Offset="5" BasePoint="Beginning"/>` +
        '<m:ParentFolderIds><t:DistinguishedFolderId Id="root"/></m:ParentFolderIds></m:FindFolder>',
    );
    expect(findAll(page.doc, 'FolderId')).toHaveLength(5);
    expect(first(page.doc, 'RootFolder').attrs).toMatchObject({
      IndexedPagingOffset: '10',
      TotalItemsInView: String(deepCount),
      IncludesLastItemInRange: 'false',
    });
  });

  it('denies other mailboxes unless the caller has full access (delegate and service account)', async () => {
    const request = (mailbox: string) =>
      `<m:GetFolder>${shape('IdOnly')}<m:FolderIds><t:DistinguishedFolderId Id="inbox"><t:Mailbox><t:EmailAddress>${mailbox}</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId></m:FolderIds></m:GetFolder>`;
    const denied = await h.call('bob', request('alice@contoso.test'));
    expect(first(denied.doc, 'ResponseCode').text).toBe('ErrorAccessDenied');
    const delegate = await h.call('grace', request('alice@contoso.test'));
    expect(first(delegate.doc, 'ResponseCode').text).toBe('NoError');
    const service = await h.call('ews.service', request('room.oslo@contoso.test'));
    expect(first(service.doc, 'ResponseCode').text).toBe('NoError');
    const missing = await h.call('alice', request('nobody@contoso.test'));
    expect(first(missing.doc, 'ResponseCode').text).toBe('ErrorNonExistentMailbox');
  });

  it('refuses an item id where a folder id belongs', async () => {
    const find = await h.call(
      'alice',
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
        '<m:IndexedPageItemView MaxEntriesReturned="1" Offset="0" BasePoint="Beginning"/>' +
        '<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>',
    );
    const itemId = first(find.doc, 'ItemId').attrs.Id;
    const reply = await h.call(
      'alice',
      `<m:GetFolder>${shape('IdOnly')}<m:FolderIds><t:FolderId Id="${itemId}"/></m:FolderIds></m:GetFolder>`,
    );
    expect(first(reply.doc, 'ResponseCode').text).toBe('ErrorCannotUseItemIdForFolderId');
  });
});
