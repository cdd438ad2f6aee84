import { isResponseError } from '@ews/core';
import { CalendarItemModel, ContactModel, ItemModel, MessageModel, type Model, TaskModel } from '@ews/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelForFolder } from '../src/account/well-known-folders.js';
import {
  type Account,
  Account as AccountClass,
  FolderHandle,
  type FolderRef,
  LoadedFolder,
  WELL_KNOWN_FOLDER_IDS,
} from '../src/index.js';
import { useHarness } from './helpers/harness.js';
import { mailboxState } from './helpers/server-state.js';

let alice: Account;

const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
});

const ALICE = 'alice@contoso.test';

/** The id a handle names (folders made by createFolder/rename/move/copy are named by id). */
const idOf = (handle: { readonly ref: FolderRef }): string => ('id' in handle.ref ? handle.ref.id : '');
const changeKeyOf = (handle: { readonly ref: FolderRef }): string | undefined =>
  'id' in handle.ref ? handle.ref.changeKey : undefined;

async function names(
  folders: AsyncIterable<{ readonly displayName?: string | undefined }>,
): Promise<string[]> {
  const found: string[] = [];
  for await (const folder of folders) found.push(folder.displayName ?? '');
  return found;
}

/** Every exchangelib `Account` folder attribute (exchangelib 5.6 `account.py`). */
const EXCHANGELIB_FOLDER_ATTRIBUTES = [
  'admin_audit_logs',
  'archive_deleted_items',
  'archive_inbox',
  'archive_msg_folder_root',
  'archive_recoverable_items_deletions',
  'archive_recoverable_items_purges',
  'archive_recoverable_items_root',
  'archive_recoverable_items_versions',
  'archive_root',
  'calendar',
  'conflicts',
  'contacts',
  'conversation_history',
  'directory',
  'drafts',
  'favorites',
  'im_contact_list',
  'inbox',
  'journal',
  'junk',
  'local_failures',
  'msg_folder_root',
  'my_contacts',
  'notes',
  'outbox',
  'people_connect',
  'public_folders_root',
  'quick_contacts',
  'recipient_cache',
  'recoverable_items_deletions',
  'recoverable_items_purges',
  'recoverable_items_root',
  'recoverable_items_versions',
  'root',
  'search_folders',
  'sent',
  'server_failures',
  'sync_issues',
  'tasks',
  'todo_search',
  'trash',
  'voice_mail',
];

const camel = (name: string) => name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

describe('well-known folders', () => {
  it("has a getter for each of exchangelib's 42 folder attributes, naming the right distinguished folder", () => {
    expect(EXCHANGELIB_FOLDER_ATTRIBUTES).toHaveLength(42);
    const expectedIds = Object.fromEntries(
      EXCHANGELIB_FOLDER_ATTRIBUTES.map((name) => [camel(name), undefined as string | undefined]),
    );
    // imContactList is the one whose camelCase is not a plain conversion (IMContactList in exchangelib).
    for (const snake of EXCHANGELIB_FOLDER_ATTRIBUTES) {
      const name = camel(snake) as keyof typeof WELL_KNOWN_FOLDER_IDS;
      const descriptor = Object.getOwnPropertyDescriptor(AccountClass.prototype, name);
      expect(descriptor?.get, `Account.${name}`).toBeTypeOf('function');
      const handle = (alice as unknown as Record<string, FolderHandle<typeof ItemModel>>)[name];
      expect(handle).toBeInstanceOf(FolderHandle);
      const ref = handle?.ref;
      expect(ref && 'distinguishedId' in ref ? ref.distinguishedId : undefined, name).toBe(
        WELL_KNOWN_FOLDER_IDS[name],
      );
      // The model each getter reads items with is the one the folder's container class calls for.
      expect(handle?.model, name).toBe(modelForFolder(WELL_KNOWN_FOLDER_IDS[name]));
      expectedIds[name] = WELL_KNOWN_FOLDER_IDS[name];
    }
    // The map holds exactly these 42 plus `deletedItems`, another name for `trash`.
    expect(Object.keys(WELL_KNOWN_FOLDER_IDS).sort()).toEqual(
      [...Object.keys(expectedIds), 'deletedItems'].sort(),
    );
    expect(WELL_KNOWN_FOLDER_IDS.deletedItems).toBe(WELL_KNOWN_FOLDER_IDS.trash);
  });

  it('types each folder with the model of what it holds', () => {
    expect(alice.inbox.model).toBe(MessageModel);
    expect(alice.calendar.model).toBe(CalendarItemModel);
    expect(alice.contacts.model).toBe(ContactModel);
    expect(alice.todoSearch.model).toBe(TaskModel);
    expect(alice.recipientCache.model).toBe(ContactModel);
    expect(alice.root.model).toBe(ItemModel);
  });

  it('names the mailbox in every distinguished id except the public folders root', () => {
    expect(alice.archiveInbox.ref).toEqual({ distinguishedId: 'archiveinbox', mailbox: ALICE });
    expect(alice.publicFoldersRoot.ref).toEqual({ distinguishedId: 'publicfoldersroot' });
  });

  it('reads the folders the demo server has and reports those it lacks as ErrorFolderNotFound', async () => {
    const deletions = await alice.recoverableItemsDeletions.get();
    expect(deletions.displayName).toBe('Deletions');
    const error = await alice.voiceMail.get().catch((caught: unknown) => caught);
    expect(isResponseError(error, 'ErrorFolderNotFound')).toBe(true);
  });
});

describe('folder properties', () => {
  it('get() returns the counts, class, parent and effective rights the server holds', async () => {
    const state = await mailboxState(harness.server, ALICE);
    const inbox = await alice.inbox.get();
    expect(inbox).toBeInstanceOf(LoadedFolder);
    expect(inbox.displayName).toBe('Inbox');
    expect(inbox.folderClass).toBe('IPF.Note');
    expect(inbox.folderId?.id).toBe(state.folder('inbox').id);
    expect(inbox.parentFolderId?.id).toBe(state.folder('msgfolderroot').id);
    const items = state.itemsIn(state.folder('inbox').id);
    expect(inbox.totalCount).toBe(items.length);
    expect(inbox.unreadCount).toBe(items.filter((item) => item.message?.isRead === false).length);
    expect(inbox.childFolderCount).toBe(state.childrenOf(state.folder('inbox').id).length);
    expect(inbox.effectiveRights).toMatchObject({
      read: true,
      modify: true,
      delete: true,
      createHierarchy: true,
    });
    // A loaded folder is still a handle on the same folder, with the same model.
    expect(inbox.ref).toEqual(alice.inbox.ref);
    expect(inbox.model).toBe(MessageModel);
    expect(await inbox.filter({ isRead: false }).count()).toBe(inbox.unreadCount);
  });
});

describe('folder tree', () => {
  let projects: LoadedFolder<Model>;

  beforeAll(async () => {
    // Inbox/Projects/{Alpha, Beta/Backlog}, Inbox/Receipts
    const created = await alice.inbox.createFolder('Projects');
    await alice.inbox.createFolder('Receipts');
    const alpha = await created.createFolder('Alpha');
    const beta = await created.createFolder('Beta', { kind: 'calendar' });
    await beta.createFolder('Backlog');
    await alpha.create([{ subject: 'alpha one' }, { subject: 'alpha two' }]);
    projects = await alice.inbox.path('Projects');
  });

  it('children() lists one level with what FindFolder returns; walk() the subtree, parents first', async () => {
    const state = await mailboxState(harness.server, ALICE);
    const root = state.folder('msgfolderroot');
    const children = [];
    for await (const folder of alice.msgFolderRoot.children()) children.push(folder);
    expect(children.map((folder) => folder.displayName)).toEqual(
      state.childrenOf(root.id).map((folder) => folder.displayName),
    );
    for (const folder of children) {
      expect(folder).toBeInstanceOf(LoadedFolder);
      expect(folder.parentFolderId?.id).toBe(root.id);
      expect(folder.folderClass).toBe(state.folders.find((f) => f.id === folder.folderId?.id)?.folderClass);
    }
    const calendar = children.find((folder) => folder.displayName === 'Calendar');
    expect(calendar?.model).toBe(CalendarItemModel);
    expect(children.find((folder) => folder.displayName === 'Contacts')?.model).toBe(ContactModel);

    const walked = await names(projects.walk());
    expect(walked).toEqual(['Alpha', 'Beta', 'Backlog']);
    const everything = await names(alice.root.walk());
    expect(everything).toHaveLength(state.folders.length - 1);
    expect(everything.indexOf('Inbox')).toBeLessThan(everything.indexOf('Projects'));
    expect(everything.indexOf('Projects')).toBeLessThan(everything.indexOf('Backlog'));
  });

  it("navigates by path and child name, case-insensitively, as exchangelib's `/`", async () => {
    const state = await mailboxState(harness.server, ALICE);
    const inboxId = state.folder('inbox').id;
    const serverProjects = state.childrenOf(inboxId).find((folder) => folder.displayName === 'Projects');
    expect(projects.folderId?.id).toBe(serverProjects?.id);
    const archive = await alice.root.path('Top of Information Store/Inbox/projects/BETA/Backlog');
    const serverBeta = state.childrenOf(serverProjects?.id ?? '').find((f) => f.displayName === 'Beta');
    expect(archive.folderId?.id).toBe(state.childrenOf(serverBeta?.id ?? '')[0]?.id);
    expect(archive.parentFolderId?.id).toBe(serverBeta?.id);
    // Absolute paths start at the mailbox root; `..` goes up.
    const absolute = await projects.path('/Top of Information Store/Inbox/Receipts');
    expect(absolute.displayName).toBe('Receipts');
    const sibling = await projects.path('../Receipts');
    expect(sibling.folderId?.id).toBe(absolute.folderId?.id);
    const alpha = await projects.child('alpha');
    expect(alpha.totalCount).toBe(2);
    expect((await alpha.all().toArray()).map((item) => item.subject).sort()).toEqual([
      'alpha one',
      'alpha two',
    ]);
    // A calendar folder found by path reads calendar items.
    expect((await projects.child('Beta')).model).toBe(CalendarItemModel);
  });

  it('reports a missing path step as EWS_DOES_NOT_EXIST', async () => {
    await expect(alice.inbox.path('Projects/Gamma')).rejects.toMatchObject({
      code: 'EWS_DOES_NOT_EXIST',
      message: expect.stringContaining("'Gamma'"),
    });
    await expect(alice.root.child('..')).rejects.toMatchObject({ code: 'EWS_DOES_NOT_EXIST' });
  });

  it('parent() walks up to the root, and the root has none', async () => {
    const state = await mailboxState(harness.server, ALICE);
    const archive = await alice.inbox.path('Projects/Beta/Backlog');
    const chain: string[] = [];
    let current: LoadedFolder<Model> | undefined = archive;
    while (current) {
      chain.push(current.displayName ?? '');
      current = await current.parent();
    }
    expect(chain).toEqual(['Backlog', 'Beta', 'Projects', 'Inbox', 'Top of Information Store', 'root']);
    expect(await alice.root.parent()).toBeUndefined();
    expect((await alice.inbox.parent())?.folderId?.id).toBe(state.folder('msgfolderroot').id);
  });

  it('glob() matches shell patterns per level, ** at any depth, like exchangelib', async () => {
    expect(await names(alice.msgFolderRoot.glob('Inbox/*'))).toEqual(['Projects', 'Receipts']);
    expect(await names(alice.msgFolderRoot.glob('inbox/p*/*'))).toEqual(['Alpha', 'Beta']);
    expect(await names(alice.msgFolderRoot.glob('*/Projects/?eta/*'))).toEqual(['Backlog']);
    const state = await mailboxState(harness.server, ALICE);
    const topLevel = state.childrenOf(state.folder('msgfolderroot').id).map((f) => f.displayName);
    const cd = topLevel.filter((name) => /^[CD]/.test(name)).sort();
    expect(cd).toEqual(expect.arrayContaining(['Calendar', 'Contacts', 'Deleted Items', 'Drafts']));
    expect((await names(alice.msgFolderRoot.glob('[CD]*'))).sort()).toEqual(cd);
    expect(await names(alice.msgFolderRoot.glob('[!A-Z]*'))).toEqual([]);
    expect(await names(alice.root.glob('**/backlog'))).toEqual(['Backlog']);
    expect(await names(projects.glob('**'))).toEqual(['Alpha', 'Beta', 'Backlog']);
    expect(await names(projects.glob('../R*'))).toEqual(['Receipts']);
    expect(await names(projects.glob('/Top*'))).toEqual(['Top of Information Store']);
    expect(await names(alice.msgFolderRoot.glob('Nothing*'))).toEqual([]);
  });

  it('folderByName() finds the one folder with a name anywhere below, or says none / several', async () => {
    const archive = await alice.root.folderByName('BACKLOG');
    expect(archive.parentFolderId?.id).toBe((await projects.child('Beta')).folderId?.id);
    await expect(alice.root.folderByName('No Such Folder')).rejects.toMatchObject({
      code: 'EWS_DOES_NOT_EXIST',
    });
    const receipts = await projects.path('../Receipts');
    await receipts.createFolder('Backlog');
    await expect(alice.root.folderByName('Backlog')).rejects.toMatchObject({
      code: 'EWS_MULTIPLE_OBJECTS',
      message: expect.stringContaining('2 folders'),
    });
  });
});

describe('folder CRUD', () => {
  it('creates mail, calendar, contacts and tasks folders with their element and class', async () => {
    const parent = await alice.msgFolderRoot.createFolder('Kinds');
    const mail = await parent.createFolder('Mail');
    const calendar = await parent.createFolder('Meetings', { kind: 'calendar' });
    const contacts = await parent.createFolder('People', { kind: 'contacts' });
    const tasks = await parent.createFolder('Todo', { kind: 'tasks' });
    const custom = await parent.createFolder('Custom', { folderClass: 'IPF.Note.Custom' });
    expect([mail.model, calendar.model, contacts.model, tasks.model]).toEqual([
      MessageModel,
      CalendarItemModel,
      ContactModel,
      TaskModel,
    ]);
    const state = await mailboxState(harness.server, ALICE);
    const byId = (handle: { readonly ref: FolderRef }) =>
      state.folders.find((folder) => folder.id === idOf(handle));
    expect(byId(mail)).toMatchObject({ displayName: 'Mail', kind: 'Folder', folderClass: 'IPF.Note' });
    expect(byId(calendar)).toMatchObject({ kind: 'CalendarFolder', folderClass: 'IPF.Appointment' });
    expect(byId(contacts)).toMatchObject({ kind: 'ContactsFolder', folderClass: 'IPF.Contact' });
    expect(byId(tasks)).toMatchObject({ kind: 'TasksFolder', folderClass: 'IPF.Task' });
    expect(byId(custom)).toMatchObject({ kind: 'Folder', folderClass: 'IPF.Note.Custom' });
    expect(state.childrenOf(idOf(parent))).toHaveLength(5);
    // The new folder is immediately usable: items created in it are found there.
    await calendar.create([
      { subject: 'Standup', start: new Date('2026-03-03T09:00:00Z'), end: new Date('2026-03-03T09:15:00Z') },
    ]);
    expect((await calendar.get()).totalCount).toBe(1);
  });

  it('refuses a duplicate name with a typed ErrorFolderExists (names compare case-insensitively)', async () => {
    const parent = await alice.msgFolderRoot.createFolder('Dupes');
    await parent.createFolder('Reports');
    const error = await parent.createFolder('REPORTS').catch((caught: unknown) => caught);
    expect(isResponseError(error, 'ErrorFolderExists')).toBe(true);
    expect(error).toMatchObject({
      code: 'EWS_RESPONSE',
      responseCode: 'ErrorFolderExists',
      operation: 'CreateFolder',
    });
    const state = await mailboxState(harness.server, ALICE);
    expect(state.childrenOf(idOf(parent)).map((folder) => folder.displayName)).toEqual(['Reports']);
  });

  it('renames with UpdateFolder and gets a new change key', async () => {
    const folder = await alice.msgFolderRoot.createFolder('Old Name');
    const renamed = await folder.rename('New Name');
    expect(renamed.ref).toMatchObject({ id: idOf(folder) });
    expect(changeKeyOf(renamed)).not.toBe(changeKeyOf(folder));
    const state = await mailboxState(harness.server, ALICE);
    expect(state.folders.find((f) => f.id === idOf(folder))?.displayName).toBe('New Name');
    expect((await alice.msgFolderRoot.child('new name')).folderId?.id).toBe(idOf(folder));
    // Renaming onto a sibling's name is refused too.
    await alice.msgFolderRoot.createFolder('Taken');
    await expect(renamed.rename('taken')).rejects.toMatchObject({ responseCode: 'ErrorFolderExists' });
  });

  it('moves and copies a folder with its items and subfolders', async () => {
    const source = await alice.msgFolderRoot.createFolder('Mover');
    await source.create([{ subject: 'moved item' }]);
    await source.createFolder('Inner');
    const target = await alice.msgFolderRoot.createFolder('Target');
    const copy = await source.copy(target);
    const moved = await source.move(alice.inbox);
    expect(idOf(moved)).toBe(idOf(source));
    const state = await mailboxState(harness.server, ALICE);
    const movedFolder = state.folders.find((f) => f.id === idOf(source));
    expect(movedFolder?.parentId).toBe(state.folder('inbox').id);
    const copied = state.folders.find((f) => f.id === idOf(copy));
    expect(copied).toMatchObject({ displayName: 'Mover', parentId: idOf(target) });
    expect(state.itemsIn(copied?.id ?? '').map((item) => item.subject)).toEqual(['moved item']);
    expect(state.childrenOf(copied?.id ?? '').map((folder) => folder.displayName)).toEqual(['Inner']);
    expect(state.itemsIn(movedFolder?.id ?? '').map((item) => item.subject)).toEqual(['moved item']);
    // A folder cannot go inside itself.
    const inner = await moved.child('Inner');
    await expect(moved.move(inner)).rejects.toMatchObject({ responseCode: 'ErrorMoveCopyFailed' });
  });

  it('empties a folder, keeping or deleting its subfolders', async () => {
    const folder = await alice.msgFolderRoot.createFolder('To Empty');
    await folder.create([{ subject: 'a' }, { subject: 'b' }, { subject: 'c' }]);
    await folder.createFolder('Sub');
    await folder.empty();
    let state = await mailboxState(harness.server, ALICE);
    const id = idOf(folder);
    expect(state.itemsIn(id)).toEqual([]);
    expect(state.childrenOf(id).map((f) => f.displayName)).toEqual(['Sub']);
    await folder.create([{ subject: 'd' }]);
    await folder.empty({ deleteSubFolders: true, deleteType: 'MoveToDeletedItems' });
    state = await mailboxState(harness.server, ALICE);
    expect(state.itemsIn(id)).toEqual([]);
    expect(state.childrenOf(id)).toEqual([]);
    expect(state.itemsIn(state.folder('deleteditems').id).map((item) => item.subject)).toContain('d');
    expect((await folder.get()).totalCount).toBe(0);
  });

  it('deletes hard (the tree is gone) or to Deleted Items (the tree is re-parented)', async () => {
    const hard = await alice.msgFolderRoot.createFolder('Hard Delete Me');
    await hard.createFolder('Child');
    await hard.create([{ subject: 'gone' }]);
    const soft = await alice.msgFolderRoot.createFolder('Trash Me');
    await hard.delete();
    await soft.delete({ deleteType: 'MoveToDeletedItems' });
    const state = await mailboxState(harness.server, ALICE);
    expect(state.folders.find((f) => f.id === idOf(hard))).toBeUndefined();
    expect(state.folders.some((f) => f.displayName === 'Child')).toBe(false);
    expect(state.items.some((item) => item.subject === 'gone')).toBe(false);
    expect(state.folders.find((f) => f.id === idOf(soft))?.parentId).toBe(state.folder('deleteditems').id);
    await expect(hard.get()).rejects.toMatchObject({ responseCode: 'ErrorFolderNotFound' });
  });

  it('refuses to delete, rename or move a distinguished folder, as Exchange does', async () => {
    const error = await alice.inbox.delete().catch((caught: unknown) => caught);
    expect(isResponseError(error, 'ErrorDeleteDistinguishedFolder')).toBe(true);
    await expect(alice.calendar.move(alice.inbox)).rejects.toMatchObject({
      responseCode: 'ErrorMoveDistinguishedFolder',
    });
    await expect(alice.drafts.rename('My Drafts')).rejects.toMatchObject({
      responseCode: 'ErrorInvalidPropertySet',
    });
    const state = await mailboxState(harness.server, ALICE);
    expect(state.folder('inbox').displayName).toBe('Inbox');
    expect(state.folder('drafts').displayName).toBe('Drafts');
    expect(state.folder('calendar').parentId).toBe(state.folder('msgfolderroot').id);
  });

  it('checks names before sending and honours the signal', async () => {
    const before = harness.operations.length;
    await expect(alice.inbox.createFolder('  ')).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
    await expect(alice.inbox.createFolder('x', { kind: 'nonsense' as 'mail' })).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
    expect(harness.operations.length).toBe(before);
    const controller = new AbortController();
    controller.abort();
    await expect(alice.inbox.createFolder('Never', { signal: controller.signal })).rejects.toMatchObject({
      code: 'EWS_ABORTED',
    });
    const walk = alice.root.walk({ signal: controller.signal });
    await expect(walk.next()).rejects.toMatchObject({ code: 'EWS_ABORTED' });
    const state = await mailboxState(harness.server, ALICE);
    expect(state.folders.some((folder) => folder.displayName === 'Never')).toBe(false);
  });
});
