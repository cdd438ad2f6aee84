import { EwsError, raw } from '@ews/core';
import { filterFor, type Message, MessageModel } from '@ews/models';
import { describe, expect, it } from 'vitest';
import type { Account, ItemGroup } from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { buildFindItem, readFindItemGroups, readFindItemList } from '../src/operations/find-item.js';
import { useHarness } from './helpers/harness.js';

// Issue 15 (search): grouped FindItem answers read whole, AQS query strings, seek-to-condition
// paging and eDiscovery's SearchMailboxes, each against @ews/test-server (requests XSD-validated).

let alice: Account;
let service: Account;
const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
  service = started.account('ews.service@contoso.test');
});

const M = 'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"';
const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';
const findItemAnswer = (root: string) =>
  decodeResponseText(
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
      `<m:FindItemResponse ${M} ${T}><m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success">` +
      `<m:ResponseCode>NoError</m:ResponseCode>${root}</m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse>` +
      '</s:Body></s:Envelope>',
    'FindItem',
  );
const ROOT = '<m:RootFolder TotalItemsInView="3" IncludesLastItemInRange="true">';
const item = (id: string) => `<t:Message><t:ItemId Id="${id}"/></t:Message>`;
const group = (index: string, ...ids: string[]) =>
  `<t:GroupedItems><t:GroupIndex>${index}</t:GroupIndex><t:Items>${ids.map(item).join('')}</t:Items></t:GroupedItems>`;
const GROUPS = `<t:Groups>${group('High', 'a', 'b')}${group('Low', 'c')}</t:Groups>`;

async function code(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    return EwsError.isInstance(error) ? `${error.code}: ${error.message}` : String(error);
  }
  return 'accepted';
}

describe('grouped answers: every group read, and never taken for the other kind', () => {
  it('reads every group of a grouped page, in order', () => {
    const page = readFindItemGroups(findItemAnswer(`${ROOT}${GROUPS}</m:RootFolder>`), 10);
    expect(page.groups.map((g) => [g.groupIndex, g.count])).toEqual([
      ['High', 2],
      ['Low', 1],
    ]);
    expect(page.count).toBe(3);
  });

  it('refuses a grouped answer where an ungrouped page was asked for, and the reverse', async () => {
    // Before: Items beside Groups were read and the groups silently dropped.
    for (const root of [GROUPS, `<t:Items>${item('a')}</t:Items>${GROUPS}`, `${GROUPS}<t:Items/>`]) {
      expect(await code(() => readFindItemList(findItemAnswer(`${ROOT}${root}</m:RootFolder>`)))).toMatch(
        /^EWS_PROTOCOL: FindItem: the RootFolder for an ungrouped search must hold one <Items>/,
      );
    }
    expect(
      await code(() =>
        readFindItemGroups(findItemAnswer(`${ROOT}<t:Items>${item('a')}</t:Items></m:RootFolder>`), 10),
      ),
    ).toMatch(/^EWS_PROTOCOL: FindItem: the RootFolder for a grouped search must hold one <Groups>/);
  });

  it('refuses a misshapen group and more items than the page asked for', async () => {
    const broken = [
      '<t:Groups><t:GroupedItems><t:Items/></t:GroupedItems></t:Groups>',
      '<t:Groups><t:GroupedItems><t:GroupIndex>x</t:GroupIndex></t:GroupedItems></t:Groups>',
      '<t:Groups><t:GroupedItems><t:GroupIndex>x</t:GroupIndex><t:Items/><t:Items/></t:GroupedItems></t:Groups>',
      `<t:Groups>${group('a', 'x')}<t:Items/></t:Groups>`,
    ];
    for (const groups of broken)
      expect(
        await code(() => readFindItemGroups(findItemAnswer(`${ROOT}${groups}</m:RootFolder>`), 10)),
      ).toMatch(/^EWS_PROTOCOL: FindItem: a <\w+> of <Groups>/);
    expect(
      await code(() => readFindItemGroups(findItemAnswer(`${ROOT}${GROUPS}</m:RootFolder>`), 2)),
    ).toMatch(/holds 3 items; 2 were asked for/);
  });

  it('groupBy() yields every item once, in the group of its value, across pages', async () => {
    const all = await alice.inbox.all().only('subject', 'importance').toArray();
    for (const pageSize of [100, 5, 1]) {
      const groups: ItemGroup<Message>[] = [];
      const query = alice.inbox
        .all()
        .only('subject', 'importance')
        .pageSize(pageSize)
        .groupBy('importance', { aggregateOn: 'dateTimeReceived', aggregate: 'Maximum' });
      for await (const entry of query) groups.push(entry);
      const seen = groups.flatMap((g) => g.items.map((i) => i.itemId?.id));
      expect(new Set(seen).size).toBe(all.length);
      expect(seen).toHaveLength(all.length);
      for (const entry of groups) for (const i of entry.items) expect(i.importance).toBe(entry.groupIndex);
      // A group shows up again only as the continuation of the one the page before ended with.
      groups.forEach((entry, index) => {
        expect(entry.continued).toBe(index > 0 && groups[index - 1]?.groupIndex === entry.groupIndex);
      });
      expect(new Set(groups.filter((g) => !g.continued).map((g) => g.groupIndex)).size).toBe(
        groups.filter((g) => !g.continued).length,
      );
    }
  });

  it('groupByConversation() groups a reply with its original; limit counts items', async () => {
    const groups = await alice.inbox.all().orderBy('subject').groupByConversation().toArray();
    const total = groups.reduce((sum, g) => sum + g.items.length, 0);
    expect(total).toBe(await alice.inbox.all().count());
    const limited = await alice.inbox.all().limit(3).pageSize(2).groupByConversation().toArray();
    expect(limited.reduce((sum, g) => sum + g.items.length, 0)).toBe(3);
    expect(await alice.inbox.all().none().groupByConversation().toArray()).toEqual([]);
  });

  it('refuses what a grouped search cannot do before sending anything', () => {
    expect(() => alice.inbox.all().only('body').groupByConversation()).toThrow(/body cannot be asked for/);
    expect(() => alice.folders([alice.inbox, alice.sent]).all().groupByConversation()).toThrow(/one folder/);
    expect(() => alice.inbox.all().groupBy('categories', { aggregateOn: 'subject' })).toThrow(
      /categories cannot be grouped on/,
    );
  });
});

describe('AQS search()', () => {
  it('finds items by query string, alone', async () => {
    const all = await alice.inbox.all().only('subject').toArray();
    const word = (all[0]?.subject ?? '').split(/\s+/)[0] ?? '';
    expect(word).not.toBe('');
    const found = await alice.inbox.all().search(`subject:"${word}"`).only('subject').toArray();
    expect(found.length).toBeGreaterThan(0);
    for (const entry of found) expect(entry.subject?.toLowerCase()).toContain(word.toLowerCase());
    const neither = await alice.inbox.all().search('subject:zzqqxxnothing').toArray();
    expect(neither).toEqual([]);
  });

  it('is refused with filter()/exclude() (Exchange takes one or the other), in either order', () => {
    const refused = /cannot be combined/;
    expect(() =>
      alice.inbox
        .all()
        .filter({ subject: { contains: 'a' } })
        .search('a'),
    ).toThrow(refused);
    expect(() =>
      alice.inbox
        .all()
        .search('a')
        .filter({ subject: { contains: 'a' } }),
    ).toThrow(refused);
    expect(() =>
      alice.inbox
        .all()
        .search('a')
        .exclude({ subject: { contains: 'a' } }),
    ).toThrow(refused);
    expect(
      () =>
        buildFindItem({
          folders: [{ distinguishedId: 'inbox' }],
          shape: raw('<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>'),
          view: { type: 'indexed', maxEntries: 1, offset: 0 },
          restriction: raw(
            '<m:Restriction><t:Exists><t:FieldURI FieldURI="item:Subject"/></t:Exists></m:Restriction>',
          ),
          queryString: 'a',
        }).xml,
    ).toThrow(refused);
  });

  it('works with grouping and with ordering', async () => {
    const groups = await alice.inbox.all().search('a').groupByConversation().toArray();
    const flat = await alice.inbox.all().search('a').toArray();
    expect(groups.reduce((sum, g) => sum + g.items.length, 0)).toBe(flat.length);
  });
});

describe('seekTo()', () => {
  it('starts at the first item matching the condition and pages on from there', async () => {
    const ordered = await alice.inbox.all().orderBy('subject').only('subject').toArray();
    const target = ordered[4]?.subject ?? '';
    const filter = filterFor(MessageModel);
    for (const pageSize of [100, 3, 1]) {
      const sought = await alice.inbox
        .all()
        .orderBy('subject')
        .only('subject')
        .pageSize(pageSize)
        .seekTo(filter.eq('subject', target))
        .toArray();
      const first = ordered.findIndex((entry) => entry.subject === target);
      expect(sought.map((entry) => entry.itemId?.id)).toEqual(ordered.slice(first).map((e) => e.itemId?.id));
    }
    const none = await alice.inbox.all().seekTo({ subject: 'no such subject at all' }).toArray();
    expect(none).toEqual([]);
    expect(harness.operations.filter((op) => op === 'FindItem').length).toBeGreaterThan(3);
  });

  it('refuses what it cannot mean', async () => {
    expect(() => alice.inbox.all().offset(2).seekTo({ subject: 'x' })).toThrow(/offset/);
    expect(() => alice.inbox.all().seekTo({ subject: 'x' }).offset(2)).toThrow(/offset/);
    expect(() => alice.folders([alice.inbox, alice.sent]).all().seekTo({ subject: 'x' })).toThrow(
      /one folder/,
    );
    await expect(alice.inbox.all().seekTo({ subject: 'x' }).count()).rejects.toThrow(/count/);
  });
});

describe('searchMailboxes()', () => {
  it('takes what searchableMailboxes() listed: statistics and previews', async () => {
    const listed = await service.searchableMailboxes();
    const mailboxes = listed.filter(
      (m) =>
        m.type === 'SearchableMailbox' &&
        ['alice@contoso.test', 'bob@contoso.test'].includes(m.primarySmtpAddress),
    );
    expect(mailboxes).toHaveLength(2);
    const subject = (await alice.inbox.all().only('subject').first())?.subject ?? '';
    const query = `subject:"${subject}"`;
    const stats = await service.searchMailboxes({
      query,
      mailboxes: mailboxes as never,
      resultType: 'StatisticsOnly',
    });
    expect(stats.itemCount).toBeGreaterThan(0);
    expect(stats.keywordStats.map((k) => k.keyword)).toEqual([query]);
    expect(stats.items).toEqual([]);
    expect(stats.failedMailboxes).toEqual([]);
    const preview = await service.searchMailboxes({
      query,
      mailboxes: mailboxes as never,
      resultType: 'PreviewOnly',
    });
    expect(preview.items).toHaveLength(preview.pageItemCount);
    expect(preview.items.length).toBe(Math.min(stats.itemCount, 100));
    for (const found of preview.items) {
      expect(found.subject?.toLowerCase()).toContain(subject.toLowerCase().split(/\s+/)[0]);
      expect(found.itemId.id).not.toBe('');
    }
  });

  it('reports a mailbox it could not search instead of leaving it out; a user is denied', async () => {
    const result = await service.searchMailboxes({
      query: 'anything',
      mailboxes: ['/o=Contoso/ou=Exchange/cn=Recipients/cn=nobody'],
      resultType: 'StatisticsOnly',
    });
    expect(result.failedMailboxes.map((f) => f.mailbox)).toEqual([
      '/o=Contoso/ou=Exchange/cn=Recipients/cn=nobody',
    ]);
    await expect(
      alice.searchMailboxes({ query: 'a', mailboxes: ['/o=x'], resultType: 'StatisticsOnly' }),
    ).rejects.toSatisfy((error) => EwsError.isInstance(error) && /ErrorAccessDenied/.test(String(error)));
    await expect(
      service.searchMailboxes({ query: 'a', mailboxes: [], resultType: 'StatisticsOnly' }),
    ).rejects.toThrow(/at least one mailbox/);
  });
});
