// Fuzzing the directory and mailbox-settings readers: GetRoomLists, GetRooms,
// GetUserAvailability, ResolveNames, GetMailTips, ExpandDL, GetDelegate, GetSearchableMailboxes,
// Get/SetUserOofSettings, Get/UpdateInboxRules, and FindPeople (an Exchange-shaped answer: the
// test server serves no FindPeople).
//
// How the cases are made and judged, and the environment variables for larger runs and other
// seeds: items.fuzz.test.ts and ../../README.md "Tests".

import { buildFindPeople, readFindPeople } from '../../src/index.js';
import { ALICE, type AnyScenario, recordScenarios, scenario } from './support/corpus.js';
import { findPeopleAnswer } from './support/exchange-answers.js';
import { registerScenarios } from './support/register.js';

const SCENARIOS: AnyScenario[] = [
  scenario({ name: 'getRoomLists (GetRoomLists)', run: (account) => account.getRoomLists() }),
  scenario({ name: 'getRooms (GetRooms)', run: (account) => account.getRooms('rooms@contoso.test') }),
  scenario({
    name: 'getAvailability (GetUserAvailability × 3 mailboxes)',
    run: (account) =>
      account.getAvailability({
        mailboxes: ['bob@contoso.test', { address: 'room.oslo@contoso.test', attendeeType: 'Room' }, ALICE],
        start: new Date('2026-03-02T00:00:00Z'),
        end: new Date('2026-03-04T00:00:00Z'),
        view: 'Detailed',
      }),
  }),
  scenario({
    name: 'suggestMeetingTimes (GetUserAvailability suggestions × 2 attendees)',
    run: (account) =>
      account.suggestMeetingTimes({
        attendees: ['bob@contoso.test', ALICE],
        start: new Date('2026-03-02T00:00:00Z'),
        end: new Date('2026-03-04T00:00:00Z'),
        durationMinutes: 30,
        maximumResultsByDay: 3,
      }),
  }),
  scenario({
    name: 'findFreeRooms (GetRooms, then GetUserAvailability with the day)',
    run: (account) =>
      account.findFreeRooms({
        roomList: 'rooms@contoso.test',
        start: new Date('2026-03-02T09:00:00Z'),
        end: new Date('2026-03-02T10:00:00Z'),
        schedule: { start: new Date('2026-03-02T00:00:00Z'), end: new Date('2026-03-03T00:00:00Z') },
      }),
  }),
  scenario({
    name: 'serverTimeZones (GetServerTimeZones × 2 zones, full)',
    run: (account) =>
      account.serverTimeZones({ ids: ['Europe/Oslo', 'Lord Howe Standard Time'], full: true }),
  }),
  scenario({ name: 'resolveNames (ResolveNames)', run: (account) => account.resolveNames('a') }),
  scenario({
    name: 'mailTips (GetMailTips × 2 recipients)',
    run: (account) => account.mailTips(['bob@contoso.test', 'carol@contoso.test']),
  }),
  scenario({ name: 'expandDL (ExpandDL)', run: (account) => account.expandDL('rooms@contoso.test') }),
  scenario({
    name: 'delegates (GetDelegate)',
    serverCountedLists: true,
    run: (account) => account.delegates(),
  }),
  scenario({
    name: 'searchableMailboxes (GetSearchableMailboxes)',
    username: 'ews.service@contoso.test',
    mailbox: 'ews.service@contoso.test',
    run: (account) => account.searchableMailboxes(),
  }),
  scenario({ name: 'oofSettings (GetUserOofSettings)', run: (account) => account.oofSettings() }),
  scenario({
    name: 'setOofSettings (SetUserOofSettings)',
    run: (account) =>
      account.setOofSettings({
        state: 'Scheduled',
        externalAudience: 'Known',
        start: new Date('2026-03-10T00:00:00Z'),
        end: new Date('2026-03-12T00:00:00Z'),
        internalReply: 'Fuzz: away',
        externalReply: 'Fuzz: away (external)',
      }),
  }),
  scenario({
    name: 'createInboxRule and inboxRules (UpdateInboxRules, GetInboxRules)',
    run: async (account) => {
      await account.createInboxRule({
        displayName: 'Fuzz rule',
        priority: 1,
        isEnabled: true,
        conditions: { containsSubjectStrings: ['fuzz'] },
        actions: { markAsRead: true, assignCategories: ['Fuzz'] },
      });
      return account.inboxRules();
    },
  }),
  scenario({
    name: 'FindPeople (Exchange-shaped answer)',
    handMade: { FindPeople: findPeopleAnswer() },
    run: async (account) =>
      readFindPeople(await account.send('FindPeople', buildFindPeople({ query: 'Fo' }))),
  }),
];

registerScenarios('directory', await recordScenarios(SCENARIOS));
