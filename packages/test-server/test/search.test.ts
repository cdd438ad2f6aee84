import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileQueryString } from '../src/query/aqs.js';
import { findAll, type Harness, startHarness, texts } from './support/harness.js';

// Grouped FindItem (GroupBy / DistinguishedGroupBy), AQS QueryString, SeekToConditionPageItemView and
// SearchMailboxes, after Microsoft's EWS reference for each element.

const shape =
  '<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="item:Subject"/></t:AdditionalProperties></m:ItemShape>';
const field = (uri: string) => `<t:FieldURI FieldURI="${uri}"/>`;
const bySubject = `<m:SortOrder><t:FieldOrder Order="Ascending">${field('item:Subject')}</t:FieldOrder></m:SortOrder>`;
const parent = (id: string) => `<m:ParentFolderIds><t:FolderId Id="${id}"/></m:ParentFolderIds>`;
const groupBy = (order = 'Ascending') =>
  `<m:GroupBy Order="${order}">${field('item:Importance')}<t:AggregateOn Aggregate="Maximum">${field('item:Subject')}</t:AggregateOn></m:GroupBy>`;

describe('search', () => {
  let h: Harness;
  let folderId = '';
  const find = async (middle: string, view = '', tail = '') => {
    const reply = await h.call(
      'alice',
      `<m:FindItem Traversal="Shallow">${shape}${view}${middle}${parent(folderId)}${tail}</m:FindItem>`,
    );
    return reply.doc;
  };

  beforeAll(async () => {
    h = await startHarness();
    const folder = await h.call(
      'alice',
      '<m:CreateFolder><m:ParentFolderId><t:DistinguishedFolderId Id="msgfolderroot"/></m:ParentFolderId>' +
        '<m:Folders><t:Folder><t:DisplayName>Search lab</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>',
    );
    folderId = findAll(folder.doc, 'FolderId')[0]?.attrs.Id ?? '';
    const message = (subject: string, importance: string, body: string, categories: readonly string[] = []) =>
      `<t:Message><t:Subject>${subject}</t:Subject><t:Body BodyType="Text">${body}</t:Body>` +
      `${categories.length ? `<t:Categories>${categories.map((c) => `<t:String>${c}</t:String>`).join('')}</t:Categories>` : ''}` +
      `<t:Importance>${importance}</t:Importance></t:Message>`;
    const created = await h.call(
      'alice',
      `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId><t:FolderId Id="${folderId}"/></m:SavedItemFolderId><m:Items>` +
        message('a budget plan', 'High', 'Quarterly budget review.', ['Finance']) +
        message('b lunch', 'Low', 'Pizza on Friday.') +
        message('c budget review', 'Normal', 'The review of the plan.', ['Finance', 'Red']) +
        message('d offsite', 'High', 'Venue booked.') +
        message('RE: b lunch', 'Low', 'Count me in.') +
        '</m:Items></m:CreateItem>',
    );
    expect(texts(created.doc, 'ResponseCode')).toEqual(Array(5).fill('NoError'));
  });
  afterAll(async () => {
    await h.finish();
  });

  it('GroupBy answers every group (GroupIndex: the grouping value), groups ordered by the aggregate', async () => {
    const doc = await find(groupBy() + bySubject);
    const groups = findAll(doc, 'GroupedItems');
    expect(groups.map((g) => texts(g, 'GroupIndex')[0])).toEqual(['Normal', 'High', 'Low']);
    expect(groups.map((g) => texts(g, 'Subject'))).toEqual([
      ['c budget review'],
      ['a budget plan', 'd offsite'],
      ['b lunch', 'RE: b lunch'],
    ]);
    expect(findAll(doc, 'RootFolder')[0]?.attrs.TotalItemsInView).toBe('5');
    const descending = findAll(await find(groupBy('Descending') + bySubject), 'GroupIndex');
    expect(descending.map((g) => g.text)).toEqual(['Low', 'High', 'Normal']);
  });

  it('a grouped page counts items: a group cut by the page goes on, same GroupIndex, on the next page', async () => {
    const first = await find(
      groupBy() + bySubject,
      '<m:IndexedPageItemView MaxEntriesReturned="2" Offset="0" BasePoint="Beginning"/>',
    );
    expect(findAll(first, 'GroupIndex').map((g) => g.text)).toEqual(['Normal', 'High']);
    expect(texts(first, 'Subject')).toEqual(['c budget review', 'a budget plan']);
    const root = findAll(first, 'RootFolder')[0];
    expect(root?.attrs).toMatchObject({ IndexedPagingOffset: '2', IncludesLastItemInRange: 'false' });
    const second = await find(
      groupBy() + bySubject,
      '<m:IndexedPageItemView MaxEntriesReturned="2" Offset="2" BasePoint="Beginning"/>',
    );
    expect(findAll(second, 'GroupIndex').map((g) => g.text)).toEqual(['High', 'Low']);
    expect(texts(second, 'Subject')).toEqual(['d offsite', 'b lunch']);
  });

  it('DistinguishedGroupBy ConversationTopic groups replies with their original', async () => {
    const doc = await find(
      '<m:DistinguishedGroupBy Order="Ascending"><t:StandardGroupBy>ConversationTopic</t:StandardGroupBy></m:DistinguishedGroupBy>' +
        bySubject,
    );
    const lunch = findAll(doc, 'GroupedItems').find((g) => texts(g, 'GroupIndex')[0] === 'b lunch');
    expect(lunch && texts(lunch, 'Subject')).toEqual(['b lunch', 'RE: b lunch']);
    expect(findAll(doc, 'GroupedItems')).toHaveLength(4);
  });

  it('a multi-valued property cannot group (ErrorUnsupportedPathForSortGroup)', async () => {
    const doc = await find(
      `<m:GroupBy Order="Ascending">${field('item:Categories')}<t:AggregateOn Aggregate="Minimum">${field('item:Subject')}</t:AggregateOn></m:GroupBy>`,
    );
    expect(texts(doc, 'ResponseCode')).toEqual(['ErrorUnsupportedPathForSortGroup']);
  });

  it('QueryString: words are prefixes in any property, phrases whole words, property:value, OR, AND', async () => {
    const search = async (aqs: string) =>
      texts(await find(bySubject, '', `<m:QueryString>${aqs}</m:QueryString>`), 'Subject');
    expect(await search('budg')).toEqual(['a budget plan', 'c budget review']);
    expect(await search('subject:review')).toEqual(['c budget review']);
    expect(await search('body:review')).toEqual(['a budget plan', 'c budget review']);
    expect(await search('&quot;review of the&quot;')).toEqual(['c budget review']);
    expect(await search('&quot;review of plan&quot;')).toEqual([]);
    expect(await search('category:red OR subject:offsite')).toEqual(['c budget review', 'd offsite']);
    expect(await search('budget AND plan')).toEqual(['a budget plan', 'c budget review']);
    expect(await search('subject:budget subject:plan')).toEqual(['a budget plan']);
    expect(await search('(lunch OR offsite) pizza')).toEqual(['b lunch']);
  });

  it('QueryString is refused with a Restriction, and for what this server cannot read', async () => {
    const restriction = `<m:Restriction><t:Exists>${field('item:Subject')}</t:Exists></m:Restriction>`;
    const both = await find(restriction, '', '<m:QueryString>budget</m:QueryString>');
    expect(texts(both, 'ResponseCode')).toEqual(['ErrorInvalidArgument']);
    const unknown = await find('', '', '<m:QueryString>size:&gt;5000</m:QueryString>');
    expect(texts(unknown, 'ResponseCode')).toEqual(['ErrorInvalidArgument']);
    expect(() => compileQueryString('(budget')).toThrow(/not closed/);
    expect(() => compileQueryString('budget)')).toThrow(/closes nothing/);
  });

  it('SeekToConditionPageItemView starts at the first match; IndexedPagingOffset is where the next page starts', async () => {
    const seek = (basePoint: string, value: string, max = 2) =>
      `<m:SeekToConditionPageItemView MaxEntriesReturned="${max}" BasePoint="${basePoint}"><t:Condition>` +
      `<t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase">${field('item:Subject')}<t:Constant Value="${value}"/></t:Contains>` +
      '</t:Condition></m:SeekToConditionPageItemView>';
    const doc = await find(bySubject, seek('Beginning', 'budget'));
    expect(texts(doc, 'Subject')).toEqual(['a budget plan', 'b lunch']);
    expect(findAll(doc, 'RootFolder')[0]?.attrs).toMatchObject({
      IndexedPagingOffset: '2',
      TotalItemsInView: '5',
      IncludesLastItemInRange: 'false',
    });
    const fromEnd = await find(bySubject, seek('End', 'budget'));
    expect(texts(fromEnd, 'Subject')).toEqual(['c budget review', 'd offsite']);
    const none = await find(bySubject, seek('Beginning', 'nothing'));
    expect(texts(none, 'Subject')).toEqual([]);
    expect(findAll(none, 'RootFolder')[0]?.attrs).toMatchObject({ IncludesLastItemInRange: 'true' });
  });

  it('SearchMailboxes: statistics and previews across mailboxes by ReferenceId; others are refused', async () => {
    const listed = await h.call('ews.service', '<m:GetSearchableMailboxes/>');
    const alice = findAll(listed.doc, 'SearchableMailbox').find(
      (m) => texts(m, 'PrimarySmtpAddress')[0] === 'alice@contoso.test',
    );
    const reference = alice === undefined ? '' : (texts(alice, 'ReferenceId')[0] ?? '');
    const body = (resultType: string, mailbox = reference) =>
      '<m:SearchMailboxes><m:SearchQueries><t:MailboxQuery><t:Query>subject:"budget plan" OR subject:"budget review"</t:Query><t:MailboxSearchScopes>' +
      `<t:MailboxSearchScope><t:Mailbox>${mailbox}</t:Mailbox><t:SearchScope>All</t:SearchScope></t:MailboxSearchScope>` +
      `</t:MailboxSearchScopes></t:MailboxQuery></m:SearchQueries><m:ResultType>${resultType}</m:ResultType></m:SearchMailboxes>`;
    const stats = await h.call('ews.service', body('StatisticsOnly'));
    expect(texts(stats.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(texts(stats.doc, 'ItemCount')).toEqual(['2', '2']);
    expect(texts(stats.doc, 'ItemHits')).toEqual(['2']);
    const preview = await h.call('ews.service', body('PreviewOnly'));
    expect(texts(preview.doc, 'Subject').sort()).toEqual(['a budget plan', 'c budget review']);
    expect(texts(preview.doc, 'PrimarySmtpAddress')).toEqual(['alice@contoso.test', 'alice@contoso.test']);
    const unknown = await h.call('ews.service', body('StatisticsOnly', '/o=Nobody'));
    expect(texts(unknown.doc, 'Mailbox')).toContain('/o=Nobody');
    expect(texts(unknown.doc, 'ItemCount')).toEqual(['0']);
    const denied = await h.call('alice', body('StatisticsOnly'));
    expect(texts(denied.doc, 'ResponseCode')).toEqual(['ErrorAccessDenied']);
  });
});
