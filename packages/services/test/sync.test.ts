import { isResponseError } from '@ews/core';
import { type Message, MessageModel } from '@ews/models';
import { describe, expect, it } from 'vitest';
import type { Account, ItemRef, ItemSyncChange } from '../src/index.js';
import { useHarness } from './helpers/harness.js';

const ALICE = 'alice@contoso.test';
let alice: Account;
const harness = useHarness((started) => {
  alice = started.account(ALICE);
});

async function collect<T>(changes: AsyncIterable<T>): Promise<T[]> {
  const found: T[] = [];
  for await (const change of changes) found.push(change);
  return found;
}

function inboxIds(): string[] {
  const mailbox = harness.server.snapshot().mailbox(ALICE);
  return mailbox.itemsIn(mailbox.folder('inbox').id).map((item) => item.id);
}

function ok<T>(result: { ok: true; value: T } | { ok: false; error: Error } | undefined): T {
  if (!result?.ok) throw result?.error ?? new Error('no result');
  return result.value;
}

describe('folder.syncItems', () => {
  it('syncs a folder from scratch in pages, then resumes with exactly the changes made since', async () => {
    const expected = inboxIds();
    expect(expected.length).toBeGreaterThan(7);
    const before = harness.operations.length;
    const sync = alice.inbox.syncItems({ maxChanges: 7 });
    expect(sync.syncState).toBeUndefined();
    const first = await collect(sync);
    expect(first.every((change) => change.kind === 'create')).toBe(true);
    expect(first.map((change) => change.itemId.id).sort()).toEqual([...expected].sort());
    for (const change of first) {
      if (change.kind !== 'create') continue;
      expect(change.item.itemId?.id).toBe(change.itemId.id);
      expect(typeof change.item.subject).toBe('string');
    }
    // One call per page of 7, the last one saying the folder is in sync.
    expect(harness.operations.slice(before)).toEqual(
      Array.from({ length: Math.ceil(expected.length / 7) }, () => 'SyncFolderItems'),
    );
    const saved = sync.syncState;
    expect(saved).toMatch(/\S/);

    // Change things: a new message, a renamed one, a deleted one, one marked read.
    const [renamed, deleted, markedRead] = expected;
    const createdRef = ok(
      (await alice.inbox.create([{ subject: 'Sync: created', body: { bodyType: 'Text', value: 'new' } }]))[0],
    ) as ItemRef;
    ok(
      (
        await alice.bulkUpdate(MessageModel, [
          { item: { id: renamed as string }, changes: { subject: 'Sync: renamed' } },
        ])
      )[0],
    );
    ok((await alice.bulkDelete([{ id: deleted as string }], { deleteType: 'HardDelete' }))[0]);
    ok(
      (
        await alice.bulkUpdate(MessageModel, [
          { item: { id: markedRead as string }, changes: { isRead: true } },
        ])
      )[0],
    );

    const resumed = alice.inbox.syncItems({ syncState: saved as string });
    const changes = await collect(resumed);
    const byId = new Map(changes.map((change) => [change.itemId.id, change]));
    expect(changes).toHaveLength(4);
    const created = byId.get(createdRef.id);
    expect(created?.kind).toBe('create');
    expect(created?.kind === 'create' && created.item.subject).toBe('Sync: created');
    const updated = byId.get(renamed as string);
    expect(updated?.kind === 'update' && updated.item.subject).toBe('Sync: renamed');
    expect(byId.get(deleted as string)).toEqual({ kind: 'delete', itemId: { id: deleted } });
    // A change of IsRead alone comes as ReadFlagChange, as Exchange sends it (the test server did an Update).
    const read = byId.get(markedRead as string) as ItemSyncChange<Message> | undefined;
    expect(read).toEqual({
      kind: 'readFlagChange',
      itemId: expect.objectContaining({ id: markedRead }),
      isRead: true,
    });

    // In sync now: the same object, iterated again, reports nothing; a fresh one from its state neither.
    expect(await collect(resumed)).toEqual([]);
    expect(await collect(alice.inbox.syncItems({ syncState: resumed.syncState as string }))).toEqual([]);
  });

  it('keeps the state of a batch the caller stopped in, so the batch comes again', async () => {
    const sync = alice.drafts.syncItems();
    await collect(sync);
    const start = sync.syncState;
    await alice.drafts.create([{ subject: 'Draft A' }, { subject: 'Draft B' }]);
    for await (const change of sync) {
      expect(change.kind).toBe('create');
      break; // stopped inside the batch
    }
    expect(sync.syncState).toBe(start);
    const again = await collect(sync);
    expect(again.map((change) => change.kind === 'create' && change.item.subject).sort()).toEqual([
      'Draft A',
      'Draft B',
    ]);
    expect(sync.syncState).not.toBe(start);
  });

  it('returns only the fields asked for with `only`, and batches with their states', async () => {
    const sync = alice.inbox.syncItems({ only: ['subject'], maxChanges: 512 });
    const batches = [];
    for await (const batch of sync.batches()) batches.push(batch);
    expect(batches).toHaveLength(1);
    const [batch] = batches;
    expect(batch?.includesLastItemInRange).toBe(true);
    expect(sync.syncState).toBe(batch?.syncState);
    for (const change of batch?.changes ?? []) {
      if (change.kind !== 'create') throw new Error(`unexpected ${change.kind}`);
      expect(Object.keys(change.item).sort()).toEqual(['itemId', 'subject']);
    }
  });

  it('fetches fields SyncFolderItems cannot return (the body) with GetItem', async () => {
    const sync = alice.sent.syncItems();
    await collect(sync);
    const [made] = await alice.sent.create([
      { subject: 'Sync: with body', body: { bodyType: 'Text', value: 'the body text' } },
    ]);
    const createdRef = ok(made) as ItemRef;
    const before = harness.operations.length;
    const resumed = alice.sent.syncItems({ syncState: sync.syncState as string, only: ['subject', 'body'] });
    const changes = await collect(resumed);
    expect(harness.operations.slice(before)).toEqual(['SyncFolderItems', 'GetItem']);
    const created = changes.find((change) => change.itemId.id === createdRef.id);
    if (created?.kind !== 'create') throw new Error('the created item was not reported');
    expect(created.item.subject).toBe('Sync: with body');
    expect(created.item.body?.value).toBe('the body text');
  });

  it('fails with a typed error for a sync state the server does not know, and checks options at once', async () => {
    const error = await collect(alice.inbox.syncItems({ syncState: 'not-a-state' })).catch((e: unknown) => e);
    expect(isResponseError(error, 'ErrorInvalidSyncStateData')).toBe(true);
    expect(() => alice.inbox.syncItems({ maxChanges: 513 })).toThrow(/maxChanges/);
    expect(() => alice.inbox.syncItems({ only: ['noSuchField' as 'subject'] })).toThrow(/noSuchField/);
  });
});

describe('folder.syncHierarchy', () => {
  it('lists every folder below, then exactly the creates, renames and deletes since', async () => {
    const mailbox = harness.server.snapshot().mailbox(ALICE);
    const top = mailbox.folder('msgfolderroot');
    const below = (parent: string): string[] =>
      mailbox.childFolders(parent).flatMap((folder) => [folder.id, ...below(folder.id)]);
    const sync = alice.msgFolderRoot.syncHierarchy();
    const first = await collect(sync);
    expect(first.every((change) => change.kind === 'create')).toBe(true);
    expect(first.map((change) => change.folderId.id).sort()).toEqual(below(top.id).sort());
    const inbox = first.find((change) => change.kind === 'create' && change.folder.displayName === 'Inbox');
    expect(inbox?.kind === 'create' && inbox.folder.folderClass).toBe('IPF.Note');

    const made = await alice.inbox.createFolder('Sync made');
    const renamed = await alice.inbox.createFolder('Sync before');
    const doomed = await alice.inbox.createFolder('Sync doomed');
    const idOf = (handle: { readonly ref: unknown }) => (handle.ref as { id: string }).id;
    // The same sync, iterated again, picks up what was made since.
    const made3 = await collect(sync);
    expect(made3.map((change) => [change.kind, change.folderId.id]).sort()).toEqual(
      [made, renamed, doomed].map((handle) => ['create', idOf(handle)]).sort(),
    );
    const after = alice.msgFolderRoot.syncHierarchy({ syncState: sync.syncState as string });

    await renamed.rename('Sync after');
    await doomed.delete();
    const newer = await alice.inbox.createFolder('Sync newer');
    const changes = await collect(after);
    expect(changes.map((change) => [change.kind, change.folderId.id]).sort()).toEqual(
      [
        ['update', idOf(renamed)],
        ['delete', idOf(doomed)],
        ['create', idOf(newer)],
      ].sort(),
    );
    const update = changes.find((change) => change.kind === 'update');
    expect(update?.kind === 'update' && update.folder.displayName).toBe('Sync after');
    expect(changes.some((change) => change.folderId.id === idOf(made))).toBe(false);
  });

  it('checks its options at the call', () => {
    expect(() => alice.msgFolderRoot.syncHierarchy({ only: ['noSuchField' as 'displayName'] })).toThrow(
      /noSuchField/,
    );
  });
});
