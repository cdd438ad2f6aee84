// Fuzzing the query readers: FindItem read while it streams (one folder, paged), whole pages
// (several folders), FindItem followed by GetItem (fields FindItem cannot return), values,
// count, get, calendar views (CalendarView, split windows) and SyncFolderItems.
//
// How the cases are made and judged, and the environment variables for larger runs and other
// seeds: items.fuzz.test.ts and ../../README.md "Tests".

import { CalendarItemModel } from '@ews/models';
import { ALICE, type AnyScenario, collect, recordScenarios, scenario } from './support/corpus.js';
import { generatedCalendarItems, generatedMessages, saveToInbox } from './support/mailbox-items.js';
import { registerScenarios } from './support/register.js';

const SUBJECT_PREFIX = 'Fuzz query';

const SCENARIOS: AnyScenario[] = [
  scenario({
    name: 'setup only: messages to query',
    setup: async (live) => {
      const messages = generatedMessages(6, 200).map((message, index) => ({
        ...message,
        subject: `${SUBJECT_PREFIX} ${index} ${message.subject ?? ''}`,
      }));
      await saveToInbox(live.account(), messages);
      await live.account().bulkCreate(
        CalendarItemModel,
        generatedCalendarItems(4, 10).map((item, index) => ({
          ...item,
          start: new Date(Date.UTC(2026, 2, 3 + index, 9)),
          end: new Date(Date.UTC(2026, 2, 3 + index, 10)),
        })),
        { folder: { distinguishedId: 'calendar', mailbox: ALICE } },
      );
    },
    run: async () => 'ready',
  }),
  scenario({
    name: 'inbox query streamed, pages of 4 (FindItem)',
    run: (account) =>
      account.inbox
        .filter({ subject: { startsWith: SUBJECT_PREFIX } })
        .orderBy('subject')
        .pageSize(4)
        .toArray(),
  }),
  scenario({
    name: 'inbox.values(subject, isRead) (FindItem)',
    run: (account) =>
      account.inbox.all().orderBy('subject').values('subject', 'isRead', 'dateTimeReceived').toArray(),
  }),
  scenario({
    name: 'inbox.only(subject, body) (FindItem + GetItem)',
    run: (account) =>
      account.inbox
        .filter({ subject: { startsWith: SUBJECT_PREFIX } })
        .orderBy('subject')
        .only('subject', 'body')
        .toArray(),
  }),
  scenario({
    name: 'inbox.count and exists (FindItem)',
    run: async (account) => ({
      count: await account.inbox.all().count(),
      exists: await account.inbox.filter({ subject: 'none such' }).exists(),
    }),
  }),
  scenario({
    name: 'inbox.get(filter) (FindItem)',
    run: (account) => account.inbox.all().get({ subject: { startsWith: `${SUBJECT_PREFIX} 3` } }),
  }),
  scenario({
    name: 'folders([inbox, drafts]) query, whole pages (FindItem × 2 folders)',
    run: (account) =>
      account.folders([account.inbox, account.drafts]).all().orderBy('subject').pageSize(5).toArray(),
  }),
  scenario({
    name: 'calendar.view (CalendarView)',
    run: (account) =>
      collect(
        account.calendar.view({
          start: new Date('2026-03-02T00:00:00Z'),
          end: new Date('2026-03-07T00:00:00Z'),
        }),
      ),
  }),
  scenario({
    name: 'calendar.view split windows (CalendarView × 3)',
    run: (account) =>
      collect(
        account.calendar.view({
          start: new Date('2026-03-01T00:00:00Z'),
          end: new Date('2026-03-10T00:00:00Z'),
          maxWindowDays: 3,
        }),
      ),
  }),
  scenario({
    name: 'calendar.view with attendees and body (CalendarView, then GetItem for those fields)',
    run: (account) =>
      collect(
        account.calendar.view({
          start: new Date('2026-03-02T00:00:00Z'),
          end: new Date('2026-03-07T00:00:00Z'),
          only: ['subject', 'start', 'requiredAttendees', 'organizer', 'body'],
          fetchBatchSize: 3,
        }),
      ),
  }),
  scenario({
    name: 'inbox.syncItems (SyncFolderItems)',
    run: async (account) => {
      const sync = account.inbox.syncItems({ maxChanges: 8 });
      const changes = await collect(sync);
      return { changes, syncState: sync.syncState };
    },
  }),
];

const recorded = await recordScenarios(SCENARIOS);
registerScenarios(
  'queries',
  recorded.filter((entry) => !entry.scenario.name.startsWith('setup only')),
);
