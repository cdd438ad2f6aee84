import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, NOW, startHarness, texts } from './support/harness.js';

const mailbox = (address: string) => `<m:Mailbox><t:EmailAddress>${address}</t:EmailAddress></m:Mailbox>`;
const user = (address: string, parts = '') =>
  `<t:DelegateUser><t:UserId><t:PrimarySmtpAddress>${address}</t:PrimarySmtpAddress></t:UserId>${parts}</t:DelegateUser>`;
const getDelegates = (address: string) =>
  `<m:GetDelegate IncludePermissions="true">${mailbox(address)}</m:GetDelegate>`;

describe('delegates are kept per mailbox: Add/Update/RemoveDelegate, then GetDelegate', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.finish();
  });

  it('answers one message per user in order, with the documented codes, and GetDelegate shows the change', async () => {
    const added = await h.call(
      'bob',
      `<m:AddDelegate>${mailbox('bob@contoso.test')}<m:DelegateUsers>` +
        user(
          'carol@contoso.test',
          '<t:DelegatePermissions><t:CalendarFolderPermissionLevel>Editor</t:CalendarFolderPermissionLevel>' +
            '<t:InboxFolderPermissionLevel>Reviewer</t:InboxFolderPermissionLevel></t:DelegatePermissions>' +
            '<t:ReceiveCopiesOfMeetingMessages>true</t:ReceiveCopiesOfMeetingMessages><t:ViewPrivateItems>true</t:ViewPrivateItems>',
        ) +
        user('nobody@contoso.test') +
        user('bob@contoso.test') +
        user('carol@contoso.test') +
        user(
          'dave@contoso.test',
          '<t:DelegatePermissions><t:TasksFolderPermissionLevel>Custom</t:TasksFolderPermissionLevel></t:DelegatePermissions>',
        ) +
        '</m:DelegateUsers><m:DeliverMeetingRequests>DelegatesOnly</m:DeliverMeetingRequests></m:AddDelegate>',
    );
    expect(first(added.doc, 'AddDelegateResponse').attrs.ResponseClass).toBe('Success');
    expect(texts(first(added.doc, 'ResponseMessages'), 'ResponseCode')).toEqual([
      'NoError',
      'ErrorDelegateNoUser',
      'ErrorDelegateCannotAddOwner',
      'ErrorDelegateAlreadyExists',
      'ErrorInvalidDelegatePermission',
    ]);

    const listed = await h.call('bob', getDelegates('bob@contoso.test'));
    expect(texts(listed.doc, 'PrimarySmtpAddress')).toEqual(['carol@contoso.test']);
    expect(texts(listed.doc, 'CalendarFolderPermissionLevel')).toEqual(['Editor']);
    expect(texts(listed.doc, 'InboxFolderPermissionLevel')).toEqual(['Reviewer']);
    expect(texts(listed.doc, 'TasksFolderPermissionLevel')).toEqual(['None']);
    expect(texts(listed.doc, 'ViewPrivateItems')).toEqual(['true']);
    expect(first(listed.doc, 'DeliverMeetingRequests').text).toBe('DelegatesOnly');

    const updated = await h.call(
      'bob',
      `<m:UpdateDelegate>${mailbox('bob@contoso.test')}<m:DelegateUsers>` +
        user('dave@contoso.test') +
        user(
          'carol@contoso.test',
          '<t:DelegatePermissions><t:TasksFolderPermissionLevel>Author</t:TasksFolderPermissionLevel></t:DelegatePermissions>' +
            '<t:ViewPrivateItems>false</t:ViewPrivateItems>',
        ) +
        '</m:DelegateUsers><m:DeliverMeetingRequests>DelegatesAndMe</m:DeliverMeetingRequests></m:UpdateDelegate>',
    );
    expect(texts(first(updated.doc, 'ResponseMessages'), 'ResponseCode')).toEqual([
      'ErrorNotDelegate',
      'NoError',
    ]);
    const after = await h.call('bob', getDelegates('bob@contoso.test'));
    // Folders the update did not name keep their level.
    expect(texts(after.doc, 'CalendarFolderPermissionLevel')).toEqual(['Editor']);
    expect(texts(after.doc, 'TasksFolderPermissionLevel')).toEqual(['Author']);
    expect(texts(after.doc, 'ViewPrivateItems')).toEqual(['false']);
    expect(first(after.doc, 'DeliverMeetingRequests').text).toBe('DelegatesAndMe');

    const removed = await h.call(
      'bob',
      `<m:RemoveDelegate>${mailbox('bob@contoso.test')}<m:UserIds>` +
        '<t:UserId><t:PrimarySmtpAddress>carol@contoso.test</t:PrimarySmtpAddress></t:UserId>' +
        '<t:UserId><t:PrimarySmtpAddress>carol@contoso.test</t:PrimarySmtpAddress></t:UserId>' +
        '</m:UserIds></m:RemoveDelegate>',
    );
    expect(texts(first(removed.doc, 'ResponseMessages'), 'ResponseCode')).toEqual([
      'NoError',
      'ErrorNotDelegate',
    ]);
    expect(findAll(removed.doc, 'DelegateUser')).toEqual([]);
    const none = await h.call('bob', getDelegates('bob@contoso.test'));
    expect(findAll(none.doc, 'DelegateUser')).toEqual([]);
    expect(findAll(none.doc, 'ResponseMessages')).toEqual([]);

    // Another mailbox's delegates need access to it; Alice's seeded delegate (Grace) is still there.
    const denied = await h.call(
      'erin',
      `<m:AddDelegate>${mailbox('alice@contoso.test')}<m:DelegateUsers>${user('erin@contoso.test')}</m:DelegateUsers></m:AddDelegate>`,
    );
    expect(first(denied.doc, 'AddDelegateResponse').attrs.ResponseClass).toBe('Error');
    expect(texts(denied.doc, 'ResponseCode')).toEqual(['ErrorAccessDenied']);
    expect(
      texts((await h.call('alice', getDelegates('alice@contoso.test'))).doc, 'PrimarySmtpAddress'),
    ).toEqual(['grace@contoso.test']);
  });

  it('GetPasswordExpirationDate and GetUserRetentionPolicyTags answer for the caller', async () => {
    const expiry = await h.call('alice', '<m:GetPasswordExpirationDate/>');
    expect(first(expiry.doc, 'GetPasswordExpirationDateResponse').attrs.ResponseClass).toBe('Success');
    // Active Directory's default maximum password age: 42 days after it was set (first asked).
    expect(new Date(first(expiry.doc, 'PasswordExpirationDate').text)).toEqual(
      new Date(NOW.getTime() + 42 * 86_400_000),
    );
    const other = await h.call(
      'erin',
      '<m:GetPasswordExpirationDate><m:MailboxSmtpAddress>alice@contoso.test</m:MailboxSmtpAddress></m:GetPasswordExpirationDate>',
    );
    // The schema requires the date even in an Error message: the refusal is a SOAP fault.
    expect(other.status).toBe(500);
    expect(texts(other.doc, 'ResponseCode')).toEqual(['ErrorAccessDenied']);

    const tags = await h.call('alice', '<m:GetUserRetentionPolicyTags/>');
    expect(first(tags.doc, 'GetUserRetentionPolicyTagsResponse').attrs.ResponseClass).toBe('Success');
    expect(findAll(tags.doc, 'RetentionPolicyTag').length).toBeGreaterThan(0);
    expect(texts(tags.doc, 'Type')).toContain('Personal');
  });
});
