import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TestServerError } from '../src/index.js';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

// Expected facts come from Microsoft's DistinguishedFolderId and "Folders and items in EWS" pages and
// from exchangelib 4.9's folder classes (known_folders.py: names and CONTAINER_CLASS), not from the server.
const WITH_CLASS =
  '<m:FolderShape><t:BaseShape>Default</t:BaseShape><t:AdditionalProperties>' +
  '<t:FieldURI FieldURI="folder:FolderClass"/><t:FieldURI FieldURI="folder:ParentFolderId"/>' +
  '</t:AdditionalProperties></m:FolderShape>';
const getFolders = (ids: readonly string[], mailbox?: string) =>
  `<m:GetFolder>${WITH_CLASS}<m:FolderIds>${ids
    .map(
      (id) =>
        `<t:DistinguishedFolderId Id="${id}">${mailbox ? `<t:Mailbox><t:EmailAddress>${mailbox}</t:EmailAddress></t:Mailbox>` : ''}</t:DistinguishedFolderId>`,
    )
    .join('')}</m:FolderIds></m:GetFolder>`;
const findFolder = (traversal: string, parent: string, restriction = '') =>
  `<m:FindFolder Traversal="${traversal}">${WITH_CLASS}${restriction}<m:ParentFolderIds>${parent}</m:ParentFolderIds></m:FindFolder>`;
const dist = (id: string) => `<t:DistinguishedFolderId Id="${id}"/>`;

/** [distinguished id, FolderClass or undefined] a mailbox of Exchange 2013 and later has. */
const MAILBOX_DISTINGUISHED: readonly (readonly [string, string | undefined])[] = [
  ['root', undefined],
  ['msgfolderroot', 'IPF.Note'],
  ['inbox', 'IPF.Note'],
  ['drafts', 'IPF.Note'],
  ['sentitems', 'IPF.Note'],
  ['deleteditems', 'IPF.Note'],
  ['outbox', 'IPF.Note'],
  ['junkemail', 'IPF.Note'],
  ['calendar', 'IPF.Appointment'],
  ['contacts', 'IPF.Contact'],
  ['tasks', 'IPF.Task'],
  ['notes', 'IPF.StickyNote'],
  ['journal', 'IPF.Journal'],
  ['searchfolders', undefined],
  ['recoverableitemsroot', undefined],
  ['recoverableitemsdeletions', undefined],
  ['recoverableitemsversions', undefined],
  ['recoverableitemspurges', undefined],
  ['recoverableitemsdiscoveryholds', undefined],
  ['syncissues', 'IPF.Note'],
  ['conflicts', 'IPF.Note'],
  ['localfailures', 'IPF.Note'],
  ['serverfailures', 'IPF.Note'],
  ['recipientcache', 'IPF.Contact.RecipientCache'],
  ['quickcontacts', 'IPF.Contact.MOC.QuickContacts'],
  ['imcontactlist', 'IPF.Contact.MOC.ImContactList'],
  ['conversationhistory', 'IPF.Note'],
  ['todosearch', 'IPF.Task'],
  ['mycontacts', 'IPF.Note'],
  ['favorites', 'IPF.Note'],
  ['peopleconnect', undefined],
];
const ARCHIVE_IDS = [
  'archiveroot',
  'archivemsgfolderroot',
  'archivedeleteditems',
  'archiveinbox',
  'archiverecoverableitemsroot',
  'archiverecoverableitemsdeletions',
  'archiverecoverableitemsversions',
  'archiverecoverableitemspurges',
  'archiverecoverableitemsdiscoveryholds',
];

/** One folder element's DisplayName and FolderClass (absent → undefined). */
function describeFolder(folder: ReturnType<typeof first>) {
  return {
    name: folder.children.find((c) => c.name === 'DisplayName')?.text,
    folderClass: folder.children.find((c) => c.name === 'FolderClass')?.text,
    id: folder.children.find((c) => c.name === 'FolderId')?.attrs.Id,
    parent: folder.children.find((c) => c.name === 'ParentFolderId')?.attrs.Id,
  };
}
const FOLDER_ELEMENTS = new Set([
  'Folder',
  'CalendarFolder',
  'ContactsFolder',
  'TasksFolder',
  'SearchFolder',
]);
const folderElements = (doc: ReturnType<typeof first>) => {
  const out: ReturnType<typeof first>[] = [];
  const visit = (el: ReturnType<typeof first>) => {
    if (FOLDER_ELEMENTS.has(el.name)) out.push(el);
    else el.children.forEach(visit);
  };
  visit(doc);
  return out;
};

describe('the folder tree of an Exchange 2016 mailbox', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('has every distinguished folder a mailbox has, with its FolderClass (none where Exchange sets none)', async () => {
    const reply = await h.call('alice', getFolders(MAILBOX_DISTINGUISHED.map(([id]) => id)));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(MAILBOX_DISTINGUISHED.map(() => 'NoError'));
    const got = folderElements(reply.doc).map((f) => describeFolder(f).folderClass);
    expect(got).toEqual(MAILBOX_DISTINGUISHED.map(([, folderClass]) => folderClass));
  });

  it('is named root at the top, and has more than 40 folders below it (Deep)', async () => {
    const root = await h.call('alice', getFolders(['root']));
    expect(describeFolder(folderElements(root.doc)[0] as never)).toMatchObject({
      name: 'root',
      folderClass: undefined,
      parent: undefined,
    });
    const deep = await h.call('alice', findFolder('Deep', dist('root')));
    const folders = folderElements(deep.doc).map(describeFolder);
    expect(folders.length).toBeGreaterThan(40);
    const byName = new Map(folders.map((f) => [f.name, f]));
    // Folders Exchange creates below root and Top of Information Store, with their classes.
    for (const [name, folderClass] of [
      ['Top of Information Store', 'IPF.Note'],
      ['Conversation Action Settings', 'IPF.Configuration'],
      ['Quick Step Settings', 'IPF.Configuration'],
      ['Sync Issues', 'IPF.Note'],
      ['Suggested Contacts', 'IPF.Contact'],
      ['RSS Feeds', 'IPF.Note.OutlookHomepage'],
      ['Files', 'IPF.Files'],
      ['Archive', 'IPF.Note'],
      ['Clutter', 'IPF.Note'],
      ['Conversation History', 'IPF.Note'],
      ['Yammer Root', 'IPF.Note'],
      ['Recoverable Items', undefined],
      ['Deletions', undefined],
      ['Purges', undefined],
      ['Versions', undefined],
      ['Calendar Logging', undefined],
      ['DiscoveryHolds', undefined],
      ['Finder', undefined],
      ['Common Views', undefined],
      ['Schedule', undefined],
      ['Spooler Queue', undefined],
    ] as const) {
      expect(byName.get(name), name).toMatchObject({ folderClass });
    }
    // Parents: Recoverable Items' children, Sync Issues' children.
    const recoverable = byName.get('Recoverable Items')?.id;
    for (const name of ['Deletions', 'Purges', 'Versions', 'DiscoveryHolds', 'Calendar Logging']) {
      expect(byName.get(name)?.parent, name).toBe(recoverable);
    }
    const syncIssues = byName.get('Sync Issues')?.id;
    for (const name of ['Conflicts', 'Local Failures', 'Server Failures']) {
      expect(byName.get(name)?.parent, name).toBe(syncIssues);
    }
    expect(byName.has('root')).toBe(false);
  });

  it('has no archive, and the public folders root answers ErrorNoPublicFolderReplicaAvailable', async () => {
    const archive = await h.call('alice', getFolders(['archiveroot', 'archivemsgfolderroot']));
    expect(texts(archive.doc, 'ResponseCode')).toEqual(['ErrorFolderNotFound', 'ErrorFolderNotFound']);
    const publicRoot = await h.call('alice', getFolders(['publicfoldersroot']));
    expect(texts(publicRoot.doc, 'ResponseCode')).toEqual(['ErrorNoPublicFolderReplicaAvailable']);
    const find = await h.call('alice', findFolder('Shallow', dist('publicfoldersroot')));
    expect(texts(find.doc, 'ResponseCode')).toEqual(['ErrorNoPublicFolderReplicaAvailable']);
  });

  it('protects system folders without a distinguished id as Exchange does', async () => {
    const deep = await h.call('alice', findFolder('Deep', dist('root')));
    const commonViews = folderElements(deep.doc)
      .map(describeFolder)
      .find((f) => f.name === 'Common Views');
    const reply = await h.call(
      'alice',
      `<m:DeleteFolder DeleteType="HardDelete"><m:FolderIds><t:FolderId Id="${commonViews?.id}"/></m:FolderIds></m:DeleteFolder>`,
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['ErrorDeleteDistinguishedFolder']);
  });

  it('the empty seed has the accounts but no room lists and no content', async () => {
    expect(h.server.roomLists).toEqual([]);
    expect(h.server.mailboxes.some((m) => m.kind === 'room')).toBe(true);
    const lists = await h.call('alice', '<m:GetRoomLists/>');
    expect(texts(lists.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(findAll(lists.doc, 'Address')).toEqual([]);
    const inbox = await h.call('alice', getFolders(['inbox', 'calendar']));
    expect(texts(inbox.doc, 'TotalCount')).toEqual(['0', '0']);
  });
});

describe('set-up options: culture, archive, public folders', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty', culture: 'da-DK', archive: true, publicFolders: true });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('names the default folders in the mailbox language (da-DK, names exchangelib recorded from Exchange)', async () => {
    const reply = await h.call(
      'alice',
      getFolders(['inbox', 'calendar', 'drafts', 'sentitems', 'deleteditems']),
    );
    expect(texts(reply.doc, 'DisplayName')).toEqual([
      'Indbakke',
      'Kalender',
      'Kladder',
      'Sendt post',
      'Slettet post',
    ]);
  });

  it('gives people an archive mailbox with its distinguished folders, outside the primary tree', async () => {
    const reply = await h.call('alice', getFolders(ARCHIVE_IDS));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(ARCHIVE_IDS.map(() => 'NoError'));
    const archiveRoot = first(reply.doc, 'FolderId').attrs.Id;
    const deep = await h.call('alice', findFolder('Deep', dist('root')));
    expect(findAll(deep.doc, 'FolderId').map((f) => f.attrs.Id)).not.toContain(archiveRoot);
    const archiveTree = await h.call('alice', findFolder('Deep', dist('archiveroot')));
    expect(folderElements(archiveTree.doc).length).toBe(ARCHIVE_IDS.length - 1);
    // Rooms have no archive.
    const room = await h.call('ews.service', getFolders(['archiveroot'], 'room.oslo@contoso.test'));
    expect(texts(room.doc, 'ResponseCode')).toEqual(['ErrorFolderNotFound']);
  });

  it('serves public folders to every user under publicfoldersroot', async () => {
    for (const user of ['alice', 'bob']) {
      const top = await h.call(user, findFolder('Shallow', dist('publicfoldersroot')));
      expect(texts(top.doc, 'ResponseCode')).toEqual(['NoError']);
      const names = texts(top.doc, 'DisplayName');
      expect(names.length).toBeGreaterThanOrEqual(3);
      const id = first(top.doc, 'FolderId').attrs.Id;
      const byId = await h.call(
        user,
        `<m:GetFolder>${WITH_CLASS}<m:FolderIds><t:FolderId Id="${id}"/></m:FolderIds></m:GetFolder>`,
      );
      expect(texts(byId.doc, 'ResponseCode')).toEqual(['NoError']);
    }
  });

  it('refuses an unknown culture', async () => {
    await expect(startTestServer({ culture: 'xx-XX' })).rejects.toThrow(TestServerError);
  });
});
