import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XmlElement } from '../src/xml/xml-tree.js';
import { findAll, first, type Harness, NOW, startHarness, texts } from './support/harness.js';

const EVENT_TYPES = [
  'NewMailEvent',
  'CreatedEvent',
  'ModifiedEvent',
  'DeletedEvent',
  'MovedEvent',
  'CopiedEvent',
];
const eventTypes = EVENT_TYPES.map((t) => `<t:EventType>${t}</t:EventType>`).join('');
const subscribe = (folders: string, timeout = 10) =>
  `<m:Subscribe><m:PullSubscriptionRequest><t:FolderIds>${folders}</t:FolderIds>` +
  `<t:EventTypes>${eventTypes}</t:EventTypes><t:Timeout>${timeout}</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>`;
const subscribeInbox = subscribe('<t:DistinguishedFolderId Id="inbox"/>');
const getEvents = (id: string, watermark: string) =>
  `<m:GetEvents><m:SubscriptionId>${id}</m:SubscriptionId><m:Watermark>${watermark}</m:Watermark></m:GetEvents>`;
const mailTo = (to: string, subject: string) =>
  `<m:CreateItem MessageDisposition="SendOnly"><m:Items><t:Message><t:Subject>${subject}</t:Subject>` +
  `<t:ToRecipients><t:Mailbox><t:EmailAddress>${to}</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message></m:Items></m:CreateItem>`;
const markRead = (itemId: string) =>
  `<m:UpdateItem ConflictResolution="AlwaysOverwrite" MessageDisposition="SaveOnly"><m:ItemChanges><t:ItemChange><t:ItemId Id="${itemId}"/>` +
  '<t:Updates><t:SetItemField><t:FieldURI FieldURI="message:IsRead"/><t:Message><t:IsRead>true</t:IsRead></t:Message></t:SetItemField></t:Updates>' +
  '</t:ItemChange></m:ItemChanges></m:UpdateItem>';
const moveOrCopy = (op: 'MoveItem' | 'CopyItem', id: string, to: string) =>
  `<m:${op}><m:ToFolderId><t:DistinguishedFolderId Id="${to}"/></m:ToFolderId><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:${op}>`;
const hardDelete = (id: string) =>
  `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:DeleteItem>`;
const eventNames = (doc: XmlElement) =>
  first(doc, 'Notification')
    .children.map((c) => c.name)
    .filter((n) => n.endsWith('Event'));
/** The watermark of the newest event: what a client sends next. */
const lastWatermark = (doc: XmlElement) => texts(first(doc, 'Notification'), 'Watermark').at(-1) ?? '';

describe('pull notifications', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('Subscribe, then GetEvents reports new mail, changes and deletions; Unsubscribe ends it', async () => {
    const subscribed = await h.call('alice', subscribeInbox);
    expect(texts(subscribed.doc, 'ResponseCode')).toEqual(['NoError']);
    const id = first(subscribed.doc, 'SubscriptionId').text;
    let watermark = first(subscribed.doc, 'Watermark').text;

    const quiet = await h.call('alice', getEvents(id, watermark));
    expect(eventNames(quiet.doc)).toEqual(['StatusEvent']);
    // Nothing happened: the status event carries the watermark the client sent.
    expect(first(first(quiet.doc, 'StatusEvent'), 'Watermark').text).toBe(watermark);

    await h.call('bob', mailTo('alice@contoso.test', 'ping'));
    const mail = await h.call('alice', getEvents(id, watermark));
    expect(eventNames(mail.doc)).toEqual(['CreatedEvent', 'NewMailEvent']);
    const itemId = first(first(mail.doc, 'NewMailEvent'), 'ItemId').attrs.Id ?? '';
    expect(first(mail.doc, 'PreviousWatermark').text).toBe(watermark);
    expect(first(mail.doc, 'MoreEvents').text).toBe('false');
    expect(first(first(mail.doc, 'CreatedEvent'), 'TimeStamp').text).toBe('2026-03-11T12:00:00Z');
    watermark = lastWatermark(mail.doc);

    await h.call('alice', markRead(itemId));
    const modified = await h.call('alice', getEvents(id, watermark));
    expect(eventNames(modified.doc)).toEqual(['ModifiedEvent']);
    watermark = lastWatermark(modified.doc);
    await h.call('alice', hardDelete(itemId));
    const deleted = await h.call('alice', getEvents(id, watermark));
    expect(eventNames(deleted.doc)).toEqual(['DeletedEvent']);
    expect(first(first(deleted.doc, 'DeletedEvent'), 'ItemId').attrs.Id).toBe(itemId);
    watermark = lastWatermark(deleted.doc);

    const stolen = await h.call('bob', getEvents(id, watermark));
    expect(texts(stolen.doc, 'ResponseCode')).toEqual(['ErrorSubscriptionNotFound']);
    const ended = await h.call(
      'alice',
      `<m:Unsubscribe><m:SubscriptionId>${id}</m:SubscriptionId></m:Unsubscribe>`,
    );
    expect(texts(ended.doc, 'ResponseCode')).toEqual(['NoError']);
    const gone = await h.call('alice', getEvents(id, watermark));
    expect(texts(gone.doc, 'ResponseCode')).toEqual(['ErrorSubscriptionNotFound']);
  });

  it('re-sending a watermark gets the events after it again; acknowledged ones are gone', async () => {
    const subscribed = await h.call('alice', subscribeInbox);
    const id = first(subscribed.doc, 'SubscriptionId').text;
    const start = first(subscribed.doc, 'Watermark').text;
    await h.call('bob', mailTo('alice@contoso.test', 'one'));
    const firstRead = await h.call('alice', getEvents(id, start));
    expect(eventNames(firstRead.doc)).toEqual(['CreatedEvent', 'NewMailEvent']);
    const itemId = first(first(firstRead.doc, 'CreatedEvent'), 'ItemId').attrs.Id ?? '';
    await h.call('alice', markRead(itemId));
    // The client lost the answer: the same watermark brings the same events back, plus the new one.
    const again = await h.call('alice', getEvents(id, start));
    expect(eventNames(again.doc)).toEqual(['CreatedEvent', 'NewMailEvent', 'ModifiedEvent']);
    expect(texts(again.doc, 'Watermark').slice(0, 2)).toEqual(texts(firstRead.doc, 'Watermark').slice(0, 2));
    const acked = lastWatermark(again.doc);
    const quiet = await h.call('alice', getEvents(id, acked));
    expect(eventNames(quiet.doc)).toEqual(['StatusEvent']);
    // Once a later watermark acknowledged them, the old one is no longer valid.
    const stale = await h.call('alice', getEvents(id, start));
    expect(texts(stale.doc, 'ResponseCode')).toEqual(['ErrorInvalidWatermark']);
    const garbage = await h.call('alice', getEvents(id, 'bm90IGEgd2F0ZXJtYXJr'));
    expect(texts(garbage.doc, 'ResponseCode')).toEqual(['ErrorInvalidWatermark']);
    await h.call('alice', `<m:Unsubscribe><m:SubscriptionId>${id}</m:SubscriptionId></m:Unsubscribe>`);
  });

  it('two identical drafts (same clock, same content) are two creations, not a copy', async () => {
    const subscribed = await h.call('alice', subscribe('<t:DistinguishedFolderId Id="drafts"/>'));
    const id = first(subscribed.doc, 'SubscriptionId').text;
    const draft =
      '<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId><t:DistinguishedFolderId Id="drafts"/></m:SavedItemFolderId>' +
      '<m:Items><t:Message><t:Subject>twice</t:Subject></t:Message></m:Items></m:CreateItem>';
    await h.call('alice', draft);
    await h.call('alice', draft);
    const events = await h.call('alice', getEvents(id, first(subscribed.doc, 'Watermark').text));
    expect(eventNames(events.doc)).toEqual(['CreatedEvent', 'CreatedEvent']);
    await h.call('alice', `<m:Unsubscribe><m:SubscriptionId>${id}</m:SubscriptionId></m:Unsubscribe>`);
  });

  it('reports moves and copies with the old id and folder, to subscriptions on either folder', async () => {
    const inboxSub = await h.call('alice', subscribeInbox);
    const archiveSub = await h.call('alice', subscribe('<t:DistinguishedFolderId Id="drafts"/>'));
    const allSub = await h.call(
      'alice',
      `<m:Subscribe><m:PullSubscriptionRequest SubscribeToAllFolders="true"><t:EventTypes>${eventTypes}</t:EventTypes>` +
        '<t:Timeout>10</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>',
    );
    const ids = [inboxSub, archiveSub, allSub].map((r) => first(r.doc, 'SubscriptionId').text);
    const marks = [inboxSub, archiveSub, allSub].map((r) => first(r.doc, 'Watermark').text);
    await h.call('bob', mailTo('alice@contoso.test', 'move me'));
    const created = await h.call('alice', getEvents(ids[0] ?? '', marks[0] ?? ''));
    const original = first(first(created.doc, 'CreatedEvent'), 'ItemId').attrs.Id ?? '';
    const inboxFolder = first(first(created.doc, 'CreatedEvent'), 'ParentFolderId').attrs.Id;
    marks[0] = lastWatermark(created.doc);

    const moved = await h.call('alice', moveOrCopy('MoveItem', original, 'drafts'));
    const movedId = first(first(moved.doc, 'Items'), 'ItemId').attrs.Id ?? '';
    const copied = await h.call('alice', moveOrCopy('CopyItem', movedId, 'inbox'));
    const copyId = first(first(copied.doc, 'Items'), 'ItemId').attrs.Id ?? '';

    const inboxView = await h.call('alice', getEvents(ids[0] ?? '', marks[0] ?? ''));
    expect(eventNames(inboxView.doc)).toEqual(['MovedEvent', 'CopiedEvent']);
    const move = first(inboxView.doc, 'MovedEvent');
    expect(first(move, 'ItemId').attrs.Id).toBe(movedId);
    expect(first(move, 'OldItemId').attrs.Id).toBe(original);
    expect(first(move, 'OldParentFolderId').attrs.Id).toBe(inboxFolder);
    const copy = first(inboxView.doc, 'CopiedEvent');
    expect(first(copy, 'ItemId').attrs.Id).toBe(copyId);
    expect(first(copy, 'OldItemId').attrs.Id).toBe(movedId);
    expect(first(copy, 'ParentFolderId').attrs.Id).toBe(inboxFolder);

    const draftsView = await h.call('alice', getEvents(ids[1] ?? '', marks[1] ?? ''));
    expect(eventNames(draftsView.doc)).toEqual(['MovedEvent', 'CopiedEvent']);
    const allView = await h.call('alice', getEvents(ids[2] ?? '', marks[2] ?? ''));
    expect(eventNames(allView.doc)).toEqual(['CreatedEvent', 'NewMailEvent', 'MovedEvent', 'CopiedEvent']);
    for (const id of ids) {
      await h.call('alice', `<m:Unsubscribe><m:SubscriptionId>${id}</m:SubscriptionId></m:Unsubscribe>`);
    }
  });

  it('reports folders created, moved and deleted to a SubscribeToAllFolders subscription', async () => {
    const all = await h.call(
      'alice',
      `<m:Subscribe><m:PullSubscriptionRequest SubscribeToAllFolders="true"><t:EventTypes>${eventTypes}</t:EventTypes>` +
        '<t:Timeout>10</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>',
    );
    const id = first(all.doc, 'SubscriptionId').text;
    const made = await h.call(
      'alice',
      '<m:CreateFolder><m:ParentFolderId><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderId>' +
        '<m:Folders><t:Folder><t:DisplayName>Projects</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>',
    );
    const folderId = first(first(made.doc, 'Folders'), 'FolderId').attrs.Id ?? '';
    await h.call(
      'alice',
      `<m:MoveFolder><m:ToFolderId><t:DistinguishedFolderId Id="drafts"/></m:ToFolderId><m:FolderIds><t:FolderId Id="${folderId}"/></m:FolderIds></m:MoveFolder>`,
    );
    await h.call(
      'alice',
      `<m:DeleteFolder DeleteType="HardDelete"><m:FolderIds><t:FolderId Id="${folderId}"/></m:FolderIds></m:DeleteFolder>`,
    );
    const events = await h.call('alice', getEvents(id, first(all.doc, 'Watermark').text));
    expect(eventNames(events.doc)).toEqual(['CreatedEvent', 'MovedEvent', 'DeletedEvent']);
    for (const name of ['CreatedEvent', 'MovedEvent', 'DeletedEvent']) {
      expect(first(first(events.doc, name), 'FolderId').attrs.Id).toBe(folderId);
    }
    expect(first(first(events.doc, 'MovedEvent'), 'OldFolderId').attrs.Id).toBe(folderId);
    await h.call('alice', `<m:Unsubscribe><m:SubscriptionId>${id}</m:SubscriptionId></m:Unsubscribe>`);
  });

  it('refuses GetEvents on a streaming subscription, and says so when events were missed', async () => {
    const streaming = await h.call(
      'alice',
      '<m:Subscribe><m:StreamingSubscriptionRequest><t:FolderIds><t:DistinguishedFolderId Id="inbox"/></t:FolderIds>' +
        '<t:EventTypes><t:EventType>CreatedEvent</t:EventType></t:EventTypes></m:StreamingSubscriptionRequest></m:Subscribe>',
    );
    const streamingId = first(streaming.doc, 'SubscriptionId').text;
    const wrongKind = await h.call('alice', getEvents(streamingId, 'AAAA'));
    expect(texts(wrongKind.doc, 'ResponseCode')).toEqual(['ErrorInvalidSubscription']);
    await h.call(
      'alice',
      `<m:Unsubscribe><m:SubscriptionId>${streamingId}</m:SubscriptionId></m:Unsubscribe>`,
    );

    // More than 1000 unacknowledged events: the oldest are dropped and the client is told.
    const subscribed = await h.call('alice', subscribe('<t:DistinguishedFolderId Id="notes"/>'));
    const id = first(subscribed.doc, 'SubscriptionId').text;
    const notes = Array.from(
      { length: 1001 },
      (_, i) => `<t:Message><t:Subject>n${i}</t:Subject></t:Message>`,
    );
    const made = await h.call(
      'alice',
      `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId><t:DistinguishedFolderId Id="notes"/></m:SavedItemFolderId><m:Items>${notes.join('')}</m:Items></m:CreateItem>`,
    );
    expect(findAll(made.doc, 'ItemId')).toHaveLength(1001);
    const missed = await h.call('alice', getEvents(id, first(subscribed.doc, 'Watermark').text));
    expect(texts(missed.doc, 'ResponseCode')).toEqual(['ErrorMissedNotificationEvents']);
    await h.call('alice', `<m:Unsubscribe><m:SubscriptionId>${id}</m:SubscriptionId></m:Unsubscribe>`);
  });

  it('pages with MoreEvents (50 per answer)', async () => {
    const subscribed = await h.call('alice', subscribe('<t:DistinguishedFolderId Id="drafts"/>'));
    const id = first(subscribed.doc, 'SubscriptionId').text;
    const items = Array.from({ length: 26 }, (_, i) => `<t:Message><t:Subject>d${i}</t:Subject></t:Message>`);
    const made = await h.call(
      'alice',
      `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId><t:DistinguishedFolderId Id="drafts"/></m:SavedItemFolderId><m:Items>${items.join('')}</m:Items></m:CreateItem>`,
    );
    const itemIds = findAll(made.doc, 'ItemId').map((e) => e.attrs.Id ?? '');
    expect(itemIds).toHaveLength(26);
    await h.call(
      'alice',
      `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds>${itemIds.map((i) => `<t:ItemId Id="${i}"/>`).join('')}</m:ItemIds></m:DeleteItem>`,
    );
    const page1 = await h.call('alice', getEvents(id, first(subscribed.doc, 'Watermark').text));
    expect(eventNames(page1.doc)).toHaveLength(50);
    expect(first(page1.doc, 'MoreEvents').text).toBe('true');
    const page2 = await h.call('alice', getEvents(id, lastWatermark(page1.doc)));
    expect(eventNames(page2.doc)).toEqual(['DeletedEvent', 'DeletedEvent']);
    expect(first(page2.doc, 'MoreEvents').text).toBe('false');
  });
});

describe('subscriptions are made as the mailbox itself', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });
  const alicesInbox =
    '<t:DistinguishedFolderId Id="inbox"><t:Mailbox><t:EmailAddress>alice@contoso.test</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>';

  it('the owner and an impersonating service account subscribe to a folder of the mailbox', async () => {
    const own = await h.call('alice', subscribe(alicesInbox));
    expect(first(own.doc, 'ResponseCode').text).toBe('NoError');
    const impersonated = await h.call('ews.service', subscribe(alicesInbox), {
      impersonate: 'alice@contoso.test',
    });
    expect(first(impersonated.doc, 'ResponseCode').text).toBe('NoError');
  });

  it('a delegate naming the mailbox is refused as Exchange does (ErrorSubscriptionDelegateAccessNotSupported)', async () => {
    // Grace has full access to Alice's mailbox; a subscription through it is still not supported.
    const delegated = await h.call('grace', subscribe(alicesInbox));
    expect(first(delegated.doc, 'ResponseCode').text).toBe('ErrorSubscriptionDelegateAccessNotSupported');
  });
});

describe('pull subscription timeout', () => {
  it('expires a subscription not polled within its Timeout (by the server clock)', async () => {
    let now = NOW.getTime();
    const h = await startHarness({ seed: 'empty', now: () => new Date(now) });
    try {
      const subscribed = await h.call('alice', subscribe('<t:DistinguishedFolderId Id="inbox"/>', 2));
      const id = first(subscribed.doc, 'SubscriptionId').text;
      const mark = first(subscribed.doc, 'Watermark').text;
      now += 90_000;
      const polled = await h.call('alice', getEvents(id, mark));
      expect(texts(polled.doc, 'ResponseCode')).toEqual(['NoError']);
      now += 119_000;
      expect(texts((await h.call('alice', getEvents(id, mark))).doc, 'ResponseCode')).toEqual(['NoError']);
      now += 121_000;
      const expired = await h.call('alice', getEvents(id, mark));
      expect(texts(expired.doc, 'ResponseCode')).toEqual(['ErrorSubscriptionNotFound']);
    } finally {
      await h.finish();
    }
  });
});
