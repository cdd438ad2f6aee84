import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const shape = (extra: string) =>
  `<m:FolderShape><t:BaseShape>Default</t:BaseShape><t:AdditionalProperties>${extra}</t:AdditionalProperties></m:FolderShape>`;
const CLASS = '<t:FieldURI FieldURI="folder:FolderClass"/>';
const PERMISSIONS = '<t:FieldURI FieldURI="folder:PermissionSet"/>';
const getFolder = (id: string, extra = CLASS) =>
  `<m:GetFolder>${shape(extra)}<m:FolderIds><t:FolderId Id="${id}"/></m:FolderIds></m:GetFolder>`;
const setField = (id: string, uri: string, folderEl: string, value: string) =>
  `<m:UpdateFolder><m:FolderChanges><t:FolderChange><t:FolderId Id="${id}"/><t:Updates>` +
  `<t:SetFolderField><t:FieldURI FieldURI="${uri}"/><t:${folderEl}>${value}</t:${folderEl}></t:SetFolderField>` +
  '</t:Updates></t:FolderChange></m:FolderChanges></m:UpdateFolder>';

describe('CreateFolder, UpdateFolder and FindFolder restrictions', () => {
  let h: Harness;
  let inboxChildren: Record<string, string> = {};
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  const create = async (folders: string) => {
    const reply = await h.call(
      'alice',
      `<m:CreateFolder><m:ParentFolderId><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderId><m:Folders>${folders}</m:Folders></m:CreateFolder>`,
    );
    expect(texts(reply.doc, 'ResponseCode').every((c) => c === 'NoError')).toBe(true);
    return findAll(reply.doc, 'FolderId').map((f) => f.attrs.Id ?? '');
  };

  it('CreateFolder keeps no FolderClass when none is given; typed folders carry their class', async () => {
    const [plain, classed, calendar] = await create(
      '<t:Folder><t:DisplayName>No class</t:DisplayName></t:Folder>' +
        '<t:Folder><t:FolderClass>IPF.Note.Custom</t:FolderClass><t:DisplayName>Custom class</t:DisplayName></t:Folder>' +
        '<t:CalendarFolder><t:DisplayName>Team calendar</t:DisplayName></t:CalendarFolder>',
    );
    inboxChildren = { plain: plain ?? '', classed: classed ?? '', calendar: calendar ?? '' };
    const plainReply = await h.call('alice', getFolder(inboxChildren.plain ?? ''));
    expect(findAll(plainReply.doc, 'FolderClass')).toEqual([]);
    expect(texts((await h.call('alice', getFolder(inboxChildren.classed ?? ''))).doc, 'FolderClass')).toEqual(
      ['IPF.Note.Custom'],
    );
    expect(
      texts((await h.call('alice', getFolder(inboxChildren.calendar ?? ''))).doc, 'FolderClass'),
    ).toEqual(['IPF.Appointment']);
  });

  it('UpdateFolder sets FolderClass and DisplayName, deletes FolderClass, and changes the change key', async () => {
    const id = inboxChildren.plain ?? '';
    const before = first((await h.call('alice', getFolder(id))).doc, 'FolderId').attrs.ChangeKey;
    const set = await h.call(
      'alice',
      `<m:UpdateFolder><m:FolderChanges><t:FolderChange><t:FolderId Id="${id}"/><t:Updates>` +
        '<t:SetFolderField><t:FieldURI FieldURI="folder:FolderClass"/><t:Folder><t:FolderClass>IPF.Task</t:FolderClass></t:Folder></t:SetFolderField>' +
        '<t:SetFolderField><t:FieldURI FieldURI="folder:DisplayName"/><t:Folder><t:DisplayName>Renamed</t:DisplayName></t:Folder></t:SetFolderField>' +
        '</t:Updates></t:FolderChange></m:FolderChanges></m:UpdateFolder>',
    );
    expect(texts(set.doc, 'ResponseCode')).toEqual(['NoError']);
    const after = await h.call('alice', getFolder(id));
    expect(texts(after.doc, 'FolderClass')).toEqual(['IPF.Task']);
    expect(texts(after.doc, 'DisplayName')).toEqual(['Renamed']);
    expect(first(after.doc, 'FolderId').attrs.ChangeKey).not.toBe(before);
    const removed = await h.call(
      'alice',
      `<m:UpdateFolder><m:FolderChanges><t:FolderChange><t:FolderId Id="${id}"/><t:Updates>` +
        '<t:DeleteFolderField><t:FieldURI FieldURI="folder:FolderClass"/></t:DeleteFolderField>' +
        '</t:Updates></t:FolderChange></m:FolderChanges></m:UpdateFolder>',
    );
    expect(texts(removed.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(findAll((await h.call('alice', getFolder(id))).doc, 'FolderClass')).toEqual([]);
  });

  it('UpdateFolder sets a PermissionSet; levels expand to their rights; defaults are Default/Anonymous', async () => {
    const id = inboxChildren.classed ?? '';
    const initial = await h.call('alice', getFolder(id, PERMISSIONS));
    expect(texts(initial.doc, 'DistinguishedUser')).toEqual(['Default', 'Anonymous']);
    expect(texts(initial.doc, 'PermissionLevel')).toEqual(['None', 'None']);
    const permission = (user: string, level: string) =>
      `<t:Permission><t:UserId>${user}</t:UserId><t:PermissionLevel>${level}</t:PermissionLevel></t:Permission>`;
    const reply = await h.call(
      'alice',
      setField(
        id,
        'folder:PermissionSet',
        'Folder',
        `<t:PermissionSet><t:Permissions>${permission('<t:DistinguishedUser>Default</t:DistinguishedUser>', 'None')}` +
          `${permission('<t:DistinguishedUser>Anonymous</t:DistinguishedUser>', 'None')}` +
          `${permission('<t:PrimarySmtpAddress>bob@contoso.test</t:PrimarySmtpAddress>', 'Reviewer')}</t:Permissions></t:PermissionSet>`,
      ),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    const after = await h.call('alice', getFolder(id, PERMISSIONS));
    const bob = findAll(after.doc, 'Permission')[2];
    if (bob === undefined) throw new Error('no third permission');
    expect(texts(bob, 'PrimarySmtpAddress')).toEqual(['bob@contoso.test']);
    // Reviewer: sees the folder and reads everything, creates, edits and deletes nothing.
    expect(texts(bob, 'PermissionLevel')).toEqual(['Reviewer']);
    expect(texts(bob, 'ReadItems')).toEqual(['FullDetails']);
    expect(texts(bob, 'IsFolderVisible')).toEqual(['true']);
    expect(texts(bob, 'CanCreateItems')).toEqual(['false']);
    expect(texts(bob, 'EditItems')).toEqual(['None']);

    const twice = await h.call(
      'alice',
      setField(
        id,
        'folder:PermissionSet',
        'Folder',
        `<t:PermissionSet><t:Permissions>${permission('<t:PrimarySmtpAddress>bob@contoso.test</t:PrimarySmtpAddress>', 'Author')}` +
          `${permission('<t:PrimarySmtpAddress>BOB@contoso.test</t:PrimarySmtpAddress>', 'Editor')}</t:Permissions></t:PermissionSet>`,
      ),
    );
    expect(texts(twice.doc, 'ResponseCode')).toEqual(['ErrorDuplicateUserIdsSpecified']);
  });

  it('a calendar folder holds CalendarPermissions, Default sharing free/busy times', async () => {
    const reply = await h.call('alice', getFolder(inboxChildren.calendar ?? '', PERMISSIONS));
    expect(texts(reply.doc, 'CalendarPermissionLevel')).toEqual(['FreeBusyTimeOnly', 'None']);
    expect(
      findAll(reply.doc, 'CalendarPermission')[0]?.children.find((c) => c.name === 'ReadItems')?.text,
    ).toBe('TimeOnly');
  });

  it('refuses read-only folder properties', async () => {
    const reply = await h.call(
      'alice',
      setField(inboxChildren.classed ?? '', 'folder:TotalCount', 'Folder', '<t:TotalCount>5</t:TotalCount>'),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['ErrorInvalidPropertySet']);
  });

  it('FindFolder applies its Restriction (comparisons, Contains, Exists, And/Not) before paging', async () => {
    const find = async (restriction: string, traversal = 'Shallow', parent = 'inbox') => {
      const reply = await h.call(
        'alice',
        `<m:FindFolder Traversal="${traversal}">${shape(CLASS)}<m:Restriction>${restriction}</m:Restriction>` +
          `<m:ParentFolderIds><t:DistinguishedFolderId Id="${parent}"/></m:ParentFolderIds></m:FindFolder>`,
      );
      expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
      expect(first(reply.doc, 'RootFolder').attrs.TotalItemsInView).toBe(
        String(texts(reply.doc, 'DisplayName').length),
      );
      return texts(reply.doc, 'DisplayName');
    };
    const equal = (uri: string, value: string) =>
      `<t:IsEqualTo><t:FieldURI FieldURI="${uri}"/><t:FieldURIOrConstant><t:Constant Value="${value}"/></t:FieldURIOrConstant></t:IsEqualTo>`;
    expect(await find(equal('folder:DisplayName', 'team calendar'))).toEqual(['Team calendar']);
    expect(await find(equal('folder:FolderClass', 'IPF.Note.Custom'))).toEqual(['Custom class']);
    expect(
      await find(
        '<t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase"><t:FieldURI FieldURI="folder:DisplayName"/><t:Constant Value="CLASS"/></t:Contains>',
      ),
    ).toEqual(['Custom class']);
    // Renamed has no FolderClass (deleted above): Exists leaves it out.
    expect((await find('<t:Exists><t:FieldURI FieldURI="folder:FolderClass"/></t:Exists>')).sort()).toEqual([
      'Custom class',
      'Team calendar',
    ]);
    expect(
      await find(
        `<t:And>${equal('folder:TotalCount', '0')}<t:Not>${equal('folder:DisplayName', 'Renamed')}</t:Not></t:And>`,
      ),
    ).toHaveLength(2);
    expect(
      await find(
        '<t:IsGreaterThan><t:FieldURI FieldURI="folder:ChildFolderCount"/><t:FieldURIOrConstant><t:Constant Value="2"/></t:FieldURIOrConstant></t:IsGreaterThan>',
        'Deep',
        'root',
      ),
    ).toEqual(expect.arrayContaining(['Top of Information Store', 'Recoverable Items', 'Contacts']));
    const unsupported = await h.call(
      'alice',
      `<m:FindFolder Traversal="Shallow">${shape(CLASS)}<m:Restriction>${equal('item:Subject', 'x')}</m:Restriction>` +
        '<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindFolder>',
    );
    expect(texts(unsupported.doc, 'ResponseCode')).toEqual(['ErrorUnsupportedPathForQuery']);
  });
});
