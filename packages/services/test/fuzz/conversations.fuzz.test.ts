// Fuzzing the conversation, mark-all-read and reminder readers: FindConversation,
// GetConversationItems, ApplyConversationAction, MarkAllItemsAsRead, GetReminders and
// PerformReminderAction, each recorded live against the test server.
//
// How the cases are made and judged, and the environment variables for larger runs and other
// seeds: items.fuzz.test.ts and ../../README.md "Tests".

import { CalendarItemModel } from '@ews/models';
import type { Account, ConversationHandle, ItemRef } from '../../src/index.js';
import { ALICE, type AnyScenario, type Live, recordScenarios, scenario } from './support/corpus.js';
import { registerScenarios } from './support/register.js';

const NOW = Date.parse('2026-03-02T08:00:00Z');
const HOUR = 3_600_000;

/** Two threads in Alice's inbox (sent to herself), three messages in all. */
async function threads(live: Live): Promise<void> {
  const account = live.account();
  for (const subject of ['Fuzz thread', 'RE: Fuzz thread', 'Other fuzz thread']) {
    await account.items.sendAndSave({
      subject,
      body: { bodyType: 'Text', value: subject },
      toRecipients: [{ emailAddress: ALICE }],
    });
  }
}

async function firstThread(account: Account): Promise<ConversationHandle> {
  for await (const conversation of account.inbox.conversations()) {
    if (conversation.summary?.topic === 'Fuzz thread') return conversation;
  }
  throw new Error('setup: no conversation');
}

async function meetingWithReminder(live: Live): Promise<ItemRef> {
  return live.account().items.save(CalendarItemModel, {
    subject: 'Fuzz reminder',
    start: new Date(NOW + 2 * HOUR),
    end: new Date(NOW + 3 * HOUR),
    reminderIsSet: true,
    reminderMinutesBeforeStart: 15,
  });
}

const SCENARIOS: AnyScenario[] = [
  scenario({
    name: 'inbox.conversations (FindConversation, pages of 2)',
    setup: threads,
    run: async (account) => {
      const out = [];
      for await (const conversation of account.inbox.conversations({ pageSize: 2 }))
        out.push(conversation.summary);
      return out;
    },
  }),
  scenario({
    name: 'conversation.items (GetConversationItems)',
    setup: async (live) => {
      await threads(live);
      return (await firstThread(live.account())).conversationId;
    },
    run: (account, id: ItemRef) => account.conversation(id).items({ foldersToIgnore: [] }),
  }),
  scenario({
    name: 'applyConversationActions (ApplyConversationAction × 2)',
    setup: async (live) => {
      await threads(live);
      return (await firstThread(live.account())).conversationId;
    },
    run: (account, id: ItemRef) =>
      account.applyConversationActions([
        { action: 'SetReadState', conversationId: id, isRead: true },
        { action: 'AlwaysCategorize', conversationId: id, categories: ['Fuzz'] },
      ]),
  }),
  scenario({
    name: 'inbox.markAllAsRead (MarkAllItemsAsRead)',
    setup: threads,
    run: (account) => account.inbox.markAllAsRead({ read: true }),
  }),
  scenario({
    name: 'reminders (GetReminders)',
    setup: meetingWithReminder,
    run: (account) => account.reminders({ beginTime: new Date(NOW), endTime: new Date(NOW + 4 * HOUR) }),
  }),
  scenario({
    name: 'snoozeReminder (PerformReminderAction)',
    setup: meetingWithReminder,
    run: (account, ref: ItemRef) => account.snoozeReminder(ref, new Date(NOW + 2 * HOUR)),
  }),
];

registerScenarios('conversations', await recordScenarios(SCENARIOS));
