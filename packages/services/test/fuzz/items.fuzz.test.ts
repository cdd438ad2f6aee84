// Fuzzing the item readers: GetItem, CreateItem (new items, bulk chunks, response objects,
// bookings), UpdateItem, DeleteItem, MoveItem, CopyItem, ArchiveItem, MarkAsJunk, SendItem,
// ExportItems and UploadItems, each through the Account call a user makes.
//
// Every call runs once against @ews/test-server (its answers are the valid ones), then each
// mutation class of @ews-tools/fuzz replays it CI_RUNS_PER_CLASS times from fixed seeds. See
// ../../README.md "Tests" for EWS_FUZZ_RUNS (more cases) and EWS_FUZZ_SEED (random or replayed
// seeds); a failure prints fast-check's seed and path with the mutated case and the reason.

import { CalendarItemModel, ContactModel, MessageModel, TaskModel } from '@ews/models';
import { plain } from '@ews-tools/fuzz';
import { expect, it } from 'vitest';
import type { Account, ItemRef, UploadItem } from '../../src/index.js';
import { ALICE, type AnyScenario, codeOf, recordScenarios, scenario } from './support/corpus.js';
import { archiveItemAnswer } from './support/exchange-answers.js';
import {
  generatedCalendarItems,
  generatedContacts,
  generatedMessages,
  generatedTasks,
  ROUND_TRIP_FIELDS,
  saveMessages,
  saveToInbox,
} from './support/mailbox-items.js';
import { registerScenarios } from './support/register.js';

const BOB = 'bob@contoso.test';
const drafts = { distinguishedId: 'drafts', mailbox: ALICE } as const;
const inbox = { distinguishedId: 'inbox', mailbox: ALICE } as const;
const archiveInbox = { distinguishedId: 'archiveinbox', mailbox: ALICE } as const;

/** A meeting Bob organizes with Alice invited: the request in Alice's inbox. */
async function meetingRequestFor(alice: Account, bob: Account, subject: string): Promise<ItemRef> {
  await bob.createCalendarItem(
    {
      subject,
      start: new Date('2026-03-04T10:00:00Z'),
      end: new Date('2026-03-04T11:00:00Z'),
      requiredAttendees: [{ mailbox: { emailAddress: ALICE } }],
    },
    { sendMeetingInvitations: 'SendToAllAndSaveCopy' },
  );
  return refOf(await alice.inbox.filter({ subject }).first());
}

/** The ref of an item found by a query (setup: it must be there). */
function refOf(
  item: { readonly itemId?: { readonly id?: string; readonly changeKey?: string } } | undefined,
): ItemRef {
  const id = item?.itemId?.id;
  if (id === undefined) throw new Error('setup: the item was not found');
  const changeKey = item?.itemId?.changeKey;
  return changeKey === undefined ? { id } : { id, changeKey };
}

const SCENARIOS: AnyScenario[] = [
  ...generatedMessages(3).map((message, index) =>
    scenario({
      name: `items.get(Message) #${index}`,
      setup: async (live) => (await saveMessages(live.account(), [message]))[0]!,
      run: (account, ref: ItemRef) => account.items.get(MessageModel, ref),
    }),
  ),
  ...generatedCalendarItems(2).map((item, index) =>
    scenario({
      name: `items.get(CalendarItem) #${index}`,
      setup: (live) => live.account().createCalendarItem(item),
      run: (account, ref: ItemRef) => account.items.get(CalendarItemModel, ref),
    }),
  ),
  scenario({
    name: 'items.get(Contact)',
    setup: async (live) => live.account().items.save(ContactModel, generatedContacts(1)[0]!),
    run: (account, ref: ItemRef) => account.items.get(ContactModel, ref),
  }),
  scenario({
    name: 'items.get(Task)',
    setup: async (live) => live.account().items.save(TaskModel, generatedTasks(1)[0]!),
    run: (account, ref: ItemRef) => account.items.get(TaskModel, ref),
  }),
  scenario({
    name: 'items.save(new Message)',
    returnsIds: true,
    run: (account) => account.items.save(MessageModel, generatedMessages(1, 10)[0]!),
  }),
  scenario({
    name: 'bulkCreate(Message × 5, chunks of 2)',
    returnsIds: true,
    run: (account) =>
      account.bulkCreate(MessageModel, generatedMessages(5, 20), { chunkSize: 2, folder: drafts }),
  }),
  scenario({
    name: 'createCalendarItem',
    returnsIds: true,
    run: (account) => account.createCalendarItem(generatedCalendarItems(1, 5)[0]!),
  }),
  scenario({
    name: 'bookRoom',
    returnsIds: true,
    run: (account) =>
      account.bookRoom({
        room: 'room.oslo@contoso.test',
        subject: 'Fuzz booking',
        start: new Date('2026-03-05T13:00:00Z'),
        end: new Date('2026-03-05T14:00:00Z'),
        attendees: [BOB],
      }),
  }),
  scenario({
    name: 'items.save(changed Message) (UpdateItem)',
    returnsIds: true,
    setup: async (live) => {
      const account = live.account();
      const [ref] = await saveMessages(account, generatedMessages(1, 30));
      return account.items.get(MessageModel, ref!);
    },
    run: (account, original) =>
      account.items.save(MessageModel, { ...original, subject: 'Fuzz: renamed', isRead: true }, { original }),
  }),
  scenario({
    name: 'bulkUpdate(Message × 3, chunks of 2)',
    returnsIds: true,
    setup: (live) => saveMessages(live.account(), generatedMessages(3, 40)),
    run: (account, refs: ItemRef[]) =>
      account.bulkUpdate(
        MessageModel,
        refs.map((item, index) => ({
          item,
          changes: { subject: `Fuzz update ${index}`, importance: 'Low' },
        })),
        { chunkSize: 2, conflictResolution: 'AlwaysOverwrite' },
      ),
  }),
  scenario({
    name: 'items.delete (DeleteItem)',
    setup: async (live) => (await saveMessages(live.account(), generatedMessages(1, 50)))[0]!,
    run: (account, ref: ItemRef) => account.items.delete(ref),
  }),
  scenario({
    name: 'bulkDelete(× 3, chunks of 2)',
    setup: (live) => saveMessages(live.account(), generatedMessages(3, 60)),
    run: (account, refs: ItemRef[]) => account.bulkDelete(refs, { chunkSize: 2 }),
  }),
  scenario({
    name: 'items.move (MoveItem)',
    returnsIds: true,
    setup: async (live) => (await saveMessages(live.account(), generatedMessages(1, 70)))[0]!,
    run: (account, ref: ItemRef) => account.items.move(ref, inbox),
  }),
  scenario({
    name: 'bulkMove(× 3, chunks of 2)',
    returnsIds: true,
    setup: (live) => saveMessages(live.account(), generatedMessages(3, 80)),
    run: (account, refs: ItemRef[]) => account.bulkMove(refs, inbox, { chunkSize: 2 }),
  }),
  scenario({
    name: 'bulkCopy(× 3)',
    returnsIds: true,
    setup: (live) => saveMessages(live.account(), generatedMessages(3, 90)),
    run: (account, refs: ItemRef[]) => account.bulkCopy(refs, inbox),
  }),
  scenario({
    name: 'items.archive (ArchiveItem)',
    returnsIds: true,
    setup: async (live) => (await saveToInbox(live.account(), generatedMessages(1, 100)))[0]!,
    run: (account, ref: ItemRef) => account.items.archive(ref, archiveInbox),
    handMade: { ArchiveItem: archiveItemAnswer(1) },
  }),
  scenario({
    name: 'bulkMarkAsJunk(× 2)',
    setup: (live) => saveToInbox(live.account(), generatedMessages(2, 110)),
    run: (account, refs: ItemRef[]) => account.bulkMarkAsJunk(refs, { isJunk: true, moveItem: true }),
  }),
  scenario({
    name: 'items.send(draft) (SendItem)',
    setup: async (live) =>
      live
        .account()
        .items.save(MessageModel, { ...generatedMessages(1, 120)[0], toRecipients: [{ emailAddress: BOB }] }),
    run: (account, ref: ItemRef) => account.items.send(ref),
  }),
  scenario({
    name: 'items.send(new message) (CreateItem SendAndSaveCopy)',
    run: (account) =>
      account.items.send({ ...generatedMessages(1, 130)[0], toRecipients: [{ emailAddress: BOB }] }),
  }),
  scenario({
    name: 'items.reply (CreateItem ReplyToItem)',
    returnsIds: true,
    setup: async (live) => {
      await live
        .account(BOB)
        .items.send({ subject: 'Fuzz: reply to me', toRecipients: [{ emailAddress: ALICE }] });
      return refOf(await live.account().inbox.filter({ subject: 'Fuzz: reply to me' }).first());
    },
    run: (account, ref: ItemRef) =>
      account.items.reply(
        ref,
        { body: { bodyType: 'Text', value: 'Fuzz reply' } },
        { messageDisposition: 'SaveOnly' },
      ),
  }),
  scenario({
    name: 'items.forward (CreateItem ForwardItem)',
    setup: async (live) => (await saveToInbox(live.account(), generatedMessages(1, 140)))[0]!,
    run: (account, ref: ItemRef) => account.items.forward(ref, { toRecipients: [{ emailAddress: BOB }] }),
  }),
  scenario({
    name: 'items.accept (CreateItem AcceptItem)',
    returnsIds: true,
    setup: (live) => meetingRequestFor(live.account(), live.account(BOB), 'Fuzz: accept me'),
    run: (account, ref: ItemRef) => account.items.accept(ref),
  }),
  scenario({
    name: 'items.decline (CreateItem DeclineItem)',
    returnsIds: true,
    setup: (live) => meetingRequestFor(live.account(), live.account(BOB), 'Fuzz: decline me'),
    run: (account, ref: ItemRef) => account.items.decline(ref),
  }),
  scenario({
    name: 'items.export (ExportItems)',
    setup: (live) => saveMessages(live.account(), generatedMessages(2, 150)),
    run: (account, refs: ItemRef[]) => account.items.export(refs),
  }),
  scenario({
    name: 'items.upload (UploadItems)',
    setup: async (live) => {
      const account = live.account();
      const exported = await account.items.export(await saveMessages(account, generatedMessages(2, 160)));
      const parentFolderId = (await account.drafts.get()).folderId?.id;
      return exported.map((result): UploadItem => {
        if (!result.ok || parentFolderId === undefined) throw new Error('setup: export failed');
        return { parentFolderId, data: result.value.data, createAction: 'CreateNew' };
      });
    },
    run: (account, items: UploadItem[]) => account.items.upload(items),
  }),
];

const recorded = await recordScenarios(SCENARIOS);

it('round trip: every generated item reads back with the values it was created with', () => {
  // The valid answers start from values drawn from the models' field tables: they must arrive
  // unchanged through the client's writer, the test server and the client's reader.
  const written: [string, Record<string, unknown>, readonly string[]][] = [
    ...generatedMessages(3).map((value, index): [string, Record<string, unknown>, readonly string[]] => [
      `items.get(Message) #${index}`,
      value,
      ROUND_TRIP_FIELDS.message,
    ]),
    ...generatedCalendarItems(2).map((value, index): [string, Record<string, unknown>, readonly string[]] => [
      `items.get(CalendarItem) #${index}`,
      value,
      [...ROUND_TRIP_FIELDS.calendar, 'end'],
    ]),
    ['items.get(Contact)', generatedContacts(1)[0]!, ROUND_TRIP_FIELDS.contact],
    ['items.get(Task)', generatedTasks(1)[0]!, ROUND_TRIP_FIELDS.task],
  ];
  for (const [name, value, fields] of written) {
    const read = recorded.find((entry) => entry.scenario.name === name)?.target.baseline as Record<
      string,
      unknown
    >;
    expect(read, name).toBeDefined();
    for (const field of fields) expect(read[field], `${name}.${field}`).toEqual(plain(value[field], codeOf));
  }
});

registerScenarios('items', recorded);
