import { CalendarItemModel, MessageModel, TaskModel } from '@ews/models';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Account, ConversationHandle, ItemRef } from '../src/index.js';
import { NOW, useHarness } from './helpers/harness.js';

const ALICE = 'alice@contoso.test';
const BOB = 'bob@contoso.test';
let alice: Account;
let bob: Account;
const harness = useHarness((started) => {
  alice = started.account(ALICE);
  bob = started.account(BOB);
});

const mail = (subject: string, to = BOB) =>
  alice.items.sendAndSave({
    subject,
    body: { bodyType: 'Text', value: `About ${subject}` },
    toRecipients: [{ emailAddress: to }],
  });

async function all<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterator) out.push(value);
  return out;
}

async function conversationNamed(account: Account, topic: string): Promise<ConversationHandle> {
  const found = (await all(account.inbox.conversations())).find((c) => c.summary?.topic === topic);
  if (found === undefined) throw new Error(`no conversation ${topic} in the inbox`);
  return found;
}

const subjectsIn = async (folder: { filter: Account['inbox']['filter'] }) =>
  (await folder.filter({}).toArray()).map((m) => m.subject).sort();

describe('conversations (FindConversation, GetConversationItems, ApplyConversationAction)', () => {
  beforeAll(async () => {
    await mail('Budget 2027');
    await mail('RE: Budget 2027');
    await mail('FW: budget 2027');
    await mail('Offsite venue');
  });

  it('groups a thread by its topic (RE:/FW: prefixes and case aside) and pages lazily', async () => {
    const budget = await conversationNamed(bob, 'Budget 2027');
    expect(budget.summary).toMatchObject({ messageCount: 3, unreadCount: 3, globalMessageCount: 3 });
    expect(budget.summary?.itemIds).toHaveLength(3);
    expect(budget.summary?.uniqueSenders.length).toBe(1);
    const before = harness.operations.filter((o) => o === 'FindConversation').length;
    const paged = await all(bob.inbox.conversations({ pageSize: 1 }));
    const whole = await all(bob.inbox.conversations());
    expect(paged.map((c) => c.conversationId.id)).toEqual(whole.map((c) => c.conversationId.id));
    // One request per page of one, plus the whole list in one.
    expect(harness.operations.filter((o) => o === 'FindConversation').length - before).toBe(whole.length + 1);
    // Alice's Sent Items hold the same thread under the same id, as Exchange's ids are per thread.
    const sent = (await all(alice.sent.conversations())).find((c) => c.summary?.topic === 'Budget 2027');
    expect(sent?.conversationId.id).toBe(budget.conversationId.id);
  });

  it('finds only what an AQS query string matches', async () => {
    const found = await all(bob.inbox.conversations({ query: 'venue' }));
    expect(found.map((c) => c.summary?.topic)).toEqual(['Offsite venue']);
  });

  it('reads the thread as nodes with their items (GetConversationItems), and only changes after a SyncState', async () => {
    const budget = await conversationNamed(bob, 'Budget 2027');
    const thread = await budget.items();
    expect(thread.conversationId.id).toBe(budget.conversationId.id);
    expect(thread.nodes).toHaveLength(3);
    for (const node of thread.nodes) {
      expect(node.internetMessageId).toMatch(/^</);
      expect(node.items[0]?.conversationId?.id).toBe(budget.conversationId.id);
    }
    expect(thread.nodes.flatMap((n) => n.items.map((i) => i.subject)).sort()).toEqual([
      'Budget 2027',
      'FW: budget 2027',
      'RE: Budget 2027',
    ]);
    const again = await budget.items({ syncState: thread.syncState });
    expect(again.nodes).toEqual([]);
    expect((await budget.items({ maxItems: 1 })).nodes).toHaveLength(1);
    // The same conversation reached from an item's conversationId.
    const [item] = await bob.inbox.filter({ subject: 'Budget 2027' }).only('conversationId').toArray();
    const byItem = bob.conversation(item ?? {});
    expect(byItem.conversationId.id).toBe(budget.conversationId.id);
  });

  it('marks a conversation read, and a whole folder unread (MarkAllItemsAsRead)', async () => {
    const budget = await conversationNamed(bob, 'Budget 2027');
    await budget.markAsRead();
    expect((await conversationNamed(bob, 'Budget 2027')).summary?.unreadCount).toBe(0);
    await bob.inbox.markAllAsRead({ read: false });
    expect((await conversationNamed(bob, 'Budget 2027')).summary?.unreadCount).toBe(3);
    await bob.inbox.markAllAsRead();
    expect((await all(bob.inbox.conversations())).every((c) => c.summary?.unreadCount === 0)).toBe(true);
  });

  it('always moves a thread: its items now and later replies on arrival, until stopped', async () => {
    const folder = await bob.inbox.createFolder('Budget');
    const budget = await conversationNamed(bob, 'Budget 2027');
    await budget.alwaysMove(folder);
    expect(await subjectsIn(folder)).toEqual(['Budget 2027', 'FW: budget 2027', 'RE: Budget 2027']);
    await mail('RE: RE: Budget 2027');
    expect(await subjectsIn(folder)).toContain('RE: RE: Budget 2027');
    expect(await bob.inbox.filter({ subject: 'RE: RE: Budget 2027' }).count()).toBe(0);
    await budget.stopAlwaysMove();
    await mail('FW: Budget 2027 (final)');
    // A different topic: not the thread. The thread's next reply stays in the inbox now.
    await mail('Re: budget 2027');
    expect(await bob.inbox.filter({ subject: 'Re: budget 2027' }).count()).toBe(1);
  });

  it('always categorizes a thread, later items too; stopCategorizing ends it', async () => {
    const offsite = await conversationNamed(bob, 'Offsite venue');
    await offsite.setCategories(['Events']);
    expect((await conversationNamed(bob, 'Offsite venue')).summary?.categories).toEqual(['Events']);
    await mail('RE: Offsite venue');
    const [reply] = await bob.inbox.filter({ subject: 'RE: Offsite venue' }).only('categories').toArray();
    expect(reply?.categories).toEqual(['Events']);
    await offsite.stopCategorizing();
    await mail('FW: Offsite venue');
    const [forward] = await bob.inbox.filter({ subject: 'FW: Offsite venue' }).only('categories').toArray();
    expect(forward?.categories ?? []).toEqual([]);
  });

  it('copies, flags and deletes a thread in the folder it was found in; AlwaysDelete files later ones too', async () => {
    await mail('Parking');
    const parking = await conversationNamed(bob, 'Parking');
    await parking.copy({ distinguishedId: 'drafts' });
    expect(await bob.drafts.filter({ subject: 'Parking' }).count()).toBe(1);
    await parking.flag({ status: 'Flagged', startDate: NOW, dueDate: new Date(NOW.getTime() + 86_400_000) });
    await parking.delete();
    expect(await bob.inbox.filter({ subject: 'Parking' }).count()).toBe(0);
    expect(await bob.deletedItems.filter({ subject: 'Parking' }).count()).toBe(1);
    await parking.alwaysDelete();
    await mail('RE: Parking');
    expect(await bob.inbox.filter({ subject: 'RE: Parking' }).count()).toBe(0);
    expect(await bob.deletedItems.filter({ subject: 'RE: Parking' }).count()).toBe(1);
    await parking.stopAlwaysDelete();
  });

  it('answers one outcome per action, in order: a bad id fails its own action alone', async () => {
    const offsite = await conversationNamed(bob, 'Offsite venue');
    const results = await bob.applyConversationActions([
      { action: 'SetReadState', conversationId: offsite.conversationId, isRead: false },
      { action: 'SetReadState', conversationId: { id: 'AAAAbogus' }, isRead: false },
    ]);
    expect(results[0]).toEqual({ ok: true, value: true });
    expect(results[1]).toMatchObject({
      ok: false,
      error: { code: 'EWS_RESPONSE', responseCode: 'ErrorInvalidIdMalformed' },
    });
    await expect(bob.conversation({ id: 'AAAAbogus' }).items()).rejects.toMatchObject({
      responseCode: 'ErrorInvalidIdMalformed',
    });
  });

  it('refuses actions that cannot be written before anything is sent', async () => {
    const sent = harness.operations.length;
    const offsite = await conversationNamed(bob, 'Offsite venue');
    const afterFind = harness.operations.length;
    await expect(offsite.alwaysCategorize([])).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
    await expect(offsite.delete({ deleteType: 'Shred' as never })).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
    await expect(offsite.flag({ status: 'Maybe' as never })).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
    await expect(offsite.items({ maxItems: 0 })).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
    await expect(all(bob.inbox.conversations({ pageSize: 1001 }))).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
    expect(() => bob.conversation({ id: '' })).toThrow(/ConversationId/);
    expect(harness.operations.length).toBe(afterFind);
    expect(afterFind).toBeGreaterThan(sent);
  });
});

describe('reminders (GetReminders, PerformReminderAction)', () => {
  const HOUR = 3_600_000;
  let meeting: ItemRef;
  let task: ItemRef;

  beforeAll(async () => {
    meeting = await alice.items.save(CalendarItemModel, {
      subject: 'Reminder review',
      start: new Date(NOW.getTime() + 2 * HOUR),
      end: new Date(NOW.getTime() + 3 * HOUR),
      reminderIsSet: true,
      reminderMinutesBeforeStart: 30,
    });
    task = await alice.items.save(TaskModel, {
      subject: 'File expenses',
      reminderIsSet: true,
      reminderDueBy: new Date(NOW.getTime() + 4 * HOUR),
    });
  });

  it('lists the reminders of calendar items and tasks in a window, at their reminder time', async () => {
    const reminders = await alice.reminders({ beginTime: NOW, endTime: new Date(NOW.getTime() + 5 * HOUR) });
    const review = reminders.find((r) => r.itemId.id === meeting.id);
    expect(review).toMatchObject({
      subject: 'Reminder review',
      reminderGroup: 'Calendar',
      reminderTime: new Date(NOW.getTime() + 1.5 * HOUR),
      startDate: new Date(NOW.getTime() + 2 * HOUR),
    });
    expect(reminders.find((r) => r.itemId.id === task.id)).toMatchObject({
      reminderGroup: 'Task',
      reminderTime: new Date(NOW.getTime() + 4 * HOUR),
    });
    const early = await alice.reminders({ endTime: new Date(NOW.getTime() + HOUR) });
    expect(early.find((r) => r.itemId.id === meeting.id)).toBeUndefined();
    expect(await alice.reminders({ maxItems: 1 })).toHaveLength(1);
  });

  it('snoozes and dismisses a reminder', async () => {
    const until = new Date(NOW.getTime() + 10 * HOUR);
    const snoozed = await alice.snoozeReminder(task, until);
    expect(snoozed.id).toBe(task.id);
    expect(snoozed.changeKey).not.toBe(task.changeKey);
    const later = await alice.reminders({ beginTime: new Date(NOW.getTime() + 9 * HOUR) });
    expect(later.find((r) => r.itemId.id === task.id)?.reminderTime).toEqual(until);
    const [review] = (await alice.reminders()).filter((r) => r.itemId.id === meeting.id);
    await alice.dismissReminder(review ?? meeting);
    expect((await alice.reminders()).find((r) => r.itemId.id === meeting.id)).toBeUndefined();
    await expect(alice.dismissReminder(meeting)).rejects.toMatchObject({ responseCode: 'ErrorItemNotFound' });
  });

  it("refuses 'Old' without both times, and out-of-range MaxItems, before sending", async () => {
    const sent = harness.operations.length;
    await expect(alice.reminders({ type: 'Old' })).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
    await expect(alice.reminders({ maxItems: 201 })).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
    expect(harness.operations.length).toBe(sent);
    const old = await alice.reminders({ type: 'Old', beginTime: new Date(0), endTime: NOW });
    expect(old.every((r) => r.reminderGroup === 'Task')).toBe(true);
  });
});

describe('completeTask', () => {
  it('sets Status Completed and PercentComplete 100; the server sets CompleteDate and IsComplete', async () => {
    const ref = await alice.items.save(TaskModel, { subject: 'Ship it', percentComplete: 40 });
    const before = await alice.items.get(TaskModel, ref);
    expect(before).toMatchObject({ status: 'NotStarted', isComplete: false });
    expect(before.completeDate).toBeUndefined();
    await alice.items.completeTask(ref);
    const done = await alice.items.get(TaskModel, ref);
    expect(done).toMatchObject({ status: 'Completed', isComplete: true, statusDescription: 'Completed' });
    expect(Number(done.percentComplete)).toBe(100);
    expect(done.completeDate).toEqual(NOW);
  });

  it('takes the task itself or its id; an occurrence or master form is refused', async () => {
    const ref = await alice.items.save(TaskModel, { subject: 'Water plants' });
    const task = await alice.items.get(TaskModel, ref);
    await alice.items.completeTask(task);
    expect((await alice.items.get(TaskModel, ref)).status).toBe('Completed');
    await expect(alice.items.completeTask({ masterOf: ref } as never)).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
  });

  it('a new task with Status Completed is 100 % (the server keeps them consistent)', async () => {
    const ref = await alice.items.save(TaskModel, { subject: 'Done already', status: 'Completed' });
    const task = await alice.items.get(TaskModel, ref);
    expect(Number(task.percentComplete)).toBe(100);
    expect(task.isComplete).toBe(true);
    expect(MessageModel.name).toBe('Message');
  });
});
