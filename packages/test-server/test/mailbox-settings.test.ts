import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const getOof = (address: string) =>
  `<m:GetUserOofSettingsRequest><t:Mailbox><t:Address>${address}</t:Address></t:Mailbox></m:GetUserOofSettingsRequest>`;
const setOof = (address: string, settings: string) =>
  `<m:SetUserOofSettingsRequest><t:Mailbox><t:Address>${address}</t:Address></t:Mailbox><t:UserOofSettings>${settings}</t:UserOofSettings></m:SetUserOofSettingsRequest>`;

describe('OOF, delegates, junk and user configuration', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.finish();
  });

  it('SetUserOofSettings stores a schedule that GetUserOofSettings returns; others are denied', async () => {
    const before = await h.call('dave', getOof('dave@contoso.test'));
    expect(first(before.doc, 'OofState').text).toBe('Disabled');
    const set = await h.call(
      'dave',
      setOof(
        'dave@contoso.test',
        '<t:OofState>Scheduled</t:OofState><t:ExternalAudience>Known</t:ExternalAudience>' +
          '<t:Duration><t:StartTime>2026-04-01T00:00:00Z</t:StartTime><t:EndTime>2026-04-10T00:00:00Z</t:EndTime></t:Duration>' +
          '<t:InternalReply><t:Message>Back on the 10th.</t:Message></t:InternalReply>',
      ),
    );
    expect(texts(set.doc, 'ResponseCode')).toEqual(['NoError']);
    const after = await h.call('dave', getOof('dave@contoso.test'));
    expect(first(after.doc, 'OofState').text).toBe('Scheduled');
    expect(first(after.doc, 'ExternalAudience').text).toBe('Known');
    expect(first(after.doc, 'StartTime').text).toBe('2026-04-01T00:00:00Z');
    expect(first(first(after.doc, 'InternalReply'), 'Message').text).toBe('Back on the 10th.');

    const bad = await h.call(
      'dave',
      setOof(
        'dave@contoso.test',
        '<t:OofState>Scheduled</t:OofState><t:ExternalAudience>All</t:ExternalAudience>' +
          '<t:Duration><t:StartTime>2026-04-10T00:00:00Z</t:StartTime><t:EndTime>2026-04-01T00:00:00Z</t:EndTime></t:Duration>',
      ),
    );
    expect(texts(bad.doc, 'ResponseCode')).toEqual(['ErrorInvalidScheduledOofDuration']);
    const denied = await h.call('erin', getOof('dave@contoso.test'));
    expect(texts(denied.doc, 'ResponseCode')).toEqual(['ErrorAccessDenied']);
  });

  it('GetDelegate lists Grace for Alice, with permissions when asked', async () => {
    const reply = await h.call(
      'alice',
      '<m:GetDelegate IncludePermissions="true"><m:Mailbox><t:EmailAddress>alice@contoso.test</t:EmailAddress></m:Mailbox></m:GetDelegate>',
    );
    expect(first(reply.doc, 'GetDelegateResponse').attrs.ResponseClass).toBe('Success');
    expect(texts(reply.doc, 'PrimarySmtpAddress')).toEqual(['grace@contoso.test']);
    expect(first(reply.doc, 'CalendarFolderPermissionLevel').text).toBe('Editor');
    const none = await h.call(
      'bob',
      '<m:GetDelegate IncludePermissions="false"><m:Mailbox><t:EmailAddress>bob@contoso.test</t:EmailAddress></m:Mailbox></m:GetDelegate>',
    );
    expect(texts(none.doc, 'PrimarySmtpAddress')).toEqual([]);
    const denied = await h.call(
      'bob',
      '<m:GetDelegate IncludePermissions="false"><m:Mailbox><t:EmailAddress>alice@contoso.test</t:EmailAddress></m:Mailbox></m:GetDelegate>',
    );
    expect(first(denied.doc, 'GetDelegateResponse').attrs.ResponseClass).toBe('Error');
    expect(first(denied.doc, 'ResponseCode').text).toBe('ErrorAccessDenied');
  });

  it('MarkAsJunk moves a message to Junk Email under a new id', async () => {
    const inbox = await h.call(
      'carol',
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
        '<m:IndexedPageItemView MaxEntriesReturned="1" Offset="0" BasePoint="Beginning"/>' +
        '<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>',
    );
    const id = first(inbox.doc, 'ItemId').attrs.Id;
    const junk = await h.call(
      'carol',
      `<m:MarkAsJunk IsJunk="true" MoveItem="true"><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:MarkAsJunk>`,
    );
    expect(texts(junk.doc, 'ResponseCode')).toEqual(['NoError']);
    const movedId = first(junk.doc, 'MovedItemId').attrs.Id;
    expect(movedId).not.toBe(id);
    const junkFolder = await h.call(
      'carol',
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
        '<m:ParentFolderIds><t:DistinguishedFolderId Id="junkemail"/></m:ParentFolderIds></m:FindItem>',
    );
    expect(findAll(junkFolder.doc, 'ItemId').map((e) => e.attrs.Id)).toEqual([movedId]);
  });

  it('GetUserConfiguration answers ErrorItemNotFound for a configuration that does not exist', async () => {
    const reply = await h.call(
      'alice',
      '<m:GetUserConfiguration><m:UserConfigurationName Name="OWA.UserOptions"><t:DistinguishedFolderId Id="root"/></m:UserConfigurationName>' +
        '<m:UserConfigurationProperties>All</m:UserConfigurationProperties></m:GetUserConfiguration>',
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['ErrorItemNotFound']);
  });
});

describe('ArchiveItem and GetSearchableMailboxes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.finish();
  });

  it('ArchiveItem: no archive mailbox; GetSearchableMailboxes: only for the service account', async () => {
    const inbox = await h.call(
      'alice',
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
        '<m:IndexedPageItemView MaxEntriesReturned="1" Offset="0" BasePoint="Beginning"/>' +
        '<m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds></m:FindItem>',
    );
    const id = first(inbox.doc, 'ItemId').attrs.Id;
    const archived = await h.call(
      'alice',
      `<m:ArchiveItem><m:ArchiveSourceFolderId><t:DistinguishedFolderId Id="inbox"/></m:ArchiveSourceFolderId><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:ArchiveItem>`,
    );
    expect(texts(archived.doc, 'ResponseCode')).toEqual(['ErrorArchiveMailboxNotEnabled']);

    const search =
      '<m:GetSearchableMailboxes><m:SearchFilter>room</m:SearchFilter></m:GetSearchableMailboxes>';
    const allowed = await h.call('ews.service', search);
    expect(texts(allowed.doc, 'PrimarySmtpAddress')).toEqual(
      h.server.mailboxes
        .filter((m) => `${m.address} ${m.name}`.toLowerCase().includes('room'))
        .map((m) => m.address),
    );
    expect(texts(allowed.doc, 'PrimarySmtpAddress').length).toBeGreaterThanOrEqual(3);
    const denied = await h.call('alice', search);
    expect(texts(denied.doc, 'ResponseCode')).toEqual(['ErrorAccessDenied']);
  });
});
