// Fuzzing the search readers: grouped FindItem pages (GroupBy, DistinguishedGroupBy), an AQS
// QueryString query, SeekToConditionPageItemView paging and SearchMailboxes (statistics and
// previews).
//
// How the cases are made and judged, and the environment variables for larger runs and other
// seeds: items.fuzz.test.ts and ../../README.md "Tests".

import { type AnyScenario, recordScenarios, scenario } from './support/corpus.js';
import { generatedMessages, saveToInbox } from './support/mailbox-items.js';
import { registerScenarios } from './support/register.js';

const SUBJECT_PREFIX = 'Fuzz search';
const SERVICE = 'ews.service@contoso.test';
const ALICE_REFERENCE = '/o=Contoso/ou=Exchange/cn=Recipients/cn=alice';

const SCENARIOS: AnyScenario[] = [
  scenario({
    name: 'setup only: messages to search',
    setup: async (live) => {
      const messages = generatedMessages(6, 300).map((message, index) => ({
        ...message,
        subject: `${SUBJECT_PREFIX} ${index % 3} ${message.subject ?? ''}`,
      }));
      await saveToInbox(live.account(), messages);
    },
    run: async () => 'ready',
  }),
  scenario({
    name: 'inbox.groupBy(importance), pages of 3 (FindItem GroupBy)',
    run: (account) =>
      account.inbox
        .all()
        .only('subject', 'importance')
        .orderBy('subject')
        .pageSize(3)
        .groupBy('importance', { aggregateOn: 'dateTimeReceived' })
        .toArray(),
  }),
  scenario({
    name: 'inbox.groupByConversation() (FindItem DistinguishedGroupBy)',
    run: (account) => account.inbox.all().orderBy('subject').groupByConversation().toArray(),
  }),
  scenario({
    name: 'inbox.search(AQS), pages of 4 (FindItem QueryString)',
    run: (account) => account.inbox.all().search('fuzz').orderBy('subject').pageSize(4).toArray(),
  }),
  scenario({
    name: 'inbox.seekTo(condition), pages of 3 (SeekToConditionPageItemView, then IndexedPageItemView)',
    run: (account) =>
      account.inbox
        .all()
        .orderBy('subject')
        .only('subject')
        .pageSize(3)
        .seekTo({ subject: { startsWith: `${SUBJECT_PREFIX} 1` } })
        .toArray(),
  }),
  scenario({
    name: 'searchMailboxes StatisticsOnly (SearchMailboxes)',
    username: SERVICE,
    mailbox: SERVICE,
    run: (account) =>
      account.searchMailboxes({ query: 'fuzz', mailboxes: [ALICE_REFERENCE], resultType: 'StatisticsOnly' }),
  }),
  scenario({
    name: 'searchMailboxes PreviewOnly (SearchMailboxes)',
    username: SERVICE,
    mailbox: SERVICE,
    run: (account) =>
      account.searchMailboxes({ query: 'fuzz', mailboxes: [ALICE_REFERENCE], resultType: 'PreviewOnly' }),
  }),
];

const recorded = await recordScenarios(SCENARIOS);
registerScenarios(
  'search',
  recorded.filter((entry) => !entry.scenario.name.startsWith('setup only')),
);
