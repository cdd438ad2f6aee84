import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first, type Harness, startHarness, texts } from './support/harness.js';

const subscribeInbox =
  '<m:Subscribe><m:PullSubscriptionRequest><t:FolderIds><t:DistinguishedFolderId Id="inbox"/></t:FolderIds>' +
  '<t:EventTypes><t:EventType>NewMailEvent</t:EventType><t:EventType>CreatedEvent</t:EventType>' +
  '<t:EventType>ModifiedEvent</t:EventType><t:EventType>DeletedEvent</t:EventType></t:EventTypes>' +
  '<t:Timeout>10</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>';
const getEvents = (id: string, watermark: string) =>
  `<m:GetEvents><m:SubscriptionId>${id}</m:SubscriptionId><m:Watermark>${watermark}</m:Watermark></m:GetEvents>`;
const mailTo = (to: string, subject: string) =>
  `<m:CreateItem MessageDisposition="SendOnly"><m:Items><t:Message><t:Subject>${subject}</t:Subject>` +
  `<t:ToRecipients><t:Mailbox><t:EmailAddress>${to}</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message></m:Items></m:CreateItem>`;
const eventNames = (doc: Parameters<typeof first>[0]) =>
  first(doc, 'Notification')
    .children.map((c) => c.name)
    .filter((n) => n.endsWith('Event'));

describe('pull notifications', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('Subscribe, then GetEvents reports new mail, changes and deletions once; Unsubscribe ends it', async () => {
    const subscribed = await h.call('alice', subscribeInbox);
    expect(texts(subscribed.doc, 'ResponseCode')).toEqual(['NoError']);
    const id = first(subscribed.doc, 'SubscriptionId').text;
    let watermark = first(subscribed.doc, 'Watermark').text;

    const quiet = await h.call('alice', getEvents(id, watermark));
    expect(eventNames(quiet.doc)).toEqual(['StatusEvent']);
    watermark = first(first(quiet.doc, 'StatusEvent'), 'Watermark').text;

    await h.call('bob', mailTo('alice@contoso.test', 'ping'));
    const mail = await h.call('alice', getEvents(id, watermark));
    expect(eventNames(mail.doc)).toEqual(['CreatedEvent', 'NewMailEvent']);
    const itemId = first(first(mail.doc, 'NewMailEvent'), 'ItemId').attrs.Id ?? '';
    expect(first(mail.doc, 'PreviousWatermark').text).toBe(watermark);

    await h.call(
      'alice',
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite" MessageDisposition="SaveOnly"><m:ItemChanges><t:ItemChange><t:ItemId Id="${itemId}"/>` +
        '<t:Updates><t:SetItemField><t:FieldURI FieldURI="message:IsRead"/><t:Message><t:IsRead>true</t:IsRead></t:Message></t:SetItemField></t:Updates>' +
        '</t:ItemChange></m:ItemChanges></m:UpdateItem>',
    );
    const modified = await h.call('alice', getEvents(id, watermark));
    expect(eventNames(modified.doc)).toEqual(['ModifiedEvent']);
    await h.call(
      'alice',
      `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="${itemId}"/></m:ItemIds></m:DeleteItem>`,
    );
    const deleted = await h.call('alice', getEvents(id, watermark));
    expect(eventNames(deleted.doc)).toEqual(['DeletedEvent']);
    expect(first(first(deleted.doc, 'DeletedEvent'), 'ItemId').attrs.Id).toBe(itemId);

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

  it('refuses streaming subscriptions (not supported here)', async () => {
    const reply = await h.call(
      'alice',
      '<m:Subscribe><m:StreamingSubscriptionRequest><t:FolderIds><t:DistinguishedFolderId Id="inbox"/></t:FolderIds>' +
        '<t:EventTypes><t:EventType>NewMailEvent</t:EventType></t:EventTypes></m:StreamingSubscriptionRequest></m:Subscribe>',
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['ErrorInvalidRequest']);
  });
});
