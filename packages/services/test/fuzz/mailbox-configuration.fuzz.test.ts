// Fuzzing the mailbox configuration readers: GetUserConfiguration (typed dictionary, XML and
// binary data; the master category list read from its XmlData), Create/Update/DeleteUserConfiguration,
// AddDelegate / UpdateDelegate / RemoveDelegate (one message per user sent, paired strictly),
// GetPasswordExpirationDate and GetUserRetentionPolicyTags.
//
// How the cases are made and judged, and the environment variables for larger runs and other
// seeds: items.fuzz.test.ts and ../../README.md "Tests".

import type { Account, UserConfigurationEntry } from '../../src/index.js';
import { type AnyScenario, recordScenarios, scenario } from './support/corpus.js';
import { registerScenarios } from './support/register.js';

const DICTIONARY: UserConfigurationEntry[] = [
  { key: { type: 'String', value: 'name' }, value: { type: 'String', value: 'Fuzz' } },
  { key: { type: 'String', value: 'count' }, value: { type: 'Integer32', value: 42 } },
  { key: { type: 'String', value: 'big' }, value: { type: 'UnsignedInteger64', value: 2n ** 63n } },
  { key: { type: 'String', value: 'on' }, value: { type: 'Boolean', value: true } },
  {
    key: { type: 'String', value: 'when' },
    value: { type: 'DateTime', value: new Date('2026-03-02T08:00:00Z') },
  },
  { key: { type: 'String', value: 'bytes' }, value: { type: 'ByteArray', value: new Uint8Array([1, 2, 3]) } },
  { key: { type: 'String', value: 'list' }, value: { type: 'StringArray', value: ['a', 'b'] } },
  { key: { type: 'Integer32', value: 7 }, value: null },
];

const settings = (account: Account) => account.userConfiguration('Fuzz.Settings', { folder: account.root });

const SCENARIOS: AnyScenario[] = [
  scenario({
    name: 'userConfiguration.get (GetUserConfiguration, every part)',
    setup: async (live) => {
      await settings(live.account()).create({
        dictionary: DICTIONARY,
        xmlData: '<settings a="1"/>',
        binaryData: new Uint8Array([0, 255]),
      });
    },
    run: (account) => settings(account).get(),
  }),
  scenario({
    name: 'userConfiguration create, update, delete (Create/Update/DeleteUserConfiguration)',
    run: async (account) => {
      const config = account.userConfiguration('Fuzz.Written', { folder: account.root });
      await config.create({ dictionary: DICTIONARY.slice(0, 2) });
      await config.update({ xmlData: '<x/>' });
      await config.delete();
      return 'done';
    },
  }),
  scenario({
    name: 'categories.get (GetUserConfiguration CategoryList XmlData)',
    setup: async (live) => {
      await live
        .account()
        .categories()
        .save({
          default: 'Red',
          categories: [
            { name: 'Red', color: 0, keyboardShortcut: 1, guid: '{DAB4A6FA-CE36-4B69-8B47-D50E2E6C5C80}' },
            { name: 'Blue', color: 7, keyboardShortcut: 0, guid: '{DAB4A6FA-CE36-4B69-8B47-D50E2E6C5C81}' },
          ],
        });
    },
    run: (account) => account.categories().get(),
  }),
  scenario({
    name: 'addDelegates (AddDelegate × 2 users)',
    run: (account) =>
      account.addDelegates(
        [
          { user: 'dave@contoso.test', permissions: { calendar: 'Editor', inbox: 'Reviewer' } },
          { user: 'erin@contoso.test', permissions: { tasks: 'Author' }, viewPrivateItems: true },
        ],
        { deliverMeetingRequests: 'DelegatesOnly' },
      ),
  }),
  scenario({
    name: 'updateDelegates (UpdateDelegate × 2 users)',
    setup: async (live) => {
      await live.account().addDelegates([{ user: 'dave@contoso.test' }, { user: 'erin@contoso.test' }]);
    },
    run: (account) =>
      account.updateDelegates([
        { user: 'dave@contoso.test', permissions: { calendar: 'Author' } },
        { user: 'erin@contoso.test', receiveCopiesOfMeetingMessages: true },
      ]),
  }),
  scenario({
    name: 'removeDelegates (RemoveDelegate × 2 users)',
    setup: async (live) => {
      await live.account().addDelegates([{ user: 'dave@contoso.test' }, { user: 'erin@contoso.test' }]);
    },
    run: (account) => account.removeDelegates(['dave@contoso.test', 'erin@contoso.test']),
  }),
  scenario({
    name: 'passwordExpiration (GetPasswordExpirationDate)',
    run: (account) => account.passwordExpiration(),
  }),
  scenario({
    name: 'retentionPolicyTags (GetUserRetentionPolicyTags)',
    run: (account) => account.retentionPolicyTags(),
  }),
];

registerScenarios('mailbox configuration', await recordScenarios(SCENARIOS));
