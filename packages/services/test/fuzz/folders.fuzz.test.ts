// Fuzzing the folder readers: GetFolder (one and several folders), FindFolder (one level, a
// paged deep walk, paths), CreateFolder, UpdateFolder, MoveFolder, CopyFolder, EmptyFolder,
// DeleteFolder and SyncFolderHierarchy, each through the Account call a user makes.
//
// How the cases are made and judged, and the environment variables for larger runs and other
// seeds: items.fuzz.test.ts and ../../README.md "Tests".

import type { Model } from '@ews/models';
import type { FolderHandle } from '../../src/index.js';
import { type AnyScenario, collect, type Live, recordScenarios, scenario } from './support/corpus.js';
import { registerScenarios } from './support/register.js';

/** A fresh mail folder under the message root (its handle, by id). */
async function newFolder(live: Live, name: string) {
  return live.account().msgFolderRoot.createFolder(name);
}

/** The id of a folder made by a scenario's setup (a folder by id, not a distinguished one). */
function idOf(folder: FolderHandle<Model>): string {
  if (!('id' in folder.ref)) throw new Error('setup: expected a folder by id');
  return folder.ref.id;
}

const SCENARIOS: AnyScenario[] = [
  scenario({ name: 'inbox.get (GetFolder)', run: (account) => account.inbox.get() }),
  scenario({
    name: 'calendar.get (GetFolder)',
    run: (account) => account.calendar.get(),
  }),
  scenario({
    name: 'folders([inbox, sent, drafts]).get (GetFolder × 3)',
    run: (account) => account.folders([account.inbox, account.sent, account.drafts]).get(),
  }),
  scenario({
    name: 'msgFolderRoot.children (FindFolder)',
    run: (account) => collect(account.msgFolderRoot.children()),
  }),
  scenario({
    name: 'root.walk (deep FindFolder, paged)',
    run: async (account) => (await collect(account.root.walk())).map((folder) => folder.displayName),
  }),
  scenario({
    name: 'root.path (FindFolder per step)',
    run: (account) => account.root.path('Top of Information Store/Inbox'),
  }),
  scenario({
    name: 'createFolder (CreateFolder)',
    returnsIds: true,
    run: async (account) =>
      (await account.msgFolderRoot.createFolder('Fuzz created', { kind: 'calendar' })).ref,
  }),
  scenario({
    name: 'rename (UpdateFolder)',
    returnsIds: true,
    setup: (live) => newFolder(live, 'Fuzz to rename'),
    run: async (account, folder) => (await account.folderById(idOf(folder)).rename('Fuzz renamed')).ref,
  }),
  scenario({
    name: 'move (MoveFolder)',
    returnsIds: true,
    setup: (live) => newFolder(live, 'Fuzz to move'),
    run: async (account, folder) => (await account.folderById(idOf(folder)).move(account.inbox)).ref,
  }),
  scenario({
    name: 'copy (CopyFolder)',
    returnsIds: true,
    setup: (live) => newFolder(live, 'Fuzz to copy'),
    run: async (account, folder) => (await account.folderById(idOf(folder)).copy(account.inbox)).ref,
  }),
  scenario({
    name: 'empty (EmptyFolder)',
    setup: (live) => newFolder(live, 'Fuzz to empty'),
    run: (account, folder) => account.folderById(idOf(folder)).empty({ deleteSubFolders: true }),
  }),
  scenario({
    name: 'delete (DeleteFolder)',
    setup: (live) => newFolder(live, 'Fuzz to delete'),
    run: (account, folder) => account.folderById(idOf(folder)).delete(),
  }),
  scenario({
    name: 'syncHierarchy (SyncFolderHierarchy)',
    run: async (account) => {
      const sync = account.msgFolderRoot.syncHierarchy();
      const changes = await collect(sync);
      return { changes: changes.map((change) => ({ ...change })), syncState: sync.syncState };
    },
  }),
];

registerScenarios('folders', await recordScenarios(SCENARIOS));
