import { isResponseError } from '@ews/core';
import { ItemModel, MessageModel } from '@ews/models';
import { describe, expect, it } from 'vitest';
import type { Account, FolderHandle, FolderRef } from '../src/index.js';
import { useHarness } from './helpers/harness.js';
import { mailboxState } from './helpers/server-state.js';

let alice: Account;

const ALICE = 'alice@contoso.test';

const harness = useHarness((started) => {
  alice = started.account(ALICE);
});

const idOf = (handle: { readonly ref: FolderRef }): string => ('id' in handle.ref ? handle.ref.id : '');

/** The operations and request bodies `run` sent. */
async function sentBy(run: () => Promise<unknown>): Promise<{ operations: string[]; bodies: string[] }> {
  const operations = harness.operations.length;
  const documents = harness.recorder.documents.length;
  await run();
  return {
    operations: harness.operations.slice(operations),
    bodies: harness.recorder.documents.slice(documents),
  };
}

/** A new mail folder below the message root holding messages with these subjects. */
async function folderWith(
  name: string,
  subjects: readonly string[],
): Promise<FolderHandle<typeof MessageModel>> {
  const folder = await alice.msgFolderRoot.createFolder(name);
  const created = await folder.create(subjects.map((subject) => ({ subject })));
  expect(created.every((result) => result.ok)).toBe(true);
  return folder;
}

describe('ordering and slicing', () => {
  it('reverse() flips every sort key; it needs an orderBy first', async () => {
    const ascending = await alice.inbox
      .orderBy('subject', '-dateTimeReceived')
      .valuesList('subject', { flat: true })
      .toArray();
    const descending = await alice.inbox
      .orderBy('subject', '-dateTimeReceived')
      .reverse()
      .valuesList('subject', { flat: true })
      .toArray();
    expect(ascending).toHaveLength(12);
    expect(descending).toEqual([...ascending].reverse());
    const twice = await alice.inbox
      .orderBy('subject')
      .reverse()
      .reverse()
      .valuesList('subject', { flat: true })
      .toArray();
    expect(twice).toEqual([...ascending].sort((a, b) => (a ?? '').localeCompare(b ?? '')));
    const { bodies } = await sentBy(() => alice.inbox.orderBy('-subject').reverse().first());
    expect(bodies[0]).toContain('<t:FieldOrder Order="Ascending"><t:FieldURI FieldURI="item:Subject"/>');
    expect(() => alice.inbox.all().reverse()).toThrow(/orderBy/);
  });

  it('all() copies, slice(start, end) is offset + limit, and both page on the server', async () => {
    const all = await alice.inbox.orderBy('dateTimeReceived').valuesList('subject', { flat: true }).toArray();
    const query = alice.inbox.orderBy('dateTimeReceived');
    expect(query.all()).not.toBe(query);
    expect(await query.slice(3, 7).valuesList('subject', { flat: true }).toArray()).toEqual(all.slice(3, 7));
    expect(await query.slice(10).valuesList('subject', { flat: true }).toArray()).toEqual(all.slice(10));
    expect(await query.slice(5, 5).toArray()).toEqual([]);
    expect(await query.slice(2, 9).count()).toBe(7);
    const { bodies } = await sentBy(() => query.slice(3, 7).pageSize(2).toArray());
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toContain('MaxEntriesReturned="2" Offset="3"');
    expect(bodies[1]).toContain('MaxEntriesReturned="2" Offset="5"');
  });

  it('none() matches nothing and sends nothing', async () => {
    const { operations } = await sentBy(async () => {
      expect(await alice.inbox.none().toArray()).toEqual([]);
      expect(await alice.inbox.filter({ isRead: false }).none().count()).toBe(0);
      expect(await alice.inbox.none().first()).toBeUndefined();
      expect(await alice.inbox.none().exists()).toBe(false);
      expect(await alice.inbox.none().delete()).toEqual([]);
    });
    expect(operations).toEqual([]);
  });
});

describe('values and valuesList', () => {
  it('values() yields plain objects with exactly the named fields, from one FindItem', async () => {
    const state = await mailboxState(harness.server, ALICE);
    const inboxItems = state.itemsIn(state.folder('inbox').id);
    let rows: { readonly subject: string | undefined; readonly isRead: boolean | undefined }[] = [];
    const { operations, bodies } = await sentBy(async () => {
      rows = await alice.inbox.all().values('subject', 'isRead').toArray();
    });
    expect(operations).toEqual(['FindItem']);
    expect(bodies[0]).toContain('<t:FieldURI FieldURI="message:IsRead"/>');
    expect(rows).toHaveLength(inboxItems.length);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['isRead', 'subject']);
    expect(rows.map((row) => `${row.subject}|${row.isRead}`).sort()).toEqual(
      inboxItems.map((item) => `${item.subject}|${item.message?.isRead}`).sort(),
    );
  });

  it('values() with a field FindItem cannot return goes through GetItem, as only() does', async () => {
    let rows: readonly { readonly body: unknown }[] = [];
    const { operations } = await sentBy(async () => {
      rows = await alice.inbox.all().values('body').limit(3).toArray();
    });
    expect(operations).toEqual(['FindItem', 'GetItem']);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(Object.keys(row)).toEqual(['body']);
  });

  it('valuesList() yields tuples, or single values with { flat: true }', async () => {
    const items = await alice.inbox.orderBy('subject').toArray();
    const tuples = await alice.inbox.orderBy('subject').valuesList('subject', 'isRead').toArray();
    expect(tuples).toEqual(items.map((item) => [item.subject, item.isRead]));
    const flat = await alice.inbox.orderBy('subject').valuesList('isRead', { flat: true }).toArray();
    expect(flat).toEqual(items.map((item) => item.isRead));
    // Chaining after values keeps the rows.
    const first = await alice.inbox.all().valuesList('subject').orderBy('subject').first();
    expect(first).toEqual([items[0]?.subject]);
    // @ts-expect-error: flat takes exactly one field
    expect(() => alice.inbox.all().valuesList('subject', 'isRead', { flat: true })).toThrow(
      /exactly one field/,
    );
    expect(() => alice.inbox.all().values()).toThrow(/at least one field/);
  });
});

describe('get()', () => {
  it('returns the one matching item, asking for at most two', async () => {
    const [sample] = await alice.inbox.orderBy('subject').toArray();
    const subject = sample?.subject ?? '';
    const same = await alice.inbox.filter({ subject }).count();
    expect(same).toBe(1);
    let found: unknown;
    const { bodies } = await sentBy(async () => {
      found = await alice.inbox.all().get({ subject });
    });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain('MaxEntriesReturned="2"');
    expect(found).toMatchObject({ subject, itemId: { id: sample?.itemId?.id } });
    expect(await alice.inbox.filter({ subject }).valuesList('subject', { flat: true }).get()).toBe(subject);
  });

  it('throws EWS_DOES_NOT_EXIST for none and EWS_MULTIPLE_OBJECTS for several', async () => {
    await expect(alice.inbox.all().get({ subject: 'there is no such subject' })).rejects.toMatchObject({
      code: 'EWS_DOES_NOT_EXIST',
      name: 'EwsDoesNotExistError',
    });
    await expect(alice.inbox.all().get()).rejects.toMatchObject({
      code: 'EWS_MULTIPLE_OBJECTS',
      name: 'EwsMultipleObjectsError',
    });
  });
});

describe('folder collections', () => {
  it('queries several folders with one FindItem per page and finds what each holds', async () => {
    const extra = await folderWith('Collection A', ['c1', 'c2', 'c3', 'c4', 'c5']);
    const state = await mailboxState(harness.server, ALICE);
    const expected = [...state.itemsIn(state.folder('inbox').id), ...state.itemsIn(idOf(extra))].map(
      (item) => item.id,
    );
    const both = alice.folders([alice.inbox, extra]);
    expect(both.model).toBe(MessageModel);
    let ids: string[] = [];
    const { operations, bodies } = await sentBy(async () => {
      ids = (await both.all().pageSize(4).toArray()).map((item) => item.itemId?.id ?? '');
    });
    expect(ids.sort()).toEqual([...expected].sort());
    // Inbox (12) and the new folder (5) in pages of 4: 3 calls; the small folder is done after 2.
    expect(operations).toEqual(['FindItem', 'FindItem', 'FindItem']);
    expect(bodies[0]?.match(/<t:(Distinguished)?FolderId /g)).toHaveLength(2);
    expect(bodies[1]?.match(/<t:(Distinguished)?FolderId /g)).toHaveLength(2);
    expect(bodies[2]?.match(/<t:(Distinguished)?FolderId /g)).toHaveLength(1);
    expect(bodies[2]).toContain(`Offset="8"`);
    expect(await both.all().count()).toBe(expected.length);
    expect(
      await both
        .filter({ subject: { startsWith: 'c' } })
        .valuesList('subject', { flat: true })
        .toArray(),
    ).toEqual(expect.arrayContaining(['c1', 'c2', 'c3', 'c4', 'c5']));
    const folders = await both.get();
    expect(folders.map((folder) => folder.totalCount)).toEqual([12, 5]);
  });

  it('reads folders of different kinds with the base Item model, or the model given', async () => {
    const mixed = alice.folders([alice.inbox, alice.calendar, alice.tasks]);
    expect(mixed.model).toBe(ItemModel);
    const state = await mailboxState(harness.server, ALICE);
    const expected = ['inbox', 'calendar', 'tasks'].reduce(
      (sum, id) => sum + state.itemsIn(state.folder(id).id).length,
      0,
    );
    expect(await mixed.all().count()).toBe(expected);
    const subjects = await mixed.all().valuesList('subject', { flat: true }).toArray();
    expect(subjects).toHaveLength(expected);
    const byRef = alice.folders(
      [alice.inbox.ref, { distinguishedId: 'sentitems', mailbox: ALICE }],
      MessageModel,
    );
    expect(byRef.model).toBe(MessageModel);
    expect(await byRef.filter({ isRead: false }).count()).toBe(
      state.itemsIn(state.folder('inbox').id).filter((item) => item.message?.isRead === false).length +
        state.itemsIn(state.folder('sentitems').id).filter((item) => item.message?.isRead === false).length,
    );
  });

  it('applies offset and limit to the sequence of pages, each folder by folder', async () => {
    const a = await folderWith('Collection B', ['b1', 'b2', 'b3']);
    const b = await folderWith('Collection C', ['b4', 'b5', 'b6', 'b7']);
    const both = alice.folders([a, b]).orderBy('subject');
    const everything = await both.valuesList('subject', { flat: true }).toArray();
    expect(everything).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7']);
    expect(await both.offset(2).limit(3).valuesList('subject', { flat: true }).toArray()).toEqual([
      'b3',
      'b4',
      'b5',
    ]);
    // In pages of 2 the sequence is b1 b2 | b4 b5 | b3 | b6 b7: Exchange pages each folder on its own.
    expect(await both.pageSize(2).valuesList('subject', { flat: true }).toArray()).toEqual([
      'b1',
      'b2',
      'b4',
      'b5',
      'b3',
      'b6',
      'b7',
    ]);
    expect(await both.offset(2).limit(3).pageSize(2).valuesList('subject', { flat: true }).toArray()).toEqual(
      ['b4', 'b5', 'b3'],
    );
    expect(await both.offset(5).count()).toBe(2);
  });
});

describe('traversal', () => {
  it('sends the traversal asked for', async () => {
    const { bodies } = await sentBy(async () => {
      expect(await alice.inbox.all().traversal('Associated').toArray()).toEqual([]);
      expect(await alice.inbox.all().traversal('SoftDeleted').count()).toBe(0);
    });
    expect(bodies[0]).toContain('<m:FindItem Traversal="Associated">');
    expect(bodies[1]).toContain('<m:FindItem Traversal="SoftDeleted">');
    expect(await alice.inbox.all().count()).toBe(12);
  });
});

describe('bulk verbs on a query', () => {
  it('delete() collects every id first, so paging does not skip items, and reports per item', async () => {
    const folder = await folderWith('Delete Me', ['d1', 'd2', 'd3', 'd4', 'd5', 'keep']);
    const results = await folder
      .filter({ subject: { startsWith: 'd' } })
      .pageSize(2)
      .delete({ chunkSize: 2 });
    expect(results).toHaveLength(5);
    expect(results.every((result) => result.ok)).toBe(true);
    const state = await mailboxState(harness.server, ALICE);
    expect(state.itemsIn(idOf(folder)).map((item) => item.subject)).toEqual(['keep']);
    // Default MoveToDeletedItems, as exchangelib's bulk_delete.
    const trash = state.itemsIn(state.folder('deleteditems').id).map((item) => item.subject);
    expect(trash).toEqual(expect.arrayContaining(['d1', 'd2', 'd3', 'd4', 'd5']));
  });

  it('move() and copy() put the items in the target and return their new ids in query order', async () => {
    const source = await folderWith('Move Source', ['m1', 'm2', 'm3']);
    const target = await alice.msgFolderRoot.createFolder('Move Target');
    const copies = await source.orderBy('subject').copy(target);
    let state = await mailboxState(harness.server, ALICE);
    expect(state.itemsIn(idOf(source))).toHaveLength(3);
    const copiedIds = copies.map((result) => (result.ok ? result.value?.id : undefined));
    expect(copiedIds.map((id) => state.items.find((item) => item.id === id)?.subject)).toEqual([
      'm1',
      'm2',
      'm3',
    ]);
    const moved = await source
      .filter({ subject: { in: ['m1', 'm3'] } })
      .orderBy('subject')
      .move(target.ref);
    state = await mailboxState(harness.server, ALICE);
    expect(state.itemsIn(idOf(source)).map((item) => item.subject)).toEqual(['m2']);
    expect(
      state
        .itemsIn(idOf(target))
        .map((item) => item.subject)
        .sort(),
    ).toEqual(['m1', 'm1', 'm2', 'm3', 'm3']);
    const movedIds = moved.map((result) => (result.ok ? result.value?.id : undefined));
    expect(movedIds.map((id) => state.items.find((item) => item.id === id)?.parentFolderId)).toEqual([
      idOf(target),
      idOf(target),
    ]);
  });

  it('archive() keeps one result per item: the demo mailboxes have no archive', async () => {
    const folder = await folderWith('Archive Source', ['a1', 'a2']);
    const results = await folder.all().archive(alice.archiveInbox);
    expect(results).toHaveLength(2);
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(isResponseError(result.error, 'ErrorArchiveMailboxNotEnabled')).toBe(true);
    }
    const state = await mailboxState(harness.server, ALICE);
    expect(state.itemsIn(idOf(folder))).toHaveLength(2);
  });

  it('send() sends drafts, each with its own result; markAsJunk() moves messages to Junk Email', async () => {
    const outbox = await alice.msgFolderRoot.createFolder('Send Drafts');
    await outbox.create([
      { subject: 's1 to bob', toRecipients: [{ emailAddress: 'bob@contoso.test' }] },
      { subject: 's2 nobody' },
      { subject: 's3 to bob', toRecipients: [{ emailAddress: 'bob@contoso.test' }] },
    ]);
    const results = await outbox.orderBy('subject').send();
    expect(results.map((result) => result.ok)).toEqual([true, false, true]);
    const failed = results[1];
    if (failed && !failed.ok) expect(isResponseError(failed.error, 'ErrorInvalidRecipients')).toBe(true);
    let state = await mailboxState(harness.server, ALICE);
    expect(state.itemsIn(idOf(outbox)).map((item) => item.subject)).toEqual(['s2 nobody']);
    expect(
      state
        .itemsIn(state.folder('sentitems').id)
        .map((item) => item.subject)
        .sort(),
    ).toEqual(['s1 to bob', 's3 to bob']);
    const bob = await mailboxState(harness.server, 'bob@contoso.test');
    expect(bob.itemsIn(bob.folder('inbox').id).map((item) => item.subject)).toEqual(
      expect.arrayContaining(['s1 to bob', 's3 to bob']),
    );

    const junk = await folderWith('Junk Source', ['spam 1', 'spam 2', 'ham']);
    const marked = await junk.filter({ subject: { startsWith: 'spam' } }).markAsJunk();
    expect(marked.every((result) => result.ok && result.value?.id !== undefined)).toBe(true);
    state = await mailboxState(harness.server, ALICE);
    expect(state.itemsIn(idOf(junk)).map((item) => item.subject)).toEqual(['ham']);
    expect(
      state
        .itemsIn(state.folder('junkemail').id)
        .map((item) => item.subject)
        .sort(),
    ).toEqual(['spam 1', 'spam 2']);
  });

  it('honours the signal while collecting ids', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(alice.inbox.all().delete({ signal: controller.signal })).rejects.toMatchObject({
      code: 'EWS_ABORTED',
    });
    expect(await alice.inbox.all().count()).toBe(12);
  });
});
