import { EwsResponseError } from '@ews/core';
import {
  attachedItem,
  CalendarItemModel,
  ContactModel,
  type Message,
  MessageModel,
  TaskModel,
} from '@ews/models';
import type { SnapshotMailbox, TestServerSnapshot } from '@ews/test-server';
import { describe, expect, it } from 'vitest';
import {
  type AccessType,
  type Account,
  ItemQuery,
  type ItemRef,
  type PullSubscription,
} from '../src/index.js';
import { useHarness } from './helpers/harness.js';

// Every write verb of an Account × how the account reaches its mailbox, asserted from the test
// server's own state (snapshot), never from what the client reads back. The account always works on
// Alice's mailbox; Carol is the outside party (recipient, organizer); fixtures are made by Alice
// herself. A write must land in Alice's mailbox, in the folder named below, and leave the signed-in
// user's own mailbox untouched; signed in without rights on Alice's mailbox, it must fail with
// ErrorAccessDenied and change nothing anywhere.

const ALICE = 'alice@contoso.test';
const CAROL = 'carol@contoso.test';
const START = new Date('2026-03-20T10:00:00Z');
const END = new Date('2026-03-20T11:00:00Z');

interface Row {
  readonly name: string;
  readonly signedIn: string;
  readonly accessType: AccessType;
  readonly allowed: boolean;
}

const ROWS: readonly Row[] = [
  { name: 'owner', signedIn: ALICE, accessType: 'delegate', allowed: true },
  { name: 'delegate', signedIn: 'grace@contoso.test', accessType: 'delegate', allowed: true },
  { name: 'impersonation', signedIn: 'ews.service@contoso.test', accessType: 'impersonation', allowed: true },
  { name: 'delegate without rights', signedIn: 'bob@contoso.test', accessType: 'delegate', allowed: false },
];

let owner: Account;
const harness = useHarness((started) => {
  owner = started.account(ALICE);
});

/** `local/folder/kind` of every item whose subject holds `tag`, in every mailbox. */
function where(snapshot: TestServerSnapshot, tag: string): string[] {
  return snapshot.mailboxes
    .flatMap((box) =>
      box.items
        .filter((item) => item.subject.includes(tag))
        .map((item) => `${box.address.split('@')[0]}/${folderName(box, item.parentFolderId)}/${item.kind}`),
    )
    .sort();
}

function folderName(box: SnapshotMailbox, folderId: string): string {
  const folder = box.folders.find((f) => f.id === folderId);
  return folder?.distinguishedId ?? folder?.displayName ?? '?';
}

/** Everything a write could change in one mailbox: items and where they are, folders, rules, OOF. */
function fingerprint(box: SnapshotMailbox): string {
  return JSON.stringify({
    items: box.items.map((i) => `${i.id}:${i.changeKey}:${i.parentFolderId}:${i.attachments.length}`).sort(),
    folders: box.folders.map((f) => `${f.id}:${f.parentId}:${f.displayName}`).sort(),
    rules: box.inboxRules.map((r) => r.displayName),
    oof: box.oof,
  });
}

const message = (subject: string): Message => ({
  subject,
  body: { bodyType: 'Text', value: 'Hi' },
  toRecipients: [{ emailAddress: CAROL }],
});

/** Fixtures, made by Alice in her own mailbox (or by Carol, inviting her). */
const fixtures = {
  async draft(tag: string): Promise<ItemRef> {
    return owner.items.save(MessageModel, message(`${tag} draft`), { folder: owner.drafts.ref });
  },
  async inboxMessage(tag: string): Promise<ItemRef> {
    const draft = await fixtures.draft(tag);
    const moved = await owner.items.move(draft, owner.inbox.ref);
    if (moved === undefined) throw new Error('no id for the moved fixture');
    return moved;
  },
  /** Carol invites Alice: the meeting request in Alice's inbox. */
  async meetingRequest(tag: string): Promise<ItemRef> {
    const carol = harness.account(CAROL);
    await carol.calendar.create(
      [
        {
          subject: `${tag} meeting`,
          start: START,
          end: END,
          requiredAttendees: [{ mailbox: { emailAddress: ALICE } }],
        },
      ],
      { sendMeetingInvitations: 'SendToAllAndSaveCopy' },
    );
    const box = harness.server.snapshot().mailbox(ALICE);
    const request = box.items.find((i) => i.kind === 'MeetingRequest' && i.subject === `${tag} meeting`);
    if (request === undefined) throw new Error('the invitation did not arrive');
    return { id: request.id, changeKey: request.changeKey };
  },
  /** A meeting Alice organizes, Carol invited. */
  async organizedMeeting(tag: string): Promise<ItemRef> {
    return owner.createCalendarItem(
      {
        subject: `${tag} meeting`,
        start: START,
        end: END,
        requiredAttendees: [{ mailbox: { emailAddress: CAROL } }],
      },
      { sendMeetingInvitations: 'SendToAllAndSaveCopy' },
    );
  },
  async folder(tag: string): Promise<string> {
    const made = await owner.msgFolderRoot.createFolder(`${tag} folder`);
    if (!('id' in made.ref)) throw new Error('a new folder comes back by id');
    return made.ref.id;
  },
};

/** Throws the first failed entry of a bulk answer, so every verb fails the same way. */
function settle<T>(results: readonly ({ ok: true; value: T } | { ok: false; error: Error })[]): T[] {
  return results.map((result) => {
    if (!result.ok) throw result.error;
    return result.value;
  });
}

let bookings = 0;

interface Verb {
  readonly name: string;
  /** Makes what the verb needs (as Alice), before the "before" snapshot. */
  readonly setup?: (tag: string) => Promise<unknown>;
  readonly run: (account: Account, tag: string, fixture: never) => Promise<unknown>;
  /** Where the result must be (in `where` form), or a check of Alice's mailbox. */
  readonly lands: readonly string[] | ((alice: SnapshotMailbox, tag: string) => void);
}

const verb = <F>(v: {
  name: string;
  setup?: (tag: string) => Promise<F>;
  run: (account: Account, tag: string, fixture: F) => Promise<unknown>;
  lands: readonly string[] | ((alice: SnapshotMailbox, tag: string) => void);
}): Verb => v as unknown as Verb;

const VERBS: readonly Verb[] = [
  verb({
    name: 'save a new calendar item without a folder',
    run: (a, tag) => a.items.save(CalendarItemModel, { subject: tag, start: START, end: END }),
    lands: ['alice/calendar/CalendarItem'],
  }),
  verb({
    name: 'save a new message without a folder',
    run: (a, tag) => a.items.save(MessageModel, message(tag)),
    lands: ['alice/drafts/Message'],
  }),
  verb({
    name: 'save a new contact without a folder',
    run: (a, tag) => a.items.save(ContactModel, { displayName: tag, givenName: tag }),
    lands: ['alice/contacts/Contact'],
  }),
  verb({
    name: 'save a new task without a folder',
    run: (a, tag) => a.items.save(TaskModel, { subject: tag }),
    lands: ['alice/tasks/Task'],
  }),
  verb({
    name: 'bulkCreate calendar items without a folder',
    run: async (a, tag) =>
      settle(await a.bulkCreate(CalendarItemModel, [{ subject: tag, start: START, end: END }])),
    lands: ['alice/calendar/CalendarItem'],
  }),
  verb({
    name: 'createCalendarItem',
    run: (a, tag) => a.createCalendarItem({ subject: tag, start: START, end: END }),
    lands: ['alice/calendar/CalendarItem'],
  }),
  verb({
    name: 'bookRoom',
    run: (a, tag) => {
      // Each row books its own hour: the room declines a second booking of the same slot.
      bookings += 1;
      const start = new Date(START.getTime() + 3_600_000 * bookings);
      return a.bookRoom({
        room: 'room.tokyo@contoso.test',
        subject: tag,
        start,
        end: new Date(start.getTime() + 3_600_000),
      });
    },
    lands: (_alice, tag) =>
      expect(where(harness.server.snapshot(), tag)).toEqual(
        expect.arrayContaining(['alice/calendar/CalendarItem', 'room.tokyo/calendar/CalendarItem']),
      ),
  }),
  verb({
    name: 'create in a folder handle',
    run: async (a, tag) => settle(await a.tasks.create([{ subject: tag }])),
    lands: ['alice/tasks/Task'],
  }),
  verb({
    name: 'send a new message (a copy kept)',
    run: (a, tag) => a.items.send(message(tag)),
    lands: ['alice/sentitems/Message', 'carol/inbox/Message'],
  }),
  verb({
    name: 'send a new message without a copy',
    run: (a, tag) => a.items.send(message(tag), { saveCopy: false }),
    lands: (_alice, tag) => {
      expect(where(harness.server.snapshot(), tag)).toEqual(['carol/inbox/Message']);
      const delivered = harness.server
        .snapshot()
        .mailbox(CAROL)
        .items.find((i) => i.subject === tag);
      expect(delivered?.message?.from?.address).toBe(ALICE);
    },
  }),
  verb({
    name: 'sendAndSave a new message',
    run: (a, tag) => a.items.sendAndSave(message(tag)),
    lands: ['alice/sentitems/Message', 'carol/inbox/Message'],
  }),
  verb({
    name: 'send a saved draft by id',
    setup: (tag) => fixtures.draft(tag),
    run: (a, _tag, draft: ItemRef) => a.items.send(draft),
    lands: ['alice/sentitems/Message', 'carol/inbox/Message'],
  }),
  verb({
    name: 'bulkSend drafts',
    setup: (tag) => fixtures.draft(tag),
    run: async (a, _tag, draft: ItemRef) => settle(await a.bulkSend([draft])),
    lands: ['alice/sentitems/Message', 'carol/inbox/Message'],
  }),
  verb({
    name: 'save an existing draft with SendAndSaveCopy',
    setup: (tag) => fixtures.draft(tag),
    run: (a, tag, draft: ItemRef) =>
      a.items.save(
        MessageModel,
        { ...message(`${tag} sent`), itemId: { id: draft.id, changeKey: draft.changeKey ?? '' } },
        { updateFields: ['subject'], messageDisposition: 'SendAndSaveCopy' },
      ),
    lands: ['alice/sentitems/Message', 'carol/inbox/Message'],
  }),
  verb({
    name: 'bulkUpdate drafts with SendAndSaveCopy',
    setup: (tag) => fixtures.draft(tag),
    run: async (a, tag, draft: ItemRef) =>
      settle(
        await a.bulkUpdate(MessageModel, [{ item: draft, changes: { subject: `${tag} sent` } }], {
          messageDisposition: 'SendAndSaveCopy',
        }),
      ),
    lands: ['alice/sentitems/Message', 'carol/inbox/Message'],
  }),
  verb({
    name: 'reply',
    setup: (tag) => fixtures.inboxMessage(tag),
    run: (a, tag, original: ItemRef) => a.items.reply(original, { subject: `${tag} reply` }),
    lands: (_alice, tag) =>
      expect(where(harness.server.snapshot(), `${tag} reply`)).toContain('alice/sentitems/Message'),
  }),
  verb({
    name: 'replyAll',
    setup: (tag) => fixtures.inboxMessage(tag),
    run: (a, tag, original: ItemRef) => a.items.replyAll(original, { subject: `${tag} reply` }),
    lands: (_alice, tag) =>
      expect(where(harness.server.snapshot(), `${tag} reply`)).toContain('alice/sentitems/Message'),
  }),
  verb({
    name: 'forward',
    setup: (tag) => fixtures.inboxMessage(tag),
    run: (a, tag, original: ItemRef) =>
      a.items.forward(original, { subject: `${tag} fwd`, toRecipients: [{ emailAddress: CAROL }] }),
    lands: (_alice, tag) =>
      expect(where(harness.server.snapshot(), `${tag} fwd`)).toEqual([
        'alice/sentitems/Message',
        'carol/inbox/Message',
      ]),
  }),
  verb({
    name: 'reply saved as a draft (SaveOnly)',
    setup: (tag) => fixtures.inboxMessage(tag),
    run: (a, tag, original: ItemRef) =>
      a.items.reply(original, { subject: `${tag} reply` }, { messageDisposition: 'SaveOnly' }),
    lands: (_alice, tag) =>
      expect(where(harness.server.snapshot(), `${tag} reply`)).toEqual(['alice/drafts/Message']),
  }),
  ...(['accept', 'tentativelyAccept', 'decline'] as const).map((answer) =>
    verb({
      name: answer,
      setup: (tag) => fixtures.meetingRequest(tag),
      run: (a, _tag, request: ItemRef) => a.items[answer](request),
      lands: (alice, tag) => {
        expect(where(harness.server.snapshot(), tag)).toContain('alice/sentitems/MeetingResponse');
        expect(alice.items.some((i) => i.kind === 'MeetingResponse' && i.subject.includes(tag))).toBe(true);
      },
    }),
  ),
  verb({
    name: 'propose a new time (tentativelyAccept with ProposedStart/End)',
    setup: (tag) => fixtures.meetingRequest(tag),
    run: (a, _tag, request: ItemRef) =>
      a.items.tentativelyAccept(request, {
        proposedStart: new Date('2026-03-20T14:00:00Z'),
        proposedEnd: new Date('2026-03-20T15:00:00Z'),
      }),
    lands: (_alice, tag) =>
      expect(where(harness.server.snapshot(), tag)).toContain('alice/sentitems/MeetingResponse'),
  }),
  verb({
    name: 'cancel a meeting',
    setup: (tag) => fixtures.organizedMeeting(tag),
    run: (a, _tag, meeting: ItemRef) => a.items.cancel(meeting),
    lands: (_alice, tag) => {
      const places = where(harness.server.snapshot(), tag);
      expect(places).toContain('alice/sentitems/MeetingCancellation');
      expect(places).toContain('alice/deleteditems/CalendarItem');
    },
  }),
  verb({
    name: 'move to a distinguished folder given without a mailbox',
    setup: (tag) => fixtures.draft(tag),
    run: (a, _tag, draft: ItemRef) => a.items.move(draft, { distinguishedId: 'inbox' }),
    lands: ['alice/inbox/Message'],
  }),
  verb({
    name: 'copy to a distinguished folder given without a mailbox',
    setup: (tag) => fixtures.draft(tag),
    run: (a, _tag, draft: ItemRef) => a.items.copy(draft, { distinguishedId: 'deleteditems' }),
    lands: ['alice/deleteditems/Message', 'alice/drafts/Message'],
  }),
  verb({
    name: 'bulkMove to a distinguished folder given without a mailbox',
    setup: (tag) => fixtures.draft(tag),
    run: async (a, _tag, draft: ItemRef) =>
      settle(await a.bulkMove([draft], { distinguishedId: 'junkemail' })),
    lands: ['alice/junkemail/Message'],
  }),
  verb({
    name: 'a query’s move to a distinguished folder given without a mailbox',
    setup: (tag) => fixtures.draft(tag),
    run: async (a, tag) =>
      settle(await a.drafts.filter({ subject: `${tag} draft` }).move({ distinguishedId: 'inbox' })),
    lands: ['alice/inbox/Message'],
  }),
  verb({
    name: 'markAsJunk',
    setup: (tag) => fixtures.inboxMessage(tag),
    run: (a, _tag, item: ItemRef) => a.items.markAsJunk(item),
    lands: ['alice/junkemail/Message'],
  }),
  verb({
    name: 'moveToTrash',
    setup: (tag) => fixtures.draft(tag),
    run: (a, _tag, draft: ItemRef) => a.items.moveToTrash(draft),
    lands: ['alice/deleteditems/Message'],
  }),
  verb({
    name: 'createFolder under a handle',
    run: (a, tag) => a.msgFolderRoot.createFolder(tag),
    lands: (alice, tag) =>
      expect(
        alice.folders.filter((f) => f.displayName === tag).map((f) => folderName(alice, f.parentId ?? '')),
      ).toEqual(['msgfolderroot']),
  }),
  verb({
    name: 'move a folder to a distinguished folder given without a mailbox',
    setup: (tag) => fixtures.folder(tag),
    run: (a, _tag, id: string) => a.folderById(id).move({ distinguishedId: 'inbox' }),
    lands: (alice, tag) =>
      expect(
        alice.folders
          .filter((f) => f.displayName === `${tag} folder`)
          .map((f) => folderName(alice, f.parentId ?? '')),
      ).toEqual(['inbox']),
  }),
  verb({
    name: 'copy a folder to a distinguished folder given without a mailbox',
    setup: (tag) => fixtures.folder(tag),
    run: (a, _tag, id: string) => a.folderById(id).copy({ distinguishedId: 'inbox' }),
    lands: (alice, tag) =>
      expect(
        alice.folders
          .filter((f) => f.displayName === `${tag} folder`)
          .map((f) => folderName(alice, f.parentId ?? ''))
          .sort(),
      ).toEqual(['inbox', 'msgfolderroot']),
  }),
  verb({
    name: 'attach a file',
    setup: (tag) => fixtures.draft(tag),
    run: (a, _tag, draft: ItemRef) =>
      a.attachments.addFile(draft, { name: 'a.txt', content: new TextEncoder().encode('hello') }),
    lands: (alice, tag) =>
      expect(alice.items.find((i) => i.subject === `${tag} draft`)?.attachments.map((x) => x.name)).toEqual([
        'a.txt',
      ]),
  }),
  verb({
    name: 'attach an item',
    setup: (tag) => fixtures.draft(tag),
    run: (a, tag, draft: ItemRef) =>
      a.attachments.addItem(draft, {
        name: 'note',
        item: attachedItem(MessageModel, { subject: `${tag} inner` }, { version: a.version }),
      }),
    lands: (alice, tag) =>
      expect(alice.items.find((i) => i.subject === `${tag} draft`)?.attachments.map((x) => x.name)).toEqual([
        'note',
      ]),
  }),
  verb({
    name: 'upload an exported item',
    setup: async (tag) => {
      const [exported] = settle(await owner.items.export([await fixtures.draft(tag)]));
      return exported?.data ?? '';
    },
    run: async (a, _tag, data: string) => {
      const drafts = harness.server.snapshot().mailbox(ALICE).folder('drafts').id;
      return settle(await a.items.upload([{ parentFolderId: drafts, data }]));
    },
    lands: (_alice, tag) =>
      expect(where(harness.server.snapshot(), tag)).toEqual(['alice/drafts/Message', 'alice/drafts/Message']),
  }),
  verb({
    name: 'createInboxRule',
    run: (a, tag) =>
      a.createInboxRule({ displayName: tag, priority: 1, isEnabled: true, actions: { markAsRead: true } }),
    lands: (alice, tag) => expect(alice.inboxRules.map((r) => r.displayName)).toContain(tag),
  }),
  verb({
    name: 'createInboxRule moving to a distinguished folder given without a mailbox',
    run: (a, tag) =>
      a.createInboxRule({
        displayName: tag,
        priority: 1,
        isEnabled: true,
        actions: { moveToFolder: { distinguishedId: 'junkemail' } },
      }),
    // Before, the folder went out without a mailbox: the delegate's own Junk Email, which a rule
    // in Alice's mailbox cannot use (the server refused the rule).
    lands: (alice, tag) =>
      expect(alice.inboxRules.find((r) => r.displayName === tag)?.moveToFolderId).toBe(
        alice.folders.find((f) => f.distinguishedId === 'junkemail')?.id,
      ),
  }),
  verb({
    name: 'createInboxRule copying to a folder handle',
    run: (a, tag) =>
      a.createInboxRule({
        displayName: tag,
        priority: 1,
        isEnabled: true,
        actions: { copyToFolder: a.inbox.ref },
      }),
    lands: (alice, tag) =>
      expect(alice.inboxRules.find((r) => r.displayName === tag)?.copyToFolderId).toBe(
        alice.folders.find((f) => f.distinguishedId === 'inbox')?.id,
      ),
  }),
  verb({
    name: 'deleteInboxRule',
    setup: async (tag) =>
      (
        await owner.createInboxRule({
          displayName: `${tag} rule`,
          priority: 1,
          isEnabled: true,
          actions: { markAsRead: true },
        })
      ).id ?? '',
    run: (a, _tag, id: string) => a.deleteInboxRule(id),
    lands: (alice, tag) => expect(alice.inboxRules.map((r) => r.displayName)).not.toContain(`${tag} rule`),
  }),
  verb({
    name: 'setOofSettings',
    run: (a, tag) =>
      a.setOofSettings({ state: 'Enabled', externalAudience: 'All', internalReply: tag, externalReply: tag }),
    lands: (alice, tag) => expect(alice.oof.internalReply).toBe(tag),
  }),
];

const accounts = new Map<Row, Account>();
/** One account per row, signed in as the row's user, working on Alice's mailbox. */
function accountFor(row: Row): Account {
  let account = accounts.get(row);
  if (account === undefined) {
    account = harness.account(row.signedIn, ALICE, row.accessType);
    accounts.set(row, account);
  }
  return account;
}

describe.each(ROWS)('every write names its mailbox: $name', (row) => {
  it.each(VERBS.map((v) => [v.name, v] as const))('%s', async (_name, v) => {
    const tag = `[${row.name}: ${v.name}]`;
    const fixture = await v.setup?.(tag);
    const before = harness.server.snapshot();
    const account = accountFor(row);
    const run = v.run(account, tag, fixture as never);
    if (!row.allowed) {
      await expect(run).rejects.toBeInstanceOf(EwsResponseError);
      await expect(run).rejects.toMatchObject({ responseCode: 'ErrorAccessDenied' });
      const after = harness.server.snapshot();
      for (const box of after.mailboxes) {
        expect(fingerprint(box), box.address).toBe(fingerprint(before.mailbox(box.address)));
      }
      return;
    }
    await run;
    const after = harness.server.snapshot();
    // A list is every place the tagged items are in afterwards, fixtures included: nothing elsewhere.
    if (typeof v.lands === 'function') v.lands(after.mailbox(ALICE), tag);
    else expect(where(after, tag)).toEqual([...v.lands].sort());
    if (row.signedIn !== ALICE) {
      expect(fingerprint(after.mailbox(row.signedIn)), `${row.signedIn}'s own mailbox`).toBe(
        fingerprint(before.mailbox(row.signedIn)),
      );
    }
  });
});

describe('archive names the mailbox of its archive folder', () => {
  it.each(ROWS.filter((row) => row.allowed))('$name', async (row) => {
    const draft = await fixtures.draft(`[archive ${row.name}]`);
    const account = accountFor(row);
    // The demo mailboxes have no archive: the server refuses, but the request must name Alice's.
    await expect(account.items.archive(draft, { distinguishedId: 'archiveinbox' })).rejects.toMatchObject({
      responseCode: 'ErrorArchiveMailboxNotEnabled',
    });
    const sent = harness.recorder.documents.filter((doc) => doc.includes('<m:ArchiveItem>')).at(-1) ?? '';
    expect(sent).toContain(
      `<m:ArchiveSourceFolderId><t:DistinguishedFolderId Id="archiveinbox"><t:Mailbox><t:EmailAddress>${ALICE}</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId></m:ArchiveSourceFolderId>`,
    );
  });
});

/**
 * Subscriptions: Exchange subscribes only as the mailbox itself (its owner, or by impersonation) and
 * refuses delegate access (ErrorSubscriptionDelegateAccessNotSupported). Before, a folder given
 * without a mailbox (`notifications.subscribeToPull({ folders: [{ distinguishedId: 'inbox' }] })`,
 * an ItemQuery's bare refs) went out without one: under delegate access that silently watched the
 * signed-in user's own inbox. Where each subscription is is read from the server's behaviour: a
 * message arriving in Alice's inbox must be reported to it.
 */
const SUBSCRIPTIONS: Readonly<Record<string, (a: Account) => Promise<PullSubscription>>> = {
  'a folder handle': (a) => a.inbox.subscribeToPull(),
  'notifications with a distinguished folder given without a mailbox': (a) =>
    a.notifications.subscribeToPull({ folders: [{ distinguishedId: 'inbox' }] }),
};

describe.each(ROWS)('subscriptions name the mailbox: $name', (row) => {
  it.each(Object.entries(SUBSCRIPTIONS))('%s', async (name, subscribe) => {
    const account = accountFor(row);
    const run = subscribe(account);
    if (row.name === 'delegate' || !row.allowed) {
      await expect(run).rejects.toBeInstanceOf(EwsResponseError);
      await expect(run).rejects.toMatchObject({
        responseCode: row.allowed ? 'ErrorSubscriptionDelegateAccessNotSupported' : 'ErrorAccessDenied',
      });
      return;
    }
    const subscription = await run;
    const arrived = await fixtures.inboxMessage(`[${row.name}: subscription via ${name}]`);
    const inbox = harness.server.snapshot().mailbox(ALICE).folder('inbox').id;
    const notification = await subscription.getEvents();
    expect(
      notification.events.some(
        (event) => event.itemId?.id === arrived.id && event.parentFolderId?.id === inbox,
      ),
    ).toBe(true);
    await subscription.unsubscribe();
  });
});

describe('a query over bare folder refs names the account’s mailbox', () => {
  it.each(ROWS.filter((row) => row.allowed))('$name', async (row) => {
    const tag = `[${row.name}: bare query]`;
    const arrived = await fixtures.inboxMessage(tag);
    const query = new ItemQuery(accountFor(row), [{ distinguishedId: 'inbox' }], MessageModel);
    const found = await query.filter({ subject: `${tag} draft` }).toArray();
    expect(found.map((item) => item.itemId?.id)).toEqual([arrived.id]);
  });
});

// The class, on the wire: every write any Account sent in this file (the matrix, its fixtures)
// names the mailbox of each distinguished folder, and every CreateItem that keeps something says where.
const WRITE_OPERATIONS = [
  'CreateItem',
  'SendItem',
  'UpdateItem',
  'MoveItem',
  'CopyItem',
  'ArchiveItem',
  'CreateFolder',
  'MoveFolder',
  'CopyFolder',
  'DeleteFolder',
  'EmptyFolder',
  'UpdateFolder',
  'UpdateInboxRules',
  'Subscribe',
];

describe('the wire of every write in this file', () => {
  it('names the mailbox of each distinguished folder; CreateItem always says where it keeps the item', () => {
    const writes = harness.recorder.documents.filter((doc) =>
      WRITE_OPERATIONS.some((operation) => doc.includes(`<m:${operation}`)),
    );
    expect(writes.length).toBeGreaterThan(200);
    const mailboxless = /<t:DistinguishedFolderId Id="(?!publicfoldersroot")[^"]*"\s*\/>/;
    expect(writes.filter((doc) => mailboxless.test(doc))).toEqual([]);
    const createItems = writes.filter((doc) => doc.includes('<m:CreateItem'));
    expect(
      createItems.filter(
        (doc) => !doc.includes('<m:SavedItemFolderId>') && !doc.includes('MessageDisposition="SendOnly"'),
      ),
    ).toEqual([]);
  });
});
