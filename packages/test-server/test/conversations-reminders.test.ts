import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, NOW, startHarness, texts } from './support/harness.js';

// FindConversation, GetConversationItems, ApplyConversationAction, MarkAllItemsAsRead,
// GetReminders, PerformReminderAction and task progress, over raw SOAP: every request and answer
// goes through the schema log (finish() validates both).

const BOB = 'bob@contoso.test';
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(NOW.getTime() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const sendMail = (subject: string) =>
  '<m:CreateItem MessageDisposition="SendAndSaveCopy"><m:Items><t:Message>' +
  `<t:Subject>${subject}</t:Subject><t:Body BodyType="Text">About ${subject}</t:Body>` +
  `<t:ToRecipients><t:Mailbox><t:EmailAddress>${BOB}</t:EmailAddress></t:Mailbox></t:ToRecipients>` +
  '</t:Message></m:Items></m:CreateItem>';

const findConversation = (folder: string, view = '') =>
  `<m:FindConversation>${view}<m:ParentFolderId><t:DistinguishedFolderId Id="${folder}"/></m:ParentFolderId></m:FindConversation>`;

const action = (body: string) =>
  `<m:ApplyConversationAction><m:ConversationActions>${body}</m:ConversationActions></m:ApplyConversationAction>`;

describe('conversations, reminders and task progress (raw SOAP, schema-checked)', () => {
  let h: Harness;
  let budgetId: string;

  beforeAll(async () => {
    h = await startHarness();
    for (const subject of ['Budget', 'RE: Budget', 'Fw: budget', 'Lunch']) {
      const sent = await h.call('alice', sendMail(subject));
      expect(texts(sent.doc, 'ResponseCode')).toEqual(['NoError']);
    }
  });
  afterAll(async () => {
    await h.finish();
  });

  it('FindConversation groups by topic, pages, and reports the view total and next offset', async () => {
    const all = await h.call('bob', findConversation('inbox'));
    const topics = texts(all.doc, 'ConversationTopic');
    expect(topics).toContain('Budget');
    expect(topics.filter((t) => t.toLowerCase() === 'budget')).toHaveLength(1);
    const budget = findAll(all.doc, 'Conversation').find(
      (c) => first(c, 'ConversationTopic').text === 'Budget',
    );
    budgetId = first(budget ?? all.doc, 'ConversationId').attrs.Id ?? '';
    expect(first(budget ?? all.doc, 'MessageCount').text).toBe('3');
    const page = await h.call(
      'bob',
      findConversation(
        'inbox',
        '<m:IndexedPageItemView MaxEntriesReturned="1" Offset="1" BasePoint="Beginning"/>',
      ),
    );
    expect(findAll(page.doc, 'Conversation')).toHaveLength(1);
    expect(first(page.doc, 'IndexedOffset').text).toBe('2');
    expect(Number(first(page.doc, 'TotalConversationsInView').text)).toBe(topics.length);
  });

  it('GetConversationItems answers nodes; a malformed id is ErrorInvalidIdMalformed for that entry only', async () => {
    const reply = await h.call(
      'bob',
      '<m:GetConversationItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
        '<m:FoldersToIgnore><t:DistinguishedFolderId Id="deleteditems"/></m:FoldersToIgnore>' +
        '<m:SortOrder>DateOrderDescending</m:SortOrder><m:Conversations>' +
        `<t:Conversation><t:ConversationId Id="${budgetId}"/></t:Conversation>` +
        '<t:Conversation><t:ConversationId Id="AAAA"/></t:Conversation></m:Conversations></m:GetConversationItems>',
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError', 'ErrorInvalidIdMalformed']);
    expect(findAll(reply.doc, 'ConversationNode')).toHaveLength(3);
  });

  it('ApplyConversationAction answers one message per action; Delete without DeleteType is ErrorInvalidRequest', async () => {
    const reply = await h.call(
      'bob',
      action(
        `<t:ConversationAction><t:Action>SetReadState</t:Action><t:ConversationId Id="${budgetId}"/><t:IsRead>true</t:IsRead></t:ConversationAction>` +
          `<t:ConversationAction><t:Action>Delete</t:Action><t:ConversationId Id="${budgetId}"/></t:ConversationAction>` +
          `<t:ConversationAction><t:Action>AlwaysCategorize</t:Action><t:ConversationId Id="${budgetId}"/><t:Categories><t:String>Money</t:String></t:Categories></t:ConversationAction>`,
      ),
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError', 'ErrorInvalidRequest', 'NoError']);
    const after = await h.call('bob', findConversation('inbox'));
    const budget = findAll(after.doc, 'Conversation').find(
      (c) => first(c, 'ConversationTopic').text === 'Budget',
    );
    expect(texts(budget ?? after.doc, 'UnreadCount')).toEqual(['0']);
    expect(texts(first(budget ?? after.doc, 'Categories'), 'String')).toEqual(['Money']);
  });

  it('MarkAllItemsAsRead answers per folder, an unknown folder failing alone', async () => {
    const reply = await h.call(
      'bob',
      '<m:MarkAllItemsAsRead><m:ReadFlag>false</m:ReadFlag><m:SuppressReadReceipts>true</m:SuppressReadReceipts><m:FolderIds>' +
        '<t:DistinguishedFolderId Id="inbox"/><t:FolderId Id="AAMkAGVvdGVzdDowOkY6OTk5OTk5"/></m:FolderIds></m:MarkAllItemsAsRead>',
    );
    expect(texts(reply.doc, 'ResponseCode')[0]).toBe('NoError');
    expect(texts(reply.doc, 'ResponseCode')).toHaveLength(2);
    expect(texts(reply.doc, 'ResponseCode')[1]).not.toBe('NoError');
    const after = await h.call('bob', findConversation('inbox'));
    expect(texts(after.doc, 'UnreadCount').every((n) => n !== '0')).toBe(true);
  });

  it('GetReminders and PerformReminderAction: window, Old needs both times, snooze and dismiss all or nothing', async () => {
    const created = await h.call(
      'bob',
      '<m:CreateItem SendMeetingInvitations="SendToNone"><m:SavedItemFolderId><t:DistinguishedFolderId Id="calendar"/></m:SavedItemFolderId><m:Items><t:CalendarItem>' +
        '<t:Subject>Standup</t:Subject><t:ReminderIsSet>true</t:ReminderIsSet><t:ReminderMinutesBeforeStart>10</t:ReminderMinutesBeforeStart>' +
        `<t:Start>${iso(HOUR)}</t:Start><t:End>${iso(2 * HOUR)}</t:End></t:CalendarItem></m:Items></m:CreateItem>`,
    );
    const id = first(created.doc, 'ItemId').attrs.Id ?? '';
    const window = `<m:BeginTime>${iso(0)}</m:BeginTime><m:EndTime>${iso(3 * HOUR)}</m:EndTime>`;
    const listed = await h.call(
      'bob',
      `<m:GetReminders>${window}<m:ReminderType>All</m:ReminderType></m:GetReminders>`,
    );
    const standup = findAll(listed.doc, 'Reminder').find((r) => first(r, 'Subject').text === 'Standup');
    expect(first(standup ?? listed.doc, 'ReminderTime').text).toBe(iso(HOUR - 10 * 60_000));
    const old = await h.call('bob', '<m:GetReminders><m:ReminderType>Old</m:ReminderType></m:GetReminders>');
    expect(texts(old.doc, 'ResponseCode')).toEqual(['ErrorInvalidRequest']);
    const mixed = await h.call(
      'bob',
      '<m:PerformReminderAction><m:ReminderItemActions>' +
        `<t:ReminderItemAction><t:ActionType>Snooze</t:ActionType><t:ItemId Id="${id}"/><t:NewReminderTime>${iso(90 * 60_000)}</t:NewReminderTime></t:ReminderItemAction>` +
        '<t:ReminderItemAction><t:ActionType>Dismiss</t:ActionType><t:ItemId Id="AAAA"/></t:ReminderItemAction>' +
        '</m:ReminderItemActions></m:PerformReminderAction>',
    );
    expect(mixed.status).toBe(500);
    expect(texts(mixed.doc, 'ResponseCode')).toEqual(['ErrorInvalidIdMalformed']);
    const unchanged = await h.call('bob', `<m:GetReminders>${window}</m:GetReminders>`);
    const still = findAll(unchanged.doc, 'Reminder').find((r) => first(r, 'Subject').text === 'Standup');
    expect(first(still ?? unchanged.doc, 'ReminderTime').text).toBe(iso(HOUR - 10 * 60_000));
    const dismissed = await h.call(
      'bob',
      `<m:PerformReminderAction><m:ReminderItemActions><t:ReminderItemAction><t:ActionType>Dismiss</t:ActionType><t:ItemId Id="${id}"/></t:ReminderItemAction></m:ReminderItemActions></m:PerformReminderAction>`,
    );
    expect(findAll(dismissed.doc, 'ItemId').map((e) => e.attrs.Id)).toEqual([id]);
    const gone = await h.call('bob', `<m:GetReminders>${window}</m:GetReminders>`);
    expect(texts(gone.doc, 'Subject')).not.toContain('Standup');
  });

  it('keeps a task’s Status, PercentComplete, CompleteDate and IsComplete consistent', async () => {
    const created = await h.call(
      'bob',
      '<m:CreateItem><m:Items><t:Task><t:Subject>Report</t:Subject><t:PercentComplete>30</t:PercentComplete></t:Task></m:Items></m:CreateItem>',
    );
    const id = first(created.doc, 'ItemId').attrs.Id ?? '';
    const read = async () => {
      const reply = await h.call(
        'bob',
        '<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
          '<t:FieldURI FieldURI="task:Status"/><t:FieldURI FieldURI="task:PercentComplete"/><t:FieldURI FieldURI="task:IsComplete"/>' +
          '<t:FieldURI FieldURI="task:CompleteDate"/><t:FieldURI FieldURI="task:StatusDescription"/></t:AdditionalProperties></m:ItemShape>' +
          `<m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`,
      );
      const task = first(reply.doc, 'Task');
      const text = (name: string) => findAll(task, name)[0]?.text;
      return {
        status: text('Status'),
        percent: text('PercentComplete'),
        isComplete: text('IsComplete'),
        completeDate: text('CompleteDate'),
        description: text('StatusDescription'),
      };
    };
    expect(await read()).toEqual({
      status: 'NotStarted',
      percent: '30',
      isComplete: 'false',
      completeDate: undefined,
      description: 'Not Started',
    });
    const set = (uri: string, element: string) =>
      h.call(
        'bob',
        `<m:UpdateItem ConflictResolution="AlwaysOverwrite"><m:ItemChanges><t:ItemChange><t:ItemId Id="${id}"/><t:Updates>` +
          `<t:SetItemField><t:FieldURI FieldURI="${uri}"/><t:Task>${element}</t:Task></t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>`,
      );
    await set('task:PercentComplete', '<t:PercentComplete>100</t:PercentComplete>');
    expect(await read()).toEqual({
      status: 'Completed',
      percent: '100',
      isComplete: 'true',
      completeDate: iso(0),
      description: 'Completed',
    });
    // Reopened below 100 %: InProgress, the CompleteDate gone; completed again: a CompleteDate again.
    await set('task:PercentComplete', '<t:PercentComplete>50</t:PercentComplete>');
    expect(await read()).toMatchObject({
      status: 'InProgress',
      percent: '50',
      isComplete: 'false',
      completeDate: undefined,
    });
    await set('task:Status', '<t:Status>Completed</t:Status>');
    expect(await read()).toMatchObject({
      status: 'Completed',
      percent: '100',
      isComplete: 'true',
      completeDate: iso(0),
    });
  });
});
