import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const distinguished = (id: string) => `<t:DistinguishedFolderId Id="${id}"/>`;
const folderId = (id: string) => `<t:FolderId Id="${id}"/>`;

const createFolders = (parent: string, folders: string) =>
  `<m:CreateFolder><m:ParentFolderId>${parent}</m:ParentFolderId><m:Folders>${folders}</m:Folders></m:CreateFolder>`;
const findFolders = (parent: string, traversal = 'Shallow') =>
  `<m:FindFolder Traversal="${traversal}"><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>` +
  `<m:ParentFolderIds>${parent}</m:ParentFolderIds></m:FindFolder>`;
const createDraft = (folder: string, subject: string) =>
  `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId>${folder}</m:SavedItemFolderId><m:Items>` +
  `<t:Message><t:Subject>${subject}</t:Subject></t:Message></m:Items></m:CreateItem>`;
const countIn = (folder: string) =>
  `<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape><m:FolderIds>${folder}</m:FolderIds></m:GetFolder>`;

describe('folder operations', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  async function create(parent: string, name: string, type = 'Folder'): Promise<string> {
    const reply = await h.call(
      'alice',
      createFolders(parent, `<t:${type}><t:DisplayName>${name}</t:DisplayName></t:${type}>`),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    return first(reply.doc, 'FolderId').attrs.Id ?? '';
  }

  it('CreateFolder makes typed folders; a duplicate name is ErrorFolderExists', async () => {
    const projects = await create(distinguished('inbox'), 'Projects');
    await create(distinguished('calendar'), 'Holidays', 'CalendarFolder');
    const listed = await h.call('alice', findFolders(distinguished('inbox')));
    expect(texts(listed.doc, 'DisplayName')).toEqual(['Projects']);
    const cal = await h.call('alice', findFolders(distinguished('calendar')));
    expect(findAll(cal.doc, 'CalendarFolder').map((f) => first(f, 'DisplayName').text)).toEqual(['Holidays']);

    const nested = await create(folderId(projects), 'Contoso rollout');
    const under = await h.call('alice', findFolders(folderId(projects)));
    expect(findAll(under.doc, 'FolderId').map((f) => f.attrs.Id)).toEqual([nested]);
    const again = await h.call(
      'alice',
      createFolders(distinguished('inbox'), '<t:Folder><t:DisplayName>projects</t:DisplayName></t:Folder>'),
    );
    expect(texts(again.doc, 'ResponseCode')).toEqual(['ErrorFolderExists']);
    const denied = await h.call(
      'bob',
      createFolders(
        '<t:DistinguishedFolderId Id="inbox"><t:Mailbox><t:EmailAddress>alice@contoso.test</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>',
        '<t:Folder><t:DisplayName>Intruder</t:DisplayName></t:Folder>',
      ),
    );
    expect(texts(denied.doc, 'ResponseCode')).toEqual(['ErrorAccessDenied']);
  });

  it('UpdateFolder renames with a new change key; distinguished folders keep their names', async () => {
    const id = await create(distinguished('inbox'), 'Old name');
    const before = await h.call('alice', countIn(folderId(id)));
    const oldKey = first(before.doc, 'FolderId').attrs.ChangeKey;
    const rename = (target: string, name: string) =>
      `<m:UpdateFolder><m:FolderChanges><t:FolderChange>${target}<t:Updates><t:SetFolderField>` +
      `<t:FieldURI FieldURI="folder:DisplayName"/><t:Folder><t:DisplayName>${name}</t:DisplayName></t:Folder>` +
      '</t:SetFolderField></t:Updates></t:FolderChange></m:FolderChanges></m:UpdateFolder>';
    const renamed = await h.call('alice', rename(folderId(id), 'New name'));
    expect(texts(renamed.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(first(renamed.doc, 'FolderId').attrs.ChangeKey).not.toBe(oldKey);
    const after = await h.call('alice', countIn(folderId(id)));
    expect(first(after.doc, 'DisplayName').text).toBe('New name');
    const inbox = await h.call('alice', rename(distinguished('inbox'), 'Posteingang'));
    expect(texts(inbox.doc, 'ResponseCode')).toEqual(['ErrorInvalidPropertySet']);
  });

  it('MoveFolder re-parents a folder, refuses cycles and distinguished folders; CopyFolder copies items', async () => {
    const parent = await create(distinguished('msgfolderroot'), 'Archive 2025');
    const child = await create(folderId(parent), 'Q1');
    await h.call('alice', createDraft(folderId(child), 'in Q1'));
    const target = await create(distinguished('inbox'), 'Move target');

    const move = (ids: string, to: string) =>
      `<m:MoveFolder><m:ToFolderId>${to}</m:ToFolderId><m:FolderIds>${ids}</m:FolderIds></m:MoveFolder>`;
    const moved = await h.call('alice', move(folderId(parent), folderId(target)));
    expect(texts(moved.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(first(moved.doc, 'FolderId').attrs.Id).toBe(parent);
    const underTarget = await h.call('alice', findFolders(folderId(target), 'Deep'));
    expect(texts(underTarget.doc, 'DisplayName')).toEqual(['Archive 2025', 'Q1']);

    const cycle = await h.call('alice', move(folderId(target), folderId(child)));
    expect(texts(cycle.doc, 'ResponseCode')).toEqual(['ErrorMoveCopyFailed']);
    const inbox = await h.call('alice', move(distinguished('inbox'), distinguished('deleteditems')));
    expect(texts(inbox.doc, 'ResponseCode')).toEqual(['ErrorMoveDistinguishedFolder']);

    const copied = await h.call(
      'alice',
      `<m:CopyFolder><m:ToFolderId>${distinguished('drafts')}</m:ToFolderId><m:FolderIds>${folderId(child)}</m:FolderIds></m:CopyFolder>`,
    );
    const copyId = first(copied.doc, 'FolderId').attrs.Id ?? '';
    expect(copyId).not.toBe(child);
    const copyCount = await h.call('alice', countIn(folderId(copyId)));
    expect(first(copyCount.doc, 'TotalCount').text).toBe('1');
    const originalCount = await h.call('alice', countIn(folderId(child)));
    expect(first(originalCount.doc, 'TotalCount').text).toBe('1');
  });

  it('EmptyFolder deletes items (and subfolders on request); DeleteFolder removes or moves to Deleted Items', async () => {
    const box = await create(distinguished('inbox'), 'To empty');
    const sub = await create(folderId(box), 'Sub');
    await h.call('alice', createDraft(folderId(box), 'one'));
    await h.call('alice', createDraft(folderId(box), 'two'));
    const emptied = await h.call(
      'alice',
      `<m:EmptyFolder DeleteType="HardDelete" DeleteSubFolders="false"><m:FolderIds>${folderId(box)}</m:FolderIds></m:EmptyFolder>`,
    );
    expect(texts(emptied.doc, 'ResponseCode')).toEqual(['NoError']);
    const afterEmpty = await h.call('alice', countIn(folderId(box)));
    expect(first(afterEmpty.doc, 'TotalCount').text).toBe('0');
    expect(first(afterEmpty.doc, 'ChildFolderCount').text).toBe('1');
    await h.call(
      'alice',
      `<m:EmptyFolder DeleteType="HardDelete" DeleteSubFolders="true"><m:FolderIds>${folderId(box)}</m:FolderIds></m:EmptyFolder>`,
    );
    const gone = await h.call('alice', countIn(folderId(sub)));
    expect(texts(gone.doc, 'ResponseCode')).toEqual(['ErrorFolderNotFound']);

    const del = (type: string, ids: string) =>
      `<m:DeleteFolder DeleteType="${type}"><m:FolderIds>${ids}</m:FolderIds></m:DeleteFolder>`;
    const soft = await h.call('alice', del('MoveToDeletedItems', folderId(box)));
    expect(texts(soft.doc, 'ResponseCode')).toEqual(['NoError']);
    const trash = await h.call('alice', findFolders(distinguished('deleteditems')));
    expect(texts(trash.doc, 'DisplayName')).toContain('To empty');
    const hard = await h.call('alice', del('HardDelete', folderId(box)));
    expect(texts(hard.doc, 'ResponseCode')).toEqual(['NoError']);
    const missing = await h.call('alice', countIn(folderId(box)));
    expect(texts(missing.doc, 'ResponseCode')).toEqual(['ErrorFolderNotFound']);
    const protectedInbox = await h.call('alice', del('HardDelete', distinguished('inbox')));
    expect(texts(protectedInbox.doc, 'ResponseCode')).toEqual(['ErrorDeleteDistinguishedFolder']);
  });
});
