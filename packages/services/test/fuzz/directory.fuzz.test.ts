import { raw } from '@ews/core';
// Fuzzing the directory and mailbox-settings readers: GetRoomLists, GetRooms,
// GetUserAvailability, ResolveNames, GetMailTips, ExpandDL, GetDelegate, GetSearchableMailboxes,
// Get/SetUserOofSettings, Get/UpdateInboxRules, FindPeople (the test server's, and an Exchange-shaped
// answer), GetPersona, ResolveNames with contact data, recursive ExpandDL and GetUserPhoto.
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
  // issue 15: people
  scenario({
    name: 'findPeople (FindPeople × 2 pages, directory, query, sort)',
    run: async (account) => {
      const pages = [];
      for await (const page of account
        .findPeople({ folder: 'directory', query: 'a', sort: ['-displayName'], pageSize: 3 })
        .pages())
        pages.push(page);
      return pages.slice(0, 2);
    },
  }),
  scenario({
    name: 'getPersona (FindPeople, then GetPersona)',
    run: async (account) => {
      for await (const person of account.findPeople({ query: 'nora' }))
        return person.personaId ? account.getPersona(person.personaId.id ?? '') : person;
      return undefined;
    },
  }),
  scenario({
    name: 'resolveNamesFull (ResolveNames, contacts first, full contact data)',
    run: (account) => account.resolveNamesFull('r', { searchScope: 'ContactsActiveDirectory' }),
  }),
  scenario({
    name: 'expandDistributionList (ExpandDL × 2, recursive through a cycle)',
    run: (account) => account.expandDistributionList('dl.council@contoso.test', { recursive: true }),
  }),
  scenario({
    name: 'userPhoto (GetUserPhoto)',
    run: (account) => account.userPhoto('bob@contoso.test', { size: 'HR48x48' }),
  }),
  scenario({
    name: 'FindPeople (Exchange-shaped answer)',
    handMade: { FindPeople: findPeopleAnswer() },
    run: async (account) =>
      readFindPeople(await account.send('FindPeople', raw(buildFindPeople({ query: 'Fo' }).xml))),
  }),
];

registerScenarios('directory', await recordScenarios(SCENARIOS));
