// Fuzzing the readers issue 15 (archpub) added or newly exercised: CreateFolderPath
// (`folder.createPath`), GetServiceConfiguration (`account.serviceConfiguration`), ArchiveItem into
// the archive mailbox, and the level-by-level walk of public folders (Shallow FindFolder per level).
//
// How the cases are made and judged, and the environment variables for larger runs and other
// seeds: items.fuzz.test.ts and ../../README.md "Tests".

import { type AnyScenario, collect, recordScenarios, scenario } from './support/corpus.js';
import { registerScenarios } from './support/register.js';

const SCENARIOS: AnyScenario[] = [
  scenario({
    // Not `returnsIds`: createPath resolves with the last level only, by design (path() finds the others).
    name: 'createPath (CreateFolderPath × 3 levels)',
    run: async (account) => (await account.inbox.createPath('Fuzz/Path/Leaf')).ref,
  }),
  scenario({
    name: 'serviceConfiguration (GetServiceConfiguration × 4 configurations)',
    run: (account) =>
      account.serviceConfiguration([
        'MailTips',
        'UnifiedMessagingConfiguration',
        'ProtectionRules',
        'SharePointURLs',
      ]),
  }),
  scenario({
    name: 'items.archive (ArchiveItem into the archive Inbox)',
    returnsIds: true,
    setup: async (live) => {
      const [created] = await live.account().inbox.create([{ subject: 'Fuzz archive' }]);
      if (!created?.ok || created.value === undefined) throw new Error('setup: no item');
      return created.value;
    },
    run: (account, item) => account.items.archive(item, account.archiveInbox),
  }),
  scenario({
    name: 'publicFoldersRoot.walk (Shallow FindFolder per level)',
    run: async (account) =>
      (await collect(account.publicFoldersRoot.walk())).map((folder) => folder.displayName),
  }),
];

registerScenarios(
  'archive and public folders',
  await recordScenarios(SCENARIOS, { archive: true, publicFolders: true }),
);
