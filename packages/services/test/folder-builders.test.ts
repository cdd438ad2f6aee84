import { buildEnvelope } from '@ews/core';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, describe, expect, it } from 'vitest';
import { folderNameMatcher } from '../src/folders/folder-pattern.js';
import {
  buildArchiveItem,
  buildCopyFolder,
  buildCreateFolder,
  buildDeleteFolder,
  buildEmptyFolder,
  buildMarkAsJunk,
  buildMoveItem,
  buildUpdateFolder,
} from '../src/index.js';

// Requests built here, without a server, are validated against the schema too.
const recorder = createEnvelopeRecorder();
const envelope = (body: string) => recorder.record(buildEnvelope({ version: 'Exchange2016', body }));
afterAll(() => recorder.assertAllValid());

const INBOX = { distinguishedId: 'inbox', mailbox: 'john@example.com' } as const;
const INBOX_XML =
  '<t:DistinguishedFolderId Id="inbox"><t:Mailbox><t:EmailAddress>john@example.com</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>';

describe('folder operation bodies', () => {
  it('writes CreateFolder as exchangelib does, with the element of each kind', () => {
    const body = buildCreateFolder({
      parent: INBOX,
      folders: [
        { displayName: 'Projects' },
        { displayName: 'Team & Co', kind: 'calendar' },
        { displayName: 'People', kind: 'contacts', folderClass: 'IPF.Contact.Custom' },
        { displayName: 'Todo', kind: 'tasks' },
      ],
    }).xml;
    expect(body).toBe(
      `<m:CreateFolder><m:ParentFolderId>${INBOX_XML}</m:ParentFolderId><m:Folders>` +
        '<t:Folder><t:FolderClass>IPF.Note</t:FolderClass><t:DisplayName>Projects</t:DisplayName></t:Folder>' +
        '<t:CalendarFolder><t:FolderClass>IPF.Appointment</t:FolderClass><t:DisplayName>Team &amp; Co</t:DisplayName></t:CalendarFolder>' +
        '<t:ContactsFolder><t:FolderClass>IPF.Contact.Custom</t:FolderClass><t:DisplayName>People</t:DisplayName></t:ContactsFolder>' +
        '<t:TasksFolder><t:FolderClass>IPF.Task</t:FolderClass><t:DisplayName>Todo</t:DisplayName></t:TasksFolder>' +
        '</m:Folders></m:CreateFolder>',
    );
    envelope(body);
  });

  it('writes UpdateFolder, DeleteFolder, EmptyFolder and CopyFolder', () => {
    const folder = { id: 'FOLDER=', changeKey: 'FCK' };
    const update = buildUpdateFolder({
      changes: [{ folder, displayName: 'Renamed', folderClass: 'IPF.Note.X' }],
    }).xml;
    expect(update).toBe(
      '<m:UpdateFolder><m:FolderChanges><t:FolderChange><t:FolderId Id="FOLDER=" ChangeKey="FCK"/><t:Updates>' +
        '<t:SetFolderField><t:FieldURI FieldURI="folder:FolderClass"/><t:Folder><t:FolderClass>IPF.Note.X</t:FolderClass></t:Folder></t:SetFolderField>' +
        '<t:SetFolderField><t:FieldURI FieldURI="folder:DisplayName"/><t:Folder><t:DisplayName>Renamed</t:DisplayName></t:Folder></t:SetFolderField>' +
        '</t:Updates></t:FolderChange></m:FolderChanges></m:UpdateFolder>',
    );
    expect(buildDeleteFolder({ folders: [folder] }).xml).toBe(
      '<m:DeleteFolder DeleteType="HardDelete"><m:FolderIds><t:FolderId Id="FOLDER=" ChangeKey="FCK"/></m:FolderIds></m:DeleteFolder>',
    );
    expect(buildEmptyFolder({ folders: [INBOX], deleteSubFolders: true }).xml).toBe(
      `<m:EmptyFolder DeleteType="HardDelete" DeleteSubFolders="true"><m:FolderIds>${INBOX_XML}</m:FolderIds></m:EmptyFolder>`,
    );
    const copy = buildCopyFolder({ folders: [folder], to: INBOX }).xml;
    expect(copy).toBe(
      `<m:CopyFolder><m:ToFolderId>${INBOX_XML}</m:ToFolderId><m:FolderIds><t:FolderId Id="FOLDER=" ChangeKey="FCK"/></m:FolderIds></m:CopyFolder>`,
    );
    for (const body of [update, buildDeleteFolder({ folders: [folder], deleteType: 'SoftDelete' }).xml, copy])
      envelope(body);
    envelope(buildEmptyFolder({ folders: [folder], deleteType: 'MoveToDeletedItems' }).xml);
  });

  it('refuses empty input before building anything', () => {
    expect(() => buildCreateFolder({ parent: INBOX, folders: [{ displayName: '' }] }).xml).toThrow(
      /displayName/,
    );
    expect(() => buildUpdateFolder({ changes: [{ folder: INBOX }] }).xml).toThrow(
      /displayName or folderClass/,
    );
    expect(() => buildDeleteFolder({ folders: [] }).xml).toThrow(/at least one folder/);
    // @ts-expect-error: not a DeleteType
    expect(() => buildDeleteFolder({ folders: [INBOX], deleteType: 'Shred' }).xml).toThrow(/DeleteType/);
  });
});

describe('item action bodies', () => {
  it('writes MoveItem, ArchiveItem and MarkAsJunk as exchangelib does', () => {
    const items = [{ id: 'AAMkADk1=', changeKey: 'CQAAABYA' }];
    const move = buildMoveItem({ items, to: { id: 'FOLDER=' } }).xml;
    expect(move).toBe(
      '<m:MoveItem><m:ToFolderId><t:FolderId Id="FOLDER="/></m:ToFolderId>' +
        '<m:ItemIds><t:ItemId Id="AAMkADk1=" ChangeKey="CQAAABYA"/></m:ItemIds></m:MoveItem>',
    );
    const noIds = buildMoveItem({ items, to: INBOX, returnNewItemIds: false }).xml;
    expect(noIds).toContain('</m:ItemIds><m:ReturnNewItemIds>false</m:ReturnNewItemIds></m:MoveItem>');
    const archive = buildArchiveItem({ items, to: INBOX }).xml;
    expect(archive).toBe(
      `<m:ArchiveItem><m:ArchiveSourceFolderId>${INBOX_XML}</m:ArchiveSourceFolderId>` +
        '<m:ItemIds><t:ItemId Id="AAMkADk1=" ChangeKey="CQAAABYA"/></m:ItemIds></m:ArchiveItem>',
    );
    expect(buildMarkAsJunk({ items }).xml).toBe(
      '<m:MarkAsJunk IsJunk="true" MoveItem="true"><m:ItemIds><t:ItemId Id="AAMkADk1=" ChangeKey="CQAAABYA"/></m:ItemIds></m:MarkAsJunk>',
    );
    const notJunk = buildMarkAsJunk({ items, isJunk: false, moveItem: false }).xml;
    expect(notJunk).toContain('<m:MarkAsJunk IsJunk="false" MoveItem="false">');
    for (const body of [move, noIds, archive, notJunk]) envelope(body);
    expect(() => buildMoveItem({ items: [], to: INBOX }).xml).toThrow(/at least one item/);
  });
});

describe('folder name patterns', () => {
  it('matches like fnmatch on lowercased names', () => {
    const cases: [string, string, boolean][] = [
      ['*', 'Inbox', true],
      ['in*', 'Inbox', true],
      ['?nbox', 'INBOX', true],
      ['[ij]nbox', 'Inbox', true],
      ['[!i]nbox', 'Inbox', false],
      ['Sent Items', 'sent items', true],
      ['a.b', 'axb', false],
      ['a+(b)', 'A+(B)', true],
      ['[unclosed', '[unclosed', true],
      ['Inbox', 'Inbox2', false],
    ];
    for (const [pattern, name, expected] of cases)
      expect(folderNameMatcher(pattern)(name), `${pattern} ~ ${name}`).toBe(expected);
  });
});
