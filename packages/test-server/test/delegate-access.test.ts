import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotItem } from '../src/index.js';
import { first, type Harness, startHarness, texts } from './support/harness.js';
import { folderItems } from './support/snapshot-views.js';

// Who acts where, as Exchange's "Delegate access and EWS" and "ExchangeImpersonation" docs describe it:
// - Grace (delegate, full access to Alice) signs in as herself: a folder named without t:Mailbox is
//   GRACE's; to create or keep a copy in Alice's mailbox she must name it (explicit access); items she
//   reaches by id stay where they are (implicit access).
// - The service account impersonating Alice: the header makes Alice the actor, so folders without
//   t:Mailbox are ALICE's.
// - Bob has no rights on Alice's mailbox: anything of hers, by folder or by id, is ErrorAccessDenied.
const ALICE = 'alice@contoso.test';
const mailbox = (address: string) => `<t:Mailbox><t:EmailAddress>${address}</t:EmailAddress></t:Mailbox>`;
const folder = (id: string, owner?: string) =>
  owner === undefined
    ? `<t:DistinguishedFolderId Id="${id}"/>`
    : `<t:DistinguishedFolderId Id="${id}">${mailbox(owner)}</t:DistinguishedFolderId>`;
const saved = (id: string, owner?: string) =>
  `<m:SavedItemFolderId>${folder(id, owner)}</m:SavedItemFolderId>`;
const message = (subject: string, to = 'bob@contoso.test') =>
  `<t:Message><t:Subject>${subject}</t:Subject><t:Body BodyType="Text">Hi</t:Body>` +
  `<t:ToRecipients>${mailbox(to)}</t:ToRecipients></t:Message>`;
const meeting = (subject: string, attendees: readonly string[] = []) =>
  `<t:CalendarItem><t:Subject>${subject}</t:Subject>` +
  '<t:Start>2026-03-20T10:00:00Z</t:Start><t:End>2026-03-20T11:00:00Z</t:End>' +
  (attendees.length === 0
    ? ''
    : `<t:RequiredAttendees>${attendees.map((a) => `<t:Attendee>${mailbox(a)}</t:Attendee>`).join('')}</t:RequiredAttendees>`) +
  '</t:CalendarItem>';

describe('delegate access and impersonation: in which mailbox a write lands', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  const inFolder = (address: string, folderId: string, subject: string): SnapshotItem[] =>
    folderItems(h.server.snapshot().mailbox(address), folderId).filter((i) => i.subject === subject);
  const everywhere = (subject: string): string[] =>
    h.server
      .snapshot()
      .mailboxes.flatMap((box) =>
        box.items
          .filter((i) => i.subject === subject)
          .map(
            (i) => `${box.address}/${box.folders.find((f) => f.id === i.parentFolderId)?.distinguishedId}`,
          ),
      )
      .sort();
  const ok = (doc: Parameters<typeof texts>[0]) => expect(texts(doc, 'ResponseCode')).toEqual(['NoError']);
  const idOf = (doc: Parameters<typeof first>[0]) => first(doc, 'ItemId').attrs.Id ?? '';

  async function aliceDraft(subject: string): Promise<string> {
    const reply = await h.call(
      'alice',
      `<m:CreateItem MessageDisposition="SaveOnly">${saved('drafts')}<m:Items>${message(subject)}</m:Items></m:CreateItem>`,
    );
    ok(reply.doc);
    return idOf(reply.doc);
  }

  it('CreateItem without SavedItemFolderId: the delegate’s own calendar, the impersonated user’s under impersonation', async () => {
    const create = (subject: string, target = '') =>
      `<m:CreateItem SendMeetingInvitations="SendToNone">${target}<m:Items>${meeting(subject)}</m:Items></m:CreateItem>`;
    ok((await h.call('grace', create('delegate, no folder'))).doc);
    expect(everywhere('delegate, no folder')).toEqual(['grace@contoso.test/calendar']);
    ok((await h.call('grace', create('delegate, named', saved('calendar', ALICE)))).doc);
    expect(everywhere('delegate, named')).toEqual([`${ALICE}/calendar`]);
    ok((await h.call('ews.service', create('impersonated, no folder'), { impersonate: ALICE })).doc);
    expect(everywhere('impersonated, no folder')).toEqual([`${ALICE}/calendar`]);
    const denied = await h.call('bob', create('no rights', saved('calendar', ALICE)));
    expect(texts(denied.doc, 'ResponseCode')).toEqual(['ErrorAccessDenied']);
    expect(everywhere('no rights')).toEqual([]);
  });

  it('a sent message’s copy: the sender’s own Sent Items unless SavedItemFolderId names the owner’s', async () => {
    const send = (subject: string, target = '') =>
      `<m:CreateItem MessageDisposition="SendAndSaveCopy">${target}<m:Items>${message(subject)}</m:Items></m:CreateItem>`;
    ok((await h.call('grace', send('sent by grace'))).doc);
    expect(everywhere('sent by grace')).toEqual(['bob@contoso.test/inbox', 'grace@contoso.test/sentitems']);
    expect(inFolder('bob@contoso.test', 'inbox', 'sent by grace')[0]?.message?.from?.address).toBe(
      'grace@contoso.test',
    );
    ok((await h.call('grace', send('sent for alice', saved('sentitems', ALICE)))).doc);
    expect(everywhere('sent for alice')).toEqual(['alice@contoso.test/sentitems', 'bob@contoso.test/inbox']);
    expect(inFolder('bob@contoso.test', 'inbox', 'sent for alice')[0]?.message?.from?.address).toBe(ALICE);
    // CreateItem with SendOnly cannot name a mailbox: it sends as the signed-in user.
    ok(
      (
        await h.call(
          'grace',
          '<m:CreateItem MessageDisposition="SendOnly"><m:Items>' +
            message('send only') +
            '</m:Items></m:CreateItem>',
        )
      ).doc,
    );
    expect(inFolder('bob@contoso.test', 'inbox', 'send only')[0]?.message?.from?.address).toBe(
      'grace@contoso.test',
    );
  });

  it('a forward of the owner’s item keeps its copy in the delegate’s own Sent Items unless told otherwise', async () => {
    const original = await aliceDraft('thread');
    const forward = (subject: string, target = '') =>
      `<m:CreateItem MessageDisposition="SendAndSaveCopy">${target}<m:Items><t:ForwardItem>` +
      `<t:Subject>${subject}</t:Subject><t:ToRecipients>${mailbox('bob@contoso.test')}</t:ToRecipients>` +
      `<t:ReferenceItemId Id="${original}"/></t:ForwardItem></m:Items></m:CreateItem>`;
    ok((await h.call('grace', forward('forward, no folder'))).doc);
    expect(everywhere('forward, no folder')).toEqual([
      'bob@contoso.test/inbox',
      'grace@contoso.test/sentitems',
    ]);
    ok((await h.call('grace', forward('forward, named', saved('sentitems', ALICE)))).doc);
    expect(everywhere('forward, named')).toEqual([`${ALICE}/sentitems`, 'bob@contoso.test/inbox']);
    ok((await h.call('ews.service', forward('forward, impersonated'), { impersonate: ALICE })).doc);
    expect(everywhere('forward, impersonated')).toEqual([`${ALICE}/sentitems`, 'bob@contoso.test/inbox']);
    const denied = await h.call('bob', forward('forward, no rights'));
    expect(texts(denied.doc, 'ResponseCode')).toEqual(['ErrorAccessDenied']);
    expect(everywhere('forward, no rights')).toEqual([]);
  });

  it('a meeting answer for the owner: her calendar changes, the answer’s copy follows the same rule', async () => {
    const booked = await h.call(
      'bob',
      `<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy">${saved('calendar')}<m:Items>${meeting('Budget', [ALICE])}</m:Items></m:CreateItem>`,
    );
    ok(booked.doc);
    const request = inFolder(ALICE, 'inbox', 'Budget')[0];
    expect(request?.kind).toBe('MeetingRequest');
    const accept = (target = '', id = request?.id) =>
      `<m:CreateItem MessageDisposition="SendAndSaveCopy">${target}<m:Items><t:AcceptItem>` +
      `<t:ReferenceItemId Id="${id}"/></t:AcceptItem></m:Items></m:CreateItem>`;
    ok((await h.call('grace', accept())).doc);
    const sentCopies = (address: string) =>
      folderItems(h.server.snapshot().mailbox(address), 'sentitems').filter(
        (i) => i.kind === 'MeetingResponse',
      );
    expect(sentCopies('grace@contoso.test')).toHaveLength(1);
    expect(sentCopies(ALICE)).toHaveLength(0);
    expect(inFolder(ALICE, 'calendar', 'Budget')[0]?.calendar?.myResponseType).toBe('Accept');
    // Answered, the request went to Deleted Items under a new id (ids name their folder): answer that one.
    const retired = inFolder(ALICE, 'deleteditems', 'Budget').find((i) => i.kind === 'MeetingRequest');
    expect(retired?.id).not.toBe(request?.id);
    ok((await h.call('grace', accept(saved('sentitems', ALICE), retired?.id))).doc);
    expect(sentCopies(ALICE)).toHaveLength(1);
  });

  it('SendItem of the owner’s draft: the copy goes to the sender’s Sent Items unless SavedItemFolderId names hers', async () => {
    const sendItem = (id: string, target = '') =>
      `<m:SendItem SaveItemToFolder="true"><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds>${target}</m:SendItem>`;
    ok((await h.call('grace', sendItem(await aliceDraft('draft, no folder')))).doc);
    expect(everywhere('draft, no folder')).toEqual([
      'bob@contoso.test/inbox',
      'grace@contoso.test/sentitems',
    ]);
    ok((await h.call('grace', sendItem(await aliceDraft('draft, named'), saved('sentitems', ALICE)))).doc);
    expect(everywhere('draft, named')).toEqual([`${ALICE}/sentitems`, 'bob@contoso.test/inbox']);
    // Sent from the mailbox the draft is in, whoever sends it.
    expect(inFolder('bob@contoso.test', 'inbox', 'draft, no folder')[0]?.message?.from?.address).toBe(ALICE);
    const denied = await h.call('bob', sendItem(await aliceDraft('draft, no rights')));
    expect(texts(denied.doc, 'ResponseCode')).toEqual(['ErrorAccessDenied']);
    expect(everywhere('draft, no rights')).toEqual([`${ALICE}/drafts`]);
  });

  it('UpdateItem with SendAndSaveCopy sends the message; the copy follows SendItem’s rule; the answer has no item', async () => {
    const update = (id: string, subject: string, target = '') =>
      `<m:UpdateItem ConflictResolution="AlwaysOverwrite" MessageDisposition="SendAndSaveCopy">${target}` +
      `<m:ItemChanges><t:ItemChange><t:ItemId Id="${id}"/><t:Updates><t:SetItemField>` +
      `<t:FieldURI FieldURI="item:Subject"/><t:Message><t:Subject>${subject}</t:Subject></t:Message>` +
      '</t:SetItemField></t:Updates></t:ItemChange></m:ItemChanges></m:UpdateItem>';
    const updated = await h.call('grace', update(await aliceDraft('before'), 'updated, no folder'));
    ok(updated.doc);
    expect(texts(updated.doc, 'ItemId')).toEqual([]);
    expect(everywhere('updated, no folder')).toEqual([
      'bob@contoso.test/inbox',
      'grace@contoso.test/sentitems',
    ]);
    ok(
      (await h.call('grace', update(await aliceDraft('before'), 'updated, named', saved('sentitems', ALICE))))
        .doc,
    );
    expect(everywhere('updated, named')).toEqual([`${ALICE}/sentitems`, 'bob@contoso.test/inbox']);
    ok(
      (
        await h.call('ews.service', update(await aliceDraft('before'), 'updated, impersonated'), {
          impersonate: ALICE,
        })
      ).doc,
    );
    expect(everywhere('updated, impersonated')).toEqual([`${ALICE}/sentitems`, 'bob@contoso.test/inbox']);
  });

  it('folders and moves: a distinguished folder without t:Mailbox is the actor’s', async () => {
    const createFolder = (name: string) =>
      `<m:CreateFolder><m:ParentFolderId>${folder('msgfolderroot')}</m:ParentFolderId>` +
      `<m:Folders><t:Folder><t:DisplayName>${name}</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>`;
    const ownerOf = (name: string) =>
      h.server
        .snapshot()
        .mailboxes.filter((box) => box.folders.some((f) => f.displayName === name))
        .map((box) => box.address);
    ok((await h.call('grace', createFolder('Delegate folder'))).doc);
    expect(ownerOf('Delegate folder')).toEqual(['grace@contoso.test']);
    ok((await h.call('ews.service', createFolder('Impersonated folder'), { impersonate: ALICE })).doc);
    expect(ownerOf('Impersonated folder')).toEqual([ALICE]);
    const move = (id: string, to: string) =>
      `<m:MoveItem><m:ToFolderId>${to}</m:ToFolderId><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:MoveItem>`;
    ok((await h.call('grace', move(await aliceDraft('moved, no mailbox'), folder('inbox')))).doc);
    expect(everywhere('moved, no mailbox')).toEqual(['grace@contoso.test/inbox']);
    ok((await h.call('grace', move(await aliceDraft('moved, named'), folder('inbox', ALICE)))).doc);
    expect(everywhere('moved, named')).toEqual([`${ALICE}/inbox`]);
    const denied = await h.call('bob', move(await aliceDraft('moved, no rights'), folder('inbox')));
    expect(texts(denied.doc, 'ResponseCode')).toEqual(['ErrorAccessDenied']);
    expect(everywhere('moved, no rights')).toEqual([`${ALICE}/drafts`]);
  });

  it('rules and automatic replies: the mailbox named in the request, denied without rights', async () => {
    const rule = (owner: string, name: string) =>
      `<m:UpdateInboxRules><m:MailboxSmtpAddress>${owner}</m:MailboxSmtpAddress>` +
      '<m:RemoveOutlookRuleBlob>true</m:RemoveOutlookRuleBlob><m:Operations><t:CreateRuleOperation><t:Rule>' +
      `<t:DisplayName>${name}</t:DisplayName><t:Priority>1</t:Priority><t:IsEnabled>true</t:IsEnabled>` +
      '<t:Actions><t:MarkAsRead>true</t:MarkAsRead></t:Actions></t:Rule></t:CreateRuleOperation></m:Operations></m:UpdateInboxRules>';
    const rulesOf = (address: string) =>
      h.server
        .snapshot()
        .mailbox(address)
        .inboxRules.map((r) => r.displayName);
    expect(
      first((await h.call('grace', rule(ALICE, 'By Grace'))).doc, 'UpdateInboxRulesResponse').attrs
        .ResponseClass,
    ).toBe('Success');
    expect(rulesOf(ALICE)).toEqual(['By Grace']);
    expect(rulesOf('grace@contoso.test')).toEqual([]);
    expect(texts((await h.call('bob', rule(ALICE, 'By Bob'))).doc, 'ResponseCode')).toEqual([
      'ErrorAccessDenied',
    ]);
    const oof = (owner: string) =>
      `<m:SetUserOofSettingsRequest><t:Mailbox><t:Address>${owner}</t:Address></t:Mailbox>` +
      '<t:UserOofSettings><t:OofState>Enabled</t:OofState><t:ExternalAudience>All</t:ExternalAudience>' +
      '<t:InternalReply><t:Message>Away</t:Message></t:InternalReply><t:ExternalReply><t:Message>Away</t:Message></t:ExternalReply>' +
      '</t:UserOofSettings></m:SetUserOofSettingsRequest>';
    expect(texts((await h.call('grace', oof(ALICE))).doc, 'ResponseCode')).toEqual(['NoError']);
    expect(h.server.snapshot().mailbox(ALICE).oof.state).toBe('Enabled');
    expect(h.server.snapshot().mailbox('grace@contoso.test').oof.state).toBe('Disabled');
    expect(texts((await h.call('bob', oof(ALICE))).doc, 'ResponseCode')).toEqual(['ErrorAccessDenied']);
  });
});
