import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XmlElement } from '../src/xml/xml-tree.js';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

// "Deleting items by using EWS in Exchange": an item moved to Deleted Items is a move, and Exchange's
// item ids name their folder, so it has a new id there and the old one is not found. Every operation
// that puts an item in Deleted Items does so: DeclineItem (the declined request and the attendee's
// calendar item), RemoveItem (a cancelled meeting and its cancellation), CancelCalendarItem (the
// organizer's item) and an inbox rule's Delete action. A pull subscription reports such a move as a
// MovedEvent naming OldItemId and the new ItemId ("Notification events": MovedEvent).

const attendee = (address: string) =>
  `<t:Attendee><t:Mailbox><t:EmailAddress>${address}</t:EmailAddress></t:Mailbox></t:Attendee>`;
const findIn = (folder: string) =>
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
  `<m:ParentFolderIds><t:DistinguishedFolderId Id="${folder}"/></m:ParentFolderIds></m:FindItem>`;
const getItem = (id: string) =>
  '<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
  '<t:FieldURI FieldURI="item:ParentFolderId"/></t:AdditionalProperties></m:ItemShape>' +
  `<m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const getAll = (id: string) =>
  `<m:GetItem><m:ItemShape><t:BaseShape>AllProperties</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const respond = (element: string, refId: string, disposition: string) =>
  `<m:CreateItem MessageDisposition="${disposition}"><m:Items>` +
  `<t:${element}><t:ReferenceItemId Id="${refId}"/></t:${element}></m:Items></m:CreateItem>`;
const subscribeAll =
  '<m:Subscribe><m:PullSubscriptionRequest SubscribeToAllFolders="true"><t:EventTypes>' +
  ['NewMailEvent', 'CreatedEvent', 'ModifiedEvent', 'DeletedEvent', 'MovedEvent', 'CopiedEvent']
    .map((t) => `<t:EventType>${t}</t:EventType>`)
    .join('') +
  '</t:EventTypes><t:Timeout>10</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>';
const getEvents = (id: string, watermark: string) =>
  `<m:GetEvents><m:SubscriptionId>${id}</m:SubscriptionId><m:Watermark>${watermark}</m:Watermark></m:GetEvents>`;

describe('every move into Deleted Items gives the item a new id', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  const folderId = async (user: string, distinguished: string) => {
    const got = await h.call(
      user,
      `<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="${distinguished}"/></m:FolderIds></m:GetFolder>`,
    );
    return first(got.doc, 'FolderId').attrs.Id ?? '';
  };
  const idsOf = async (user: string, folder: string, kind: string) =>
    findAll((await h.call(user, findIn(folder))).doc, kind).map((i) => first(i, 'ItemId').attrs.Id ?? '');
  const code = async (user: string, id: string) =>
    texts((await h.call(user, getItem(id))).doc, 'ResponseCode');
  const subscribe = async (user: string) => {
    const reply = await h.call(user, subscribeAll);
    return { id: first(reply.doc, 'SubscriptionId').text, watermark: first(reply.doc, 'Watermark').text };
  };
  /** The events since subscribing, as `Name old→new (oldParent→parent)` (ids as given). */
  const eventsOf = async (user: string, sub: { id: string; watermark: string }) => {
    const reply = await h.call(user, getEvents(sub.id, sub.watermark));
    return first(reply.doc, 'Notification')
      .children.filter((c) => c.name.endsWith('Event') && c.name !== 'StatusEvent')
      .map((e: XmlElement) => ({
        name: e.name,
        id: first(e, 'ItemId').attrs.Id,
        oldId: e.children.find((c) => c.name === 'OldItemId')?.attrs.Id,
        parent: first(e, 'ParentFolderId').attrs.Id,
        oldParent: e.children.find((c) => c.name === 'OldParentFolderId')?.attrs.Id,
      }));
  };

  /** alice invites `who`; returns each attendee's MeetingRequest id and calendar item id. */
  async function invite(subject: string, who: readonly string[]) {
    const created = await h.call(
      'alice',
      '<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:Items><t:CalendarItem>' +
        `<t:Subject>${subject}</t:Subject><t:Start>2026-03-23T09:00:00Z</t:Start><t:End>2026-03-23T10:00:00Z</t:End>` +
        `<t:RequiredAttendees>${who.map((u) => attendee(`${u}@contoso.test`)).join('')}</t:RequiredAttendees>` +
        '</t:CalendarItem></m:Items></m:CreateItem>',
    );
    const organizerItem = first(created.doc, 'ItemId').attrs.Id ?? '';
    const attendees = new Map<string, { request: string; entry: string }>();
    for (const user of who) {
      const [request = ''] = await idsOf(user, 'inbox', 'MeetingRequest');
      const got = await h.call(user, getAll(request));
      attendees.set(user, { request, entry: first(got.doc, 'AssociatedCalendarItemId').attrs.Id ?? '' });
    }
    return { organizerItem, attendees };
  }

  it('DeclineItem: the request and the calendar item move to Deleted Items under new ids, links follow', async () => {
    const { attendees } = await invite('Declined one', ['bob']);
    const { request, entry } = attendees.get('bob')!;
    const sub = await subscribe('bob');
    const declined = await h.call('bob', respond('DeclineItem', request, 'SendAndSaveCopy'));
    expect(texts(declined.doc, 'ResponseCode')).toEqual(['NoError']);

    expect(await code('bob', request)).toEqual(['ErrorItemNotFound']);
    expect(await code('bob', entry)).toEqual(['ErrorItemNotFound']);
    const [newRequest = ''] = await idsOf('bob', 'deleteditems', 'MeetingRequest');
    const [newEntry = ''] = await idsOf('bob', 'deleteditems', 'CalendarItem');
    expect(newRequest).not.toBe('');
    expect(newEntry).not.toBe('');
    expect([newRequest, newEntry]).not.toContain(request);
    expect([newRequest, newEntry]).not.toContain(entry);
    expect(await code('bob', newEntry)).toEqual(['NoError']);

    // The request in Deleted Items and the kept response still lead to the (moved) calendar item.
    const movedRequest = await h.call('bob', getAll(newRequest));
    expect(first(movedRequest.doc, 'AssociatedCalendarItemId').attrs.Id).toBe(newEntry);
    const [sentResponse = ''] = await idsOf('bob', 'sentitems', 'MeetingResponse');
    const response = await h.call('bob', getAll(sentResponse));
    expect(first(response.doc, 'AssociatedCalendarItemId').attrs.Id).toBe(newEntry);

    const deleted = await folderId('bob', 'deleteditems');
    const moves = (await eventsOf('bob', sub)).filter((e) => e.name === 'MovedEvent');
    expect(moves).toEqual(
      expect.arrayContaining([
        {
          name: 'MovedEvent',
          id: newEntry,
          oldId: entry,
          parent: deleted,
          oldParent: await folderId('bob', 'calendar'),
        },
        {
          name: 'MovedEvent',
          id: newRequest,
          oldId: request,
          parent: deleted,
          oldParent: await folderId('bob', 'inbox'),
        },
      ]),
    );
    expect(moves).toHaveLength(2);
  });

  it('CancelCalendarItem moves the organizer item and RemoveItem the attendee item to Deleted Items under new ids', async () => {
    const { organizerItem, attendees } = await invite('Cancelled one', ['carol']);
    const { entry } = attendees.get('carol')!;
    const aliceSub = await subscribe('alice');
    const cancelled = await h.call('alice', respond('CancelCalendarItem', organizerItem, 'SendOnly'));
    expect(texts(cancelled.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(await code('alice', organizerItem)).toEqual(['ErrorItemNotFound']);
    const [binned = ''] = await idsOf('alice', 'deleteditems', 'CalendarItem');
    expect(binned).not.toBe('');
    expect(binned).not.toBe(organizerItem);
    expect(await eventsOf('alice', aliceSub)).toContainEqual({
      name: 'MovedEvent',
      id: binned,
      oldId: organizerItem,
      parent: await folderId('alice', 'deleteditems'),
      oldParent: await folderId('alice', 'calendar'),
    });

    const [cancellation = ''] = await idsOf('carol', 'inbox', 'MeetingCancellation');
    const carolSub = await subscribe('carol');
    const removed = await h.call('carol', respond('RemoveItem', cancellation, 'SendOnly'));
    expect(texts(removed.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(await code('carol', entry)).toEqual(['ErrorItemNotFound']);
    expect(await code('carol', cancellation)).toEqual(['ErrorItemNotFound']);
    const [newEntry = ''] = await idsOf('carol', 'deleteditems', 'CalendarItem');
    const [newCancellation = ''] = await idsOf('carol', 'deleteditems', 'MeetingCancellation');
    expect(newEntry).not.toBe('');
    expect(newEntry).not.toBe(entry);
    expect(newCancellation).not.toBe(cancellation);
    // The cancellation in Deleted Items still names the calendar item, under its new id.
    const movedCancellation = await h.call('carol', getAll(newCancellation));
    expect(first(movedCancellation.doc, 'AssociatedCalendarItemId').attrs.Id).toBe(newEntry);
    const moves = (await eventsOf('carol', carolSub)).filter((e) => e.name === 'MovedEvent');
    expect(moves.map((m) => [m.oldId, m.id]).sort()).toEqual(
      [
        [entry, newEntry],
        [cancellation, newCancellation],
      ].sort(),
    );
  });

  it("an inbox rule's Delete action files the message in Deleted Items as a new item there", async () => {
    const rules = await h.call(
      'dave',
      '<m:UpdateInboxRules><m:RemoveOutlookRuleBlob>true</m:RemoveOutlookRuleBlob><m:Operations>' +
        '<t:CreateRuleOperation><t:Rule><t:DisplayName>bin it</t:DisplayName><t:Priority>1</t:Priority>' +
        '<t:IsEnabled>true</t:IsEnabled><t:Conditions><t:ContainsSubjectStrings><t:String>junk</t:String>' +
        '</t:ContainsSubjectStrings></t:Conditions><t:Actions><t:Delete>true</t:Delete></t:Actions>' +
        '</t:Rule></t:CreateRuleOperation></m:Operations></m:UpdateInboxRules>',
    );
    expect(first(rules.doc, 'UpdateInboxRulesResponse').attrs.ResponseClass).toBe('Success');
    const sub = await subscribe('dave');
    await h.call(
      'bob',
      '<m:CreateItem MessageDisposition="SendOnly"><m:Items><t:Message><t:Subject>junk offer</t:Subject>' +
        `<t:ToRecipients><t:Mailbox><t:EmailAddress>dave@contoso.test</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message></m:Items></m:CreateItem>`,
    );
    expect(await idsOf('dave', 'inbox', 'Message')).toEqual([]);
    const [binned = ''] = await idsOf('dave', 'deleteditems', 'Message');
    expect(await code('dave', binned)).toEqual(['NoError']);
    // It never was in the Inbox for anyone to see: created in Deleted Items, no new-mail event.
    expect(await eventsOf('dave', sub)).toEqual([
      {
        name: 'CreatedEvent',
        id: binned,
        oldId: undefined,
        parent: await folderId('dave', 'deleteditems'),
        oldParent: undefined,
      },
    ]);
  });
});
