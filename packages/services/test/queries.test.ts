import { filterFor, MessageModel } from '@ews/models';
import { describe, expect, it } from 'vitest';
import { type Account, ItemQuery } from '../src/index.js';
import { NOW, useHarness } from './helpers/harness.js';

let alice: Account;

const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
});

describe('folders', () => {
  it('reads the inbox counts with GetFolder', async () => {
    const inbox = await alice.inbox.get();
    expect(inbox.displayName).toBe('Inbox');
    expect(inbox.totalCount).toBe(12);
    expect(inbox.unreadCount).toBeGreaterThanOrEqual(0);
    expect(inbox.unreadCount).toBeLessThanOrEqual(12);
  });

  it('lists the folders below the message root, and the whole tree with deep', async () => {
    const shallow = [];
    for await (const folder of alice.msgFolderRoot.children()) shallow.push(folder.displayName);
    expect(shallow).toEqual(expect.arrayContaining(['Inbox', 'Calendar', 'Contacts', 'Tasks', 'Sent Items']));
    const deep = [];
    for await (const folder of alice.root.children({ deep: true })) deep.push(folder.displayName);
    expect(deep.length).toBeGreaterThan(shallow.length);
    expect(deep).toEqual(expect.arrayContaining(shallow));
  });

  it('reaches every well-known folder the server has through folder(id)', async () => {
    const tasks = await alice.folder('tasks').get();
    expect(tasks.displayName).toBe('Tasks');
    expect(tasks.totalCount).toBe(4);
    const sent = await alice.wellKnownFolder('sent').get();
    expect(sent.displayName).toBe('Sent Items');
    const junk = await alice.junk.get();
    expect(junk.displayName).toBe('Junk Email');
  });
});

describe('item queries', () => {
  it('is immutable and lazy: building a query sends nothing', () => {
    const before = harness.operations.length;
    const base = alice.inbox.all();
    const filtered = base
      .filter({ subject: { contains: 'x' } })
      .orderBy('-dateTimeReceived')
      .limit(3);
    expect(filtered).toBeInstanceOf(ItemQuery);
    expect(filtered).not.toBe(base);
    expect(harness.operations.length).toBe(before);
  });

  it('pages transparently: small pages give the same items as one big page', async () => {
    const onePage = await alice.inbox.all().orderBy('dateTimeReceived').toArray();
    const before = harness.operations.length;
    const paged = await alice.inbox.all().orderBy('dateTimeReceived').pageSize(5).toArray();
    expect(onePage).toHaveLength(12);
    expect(paged.map((item) => item.itemId?.id)).toEqual(onePage.map((item) => item.itemId?.id));
    // 12 items in pages of 5: three FindItem calls.
    expect(harness.operations.slice(before)).toEqual(['FindItem', 'FindItem', 'FindItem']);
  });

  it('orders, slices and counts on the server', async () => {
    const newestFirst = await alice.inbox.orderBy('-dateTimeReceived').toArray();
    const times = newestFirst.map((item) => item.dateTimeReceived?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const sliced = await alice.inbox.orderBy('-dateTimeReceived').offset(2).limit(3).pageSize(2).toArray();
    expect(sliced.map((item) => item.itemId?.id)).toEqual(
      newestFirst.slice(2, 5).map((item) => item.itemId?.id),
    );
    expect(await alice.inbox.all().count()).toBe(12);
    expect(await alice.inbox.all().offset(10).count()).toBe(2);
    expect(await alice.inbox.all().limit(5).count()).toBe(5);
  });

  it('filters with a restriction, and exclude() is its complement', async () => {
    const all = await alice.inbox.all().toArray();
    const unread = await alice.inbox.filter({ isRead: false }).toArray();
    const read = await alice.inbox.exclude({ isRead: false }).toArray();
    expect(unread.every((item) => item.isRead === false)).toBe(true);
    expect(read.every((item) => item.isRead === true)).toBe(true);
    expect(unread.length + read.length).toBe(all.length);
    const [sample] = all;
    const word = sample?.subject?.split(' ')[0] ?? '';
    const matching = await alice.inbox.filter({ subject: { icontains: word.toLowerCase() } }).toArray();
    expect(matching.length).toBeGreaterThan(0);
    expect(matching.every((item) => item.subject?.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    const since = await alice.inbox.filter({ dateTimeReceived: { gte: NOW } }).count();
    expect(since).toBe(all.filter((item) => (item.dateTimeReceived?.getTime() ?? 0) >= NOW.getTime()).length);
  });

  it('takes filterFor() filters for OR / NOT, and sends nothing for a filter that matches nothing', async () => {
    const all = await alice.inbox.all().toArray();
    const [a, b] = all.map((item) => item.subject ?? '');
    const q = filterFor(MessageModel);
    const either = await alice.inbox
      .filter(q.or(q.eq('subject', a ?? ''), q.eq('subject', b ?? '')))
      .toArray();
    expect(either.length).toBeGreaterThanOrEqual(2);
    expect(either.every((item) => item.subject === a || item.subject === b)).toBe(true);
    const neither = await alice.inbox
      .exclude(q.or(q.eq('subject', a ?? ''), q.eq('subject', b ?? '')))
      .count();
    expect(neither).toBe(all.length - either.length);
    const before = harness.operations.length;
    expect(await alice.inbox.filter({ subject: { in: [] } }).toArray()).toEqual([]);
    expect(await alice.inbox.filter({ subject: { in: [] } }).count()).toBe(0);
    expect(harness.operations.length).toBe(before);
  });

  it('first() and exists()', async () => {
    const first = await alice.inbox.orderBy('subject').first();
    const all = await alice.inbox.orderBy('subject').toArray();
    expect(first?.itemId?.id).toBe(all[0]?.itemId?.id);
    expect(await alice.inbox.filter({ subject: 'no such subject anywhere' }).exists()).toBe(false);
    expect(await alice.inbox.filter({ subject: 'no such subject anywhere' }).first()).toBeUndefined();
  });

  it('only() with cheap fields makes one FindItem per page and returns just those fields', async () => {
    const before = harness.operations.length;
    const items = await alice.inbox.only('subject').limit(4).toArray();
    expect(harness.operations.slice(before)).toEqual(['FindItem']);
    expect(items).toHaveLength(4);
    for (const item of items) {
      expect(item.subject).toBeTypeOf('string');
      expect(item.itemId?.id).toBeTypeOf('string');
      expect(item.dateTimeReceived).toBeUndefined();
    }
  });

  it('only() with a field FindItem cannot return switches to FindItem(IdOnly) + GetItem', async () => {
    const before = harness.operations.length;
    const items = await alice.inbox.only('subject', 'body').orderBy('subject').toArray();
    expect(harness.operations.slice(before)).toEqual(['FindItem', 'GetItem']);
    expect(items).toHaveLength(12);
    for (const item of items) {
      expect(item.body?.value).toBeTypeOf('string');
      expect(item.subject).toBeTypeOf('string');
    }
    const subjects = items.map((item) => item.subject ?? '');
    expect(subjects).toEqual([...subjects].sort((a, b) => a.localeCompare(b)));
  });

  it('refuses fields the model does not have', () => {
    // @ts-expect-error: not a Message field
    expect(() => alice.inbox.only('noSuchField')).toThrow(/no field named 'noSuchField'/);
    expect(() => alice.inbox.all().limit(-1)).toThrow('limit must be a whole number of at least 0, got -1');
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(alice.inbox.all().toArray({ signal: controller.signal })).rejects.toMatchObject({
      code: 'EWS_ABORTED',
    });
  });
});
