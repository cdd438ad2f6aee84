import { type EwsClient, EwsInvalidArgumentError, raw } from '@ews/core';
import {
  CalendarItemModel,
  ContactModel,
  ItemModel,
  MessageModel,
  PostItemModel,
  TaskModel,
} from '@ews/models';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FOLDER_BY_MODEL, newItemFolder } from '../src/account/default-folders.js';
import {
  Account,
  type AccountContext,
  buildArchiveItem,
  buildCopyFolder,
  buildCopyItem,
  buildCreateFolder,
  buildCreateItem,
  buildDeleteFolder,
  buildEmptyFolder,
  buildMoveFolder,
  buildMoveItem,
  buildResponseItem,
  buildSendItem,
  buildUpdateFolder,
  buildUpdateItem,
  FolderHandle,
  ItemActions,
  type MailboxFolderRef,
  mailboxFolderRef,
} from '../src/index.js';

const ALICE = 'alice@contoso.test';
const BARE = { distinguishedId: 'inbox' } as unknown as MailboxFolderRef;
const NAMED: MailboxFolderRef = { distinguishedId: 'inbox', mailbox: ALICE };
const ITEMS = [{ id: 'AAMkADk1=', changeKey: 'CK' }];
const context: AccountContext = {
  primarySmtpAddress: ALICE,
  version: 'Exchange2016',
  send: () => Promise.reject(new Error('nothing is sent here')),
};

describe('mailboxFolderRef: the one way an account folder is named', () => {
  it('gives a distinguished folder without a mailbox the account’s, and keeps what already says whose it is', () => {
    expect(mailboxFolderRef(ALICE, { distinguishedId: 'calendar' })).toEqual({
      distinguishedId: 'calendar',
      mailbox: ALICE,
    });
    expect(mailboxFolderRef(ALICE, { distinguishedId: 'inbox', mailbox: 'bob@contoso.test' })).toEqual({
      distinguishedId: 'inbox',
      mailbox: 'bob@contoso.test',
    });
    expect(mailboxFolderRef(ALICE, { id: 'F=', changeKey: 'C' })).toEqual({ id: 'F=', changeKey: 'C' });
    // Public folders belong to the organization, not to a mailbox.
    expect(mailboxFolderRef(ALICE, { distinguishedId: 'publicfoldersroot' })).toEqual({
      distinguishedId: 'publicfoldersroot',
    });
    expect(mailboxFolderRef(ALICE, { ref: { distinguishedId: 'drafts' } })).toEqual({
      distinguishedId: 'drafts',
      mailbox: ALICE,
    });
    expect(() => mailboxFolderRef('', { distinguishedId: 'inbox' })).toThrow(EwsInvalidArgumentError);
  });

  it('every folder handle and folder collection of an account names the account’s mailbox', () => {
    const account = new Account({
      primarySmtpAddress: ALICE,
      client: { url: 'http://127.0.0.1:1/EWS/Exchange.asmx', allowInsecureHttp: true } as never,
    });
    expect(new FolderHandle(account, { distinguishedId: 'tasks' }, TaskModel).ref).toEqual({
      distinguishedId: 'tasks',
      mailbox: ALICE,
    });
    expect(account.folder('notes').ref).toEqual({ distinguishedId: 'notes', mailbox: ALICE });
    expect(account.folders([{ distinguishedId: 'inbox' }, account.sent]).refs).toEqual([
      { distinguishedId: 'inbox', mailbox: ALICE },
      { distinguishedId: 'sentitems', mailbox: ALICE },
    ]);
    return (account.client as EwsClient).close();
  });
});

describe('new items land in the account’s folder for their kind', () => {
  it('follows the table, and sent messages keep their copy in the account’s Sent Items', () => {
    for (const [model, id] of DEFAULT_FOLDER_BY_MODEL) {
      expect(newItemFolder(context, model, undefined, undefined)).toEqual({
        distinguishedId: id,
        mailbox: ALICE,
      });
    }
    expect(newItemFolder(context, CalendarItemModel, undefined, undefined)).toEqual({
      distinguishedId: 'calendar',
      mailbox: ALICE,
    });
    expect(newItemFolder(context, ContactModel, undefined, undefined)).toMatchObject({
      distinguishedId: 'contacts',
    });
    expect(newItemFolder(context, MessageModel, 'SaveOnly', undefined)).toMatchObject({
      distinguishedId: 'drafts',
    });
    expect(newItemFolder(context, MessageModel, 'SendAndSaveCopy', undefined)).toEqual({
      distinguishedId: 'sentitems',
      mailbox: ALICE,
    });
    expect(newItemFolder(context, MessageModel, 'SendOnly', undefined)).toBeUndefined();
    expect(newItemFolder(context, MessageModel, undefined, { distinguishedId: 'inbox' })).toEqual(NAMED);
  });

  it('refuses what has no unambiguous place', () => {
    // exchangelib refuses every save without a folder; kinds without a default folder are refused here.
    expect(() => newItemFolder(context, ItemModel, undefined, undefined)).toThrow(/no default folder/);
    expect(() => newItemFolder(context, PostItemModel, undefined, undefined)).toThrow(/no default folder/);
    expect(() => newItemFolder(context, MessageModel, 'SendOnly', NAMED)).toThrow(/kept in no folder/);
    expect(() => newItemFolder(context, CalendarItemModel, 'SendOnly', undefined)).toThrow(
      /SendOnly is for messages/,
    );
  });
});

describe('write builders refuse a folder that does not say whose it is', () => {
  const version = 'Exchange2016' as const;
  // Each builds one write with `folder` as its target.
  const WRITES: readonly (readonly [string, (folder: MailboxFolderRef) => string])[] = [
    [
      'CreateItem',
      (f) =>
        buildCreateItem({ model: TaskModel, items: [{ subject: 'x' }], version, savedItemFolder: f }).xml,
    ],
    [
      'CreateItem (response object)',
      (f) => buildResponseItem({ kind: 'reply', reference: ITEMS[0]!, version, savedItemFolder: f }).xml,
    ],
    ['SendItem', (f) => buildSendItem({ items: ITEMS, savedItemFolder: f }).xml],
    [
      'UpdateItem',
      (f) =>
        buildUpdateItem({
          model: MessageModel,
          changes: [{ item: ITEMS[0]!, changes: { subject: 'x' } }],
          version,
          messageDisposition: 'SendAndSaveCopy',
          savedItemFolder: f,
        }).xml,
    ],
    ['MoveItem', (f) => buildMoveItem({ items: ITEMS, to: f }).xml],
    ['CopyItem', (f) => buildCopyItem({ items: ITEMS, to: f }).xml],
    ['ArchiveItem', (f) => buildArchiveItem({ items: ITEMS, to: f }).xml],
    ['CreateFolder', (f) => buildCreateFolder({ parent: f, folders: [{ displayName: 'x' }] }).xml],
    ['MoveFolder (target)', (f) => buildMoveFolder({ folders: [{ id: 'F=' }], to: f }).xml],
    ['CopyFolder (folder)', (f) => buildCopyFolder({ folders: [f], to: { id: 'F=' } }).xml],
    ['DeleteFolder', (f) => buildDeleteFolder({ folders: [f] }).xml],
    ['EmptyFolder', (f) => buildEmptyFolder({ folders: [f] }).xml],
    ['UpdateFolder', (f) => buildUpdateFolder({ changes: [{ folder: f, displayName: 'x' }] }).xml],
  ];

  it.each(WRITES)('%s', (operation, build) => {
    expect(() => build(BARE)).toThrow(EwsInvalidArgumentError);
    expect(() => build(BARE)).toThrow(/names no mailbox/);
    expect(build(NAMED)).toContain(`<t:Mailbox><t:EmailAddress>${ALICE}</t:EmailAddress></t:Mailbox>`);
    expect(build({ id: 'F=' })).toContain('<t:FolderId Id="F="/>');
    expect(build({ distinguishedId: 'publicfoldersroot' })).toContain(
      '<t:DistinguishedFolderId Id="publicfoldersroot"/>',
    );
    expect(operation).toBeTruthy();
  });

  it('a write that keeps something must say where; one that keeps nothing takes no folder', () => {
    const loose = (params: object) => params as never;
    expect(
      () => buildCreateItem(loose({ model: TaskModel, items: [{ subject: 'x' }], version })).xml,
    ).toThrow(/CreateItem needs savedItemFolder/);
    expect(
      () =>
        buildCreateItem(
          loose({ model: MessageModel, items: [{}], version, messageDisposition: 'SendAndSaveCopy' }),
        ).xml,
    ).toThrow(/CreateItem needs savedItemFolder/);
    expect(
      () =>
        buildCreateItem(
          loose({
            model: MessageModel,
            items: [{}],
            version,
            messageDisposition: 'SendOnly',
            savedItemFolder: NAMED,
          }),
        ).xml,
    ).toThrow(/SendOnly keeps no copy/);
    expect(
      buildCreateItem({ model: MessageModel, items: [{}], version, messageDisposition: 'SendOnly' }).xml,
    ).not.toContain('SavedItemFolderId');
    expect(() => buildResponseItem(loose({ kind: 'accept', reference: ITEMS[0], version })).xml).toThrow(
      /CreateItem needs savedItemFolder/,
    );
    expect(() => buildSendItem(loose({ items: ITEMS })).xml).toThrow(/SendItem needs savedItemFolder/);
    expect(buildSendItem({ items: ITEMS, saveCopy: false }).xml).toBe(
      '<m:SendItem SaveItemToFolder="false"><m:ItemIds><t:ItemId Id="AAMkADk1=" ChangeKey="CK"/></m:ItemIds></m:SendItem>',
    );
    const update = { model: MessageModel, changes: [{ item: ITEMS[0], changes: { subject: 'x' } }], version };
    expect(() => buildUpdateItem(loose({ ...update, messageDisposition: 'SendAndSaveCopy' })).xml).toThrow(
      /SendAndSaveCopy needs savedItemFolder/,
    );
    expect(() => buildUpdateItem(loose({ ...update, savedItemFolder: NAMED })).xml).toThrow(
      /savedItemFolder is where/,
    );
    expect(buildUpdateItem(loose(update)).xml).not.toContain('SavedItemFolderId');
  });
});

describe('save() of a new message never sends it', () => {
  it('refuses a sending disposition before anything is sent (send() and sendAndSave() send)', async () => {
    const sent: string[] = [];
    const recording: AccountContext = {
      ...context,
      send: (operation) => {
        sent.push(operation);
        return context.send(operation, raw(''));
      },
    };
    const actions = new ItemActions(recording);
    for (const messageDisposition of ['SendOnly', 'SendAndSaveCopy'] as const) {
      await expect(actions.save(MessageModel, { subject: 'x' }, { messageDisposition })).rejects.toThrow(
        /use send\(\) or sendAndSave\(\)/,
      );
    }
    expect(sent).toEqual([]);
  });
});
