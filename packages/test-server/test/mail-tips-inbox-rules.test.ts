import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XmlElement } from '../src/xml/xml-tree.js';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const mailTips = (sender: string, recipients: readonly string[], requested = 'All') =>
  `<m:GetMailTips><m:SendingAs><t:EmailAddress>${sender}</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType></m:SendingAs>` +
  `<m:Recipients>${recipients.map((a) => `<t:Mailbox><t:EmailAddress>${a}</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType></t:Mailbox>`).join('')}</m:Recipients>` +
  `<m:MailTipsRequested>${requested}</m:MailTipsRequested></m:GetMailTips>`;

const setOof = (address: string, settings: string) =>
  `<m:SetUserOofSettingsRequest><t:Mailbox><t:Address>${address}</t:Address></t:Mailbox><t:UserOofSettings>${settings}</t:UserOofSettings></m:SetUserOofSettingsRequest>`;

const tipsOf = (doc: XmlElement) => findAll(doc, 'MailTips');
const textOf = (el: XmlElement | undefined, name: string) =>
  el === undefined ? undefined : findAll(el, name)[0]?.text;

describe('GetMailTips', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.finish();
  });

  it('answers one MailTips per recipient: mailbox, room list (a DL), unknown address', async () => {
    const reply = await h.call(
      'alice',
      mailTips('alice@contoso.test', ['bob@contoso.test', 'rooms@contoso.test', 'nobody@contoso.test']),
    );
    expect(first(reply.doc, 'GetMailTipsResponse').attrs.ResponseClass).toBe('Success');
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError', 'NoError', 'NoError', 'NoError']);
    const [bob, rooms, nobody] = tipsOf(reply.doc);
    expect(textOf(bob, 'EmailAddress')).toBe('bob@contoso.test');
    expect(textOf(bob, 'Name')).toBe('Bob Brown');
    expect(textOf(bob, 'MailboxType')).toBe('Mailbox');
    expect(textOf(bob, 'MailboxFull')).toBe('false');
    expect(textOf(bob, 'TotalMemberCount')).toBe('1');
    expect(textOf(bob, 'MaxMessageSize')).toBe(String(10 * 1024 * 1024));
    expect(textOf(bob, 'InvalidRecipient')).toBe('false');
    expect(textOf(bob, 'IsModerated')).toBe('false');
    // No automatic reply is set: an empty ReplyBody, as Exchange sends.
    expect(textOf(bob, 'Message')).toBe('');

    const roomList = h.server.mailboxes.filter((m) => m.address.startsWith('room.'));
    expect(textOf(rooms, 'MailboxType')).toBe('PublicDL');
    expect(textOf(rooms, 'TotalMemberCount')).toBe(String(roomList.length));
    expect(textOf(rooms, 'ExternalMemberCount')).toBe('0');
    expect(rooms && findAll(rooms, 'OutOfOffice')).toEqual([]);

    expect(textOf(nobody, 'InvalidRecipient')).toBe('true');
    expect(nobody && findAll(nobody, 'TotalMemberCount')).toEqual([]);
  });

  it('returns only the tips asked for; rooms carry a custom tip naming their capacity', async () => {
    const reply = await h.call(
      'carol',
      mailTips('carol@contoso.test', ['room.paris@contoso.test'], 'CustomMailTip MaxMessageSize'),
    );
    const [paris] = tipsOf(reply.doc);
    expect(paris?.children.map((c) => c.name)).toEqual([
      'RecipientAddress',
      'PendingMailTips',
      'CustomMailTip',
      'MaxMessageSize',
    ]);
    expect(textOf(paris, 'CustomMailTip')).toBe('Paris (8) is a meeting room for 8 people.');
  });

  it('an automatic reply set with SetUserOofSettings becomes the OutOfOffice tip while it is active', async () => {
    const set = await h.call(
      'dave',
      setOof(
        'dave@contoso.test',
        '<t:OofState>Scheduled</t:OofState><t:ExternalAudience>All</t:ExternalAudience>' +
          '<t:Duration><t:StartTime>2026-03-10T00:00:00Z</t:StartTime><t:EndTime>2026-03-13T00:00:00Z</t:EndTime></t:Duration>' +
          '<t:InternalReply><t:Message>Away until Friday.</t:Message></t:InternalReply>' +
          '<t:ExternalReply><t:Message>Out of office.</t:Message></t:ExternalReply>',
      ),
    );
    expect(texts(set.doc, 'ResponseCode')).toEqual(['NoError']);
    const reply = await h.call(
      'erin',
      mailTips('erin@contoso.test', ['dave@contoso.test'], 'OutOfOfficeMessage'),
    );
    const [dave] = tipsOf(reply.doc);
    const oof = dave && first(dave, 'OutOfOffice');
    expect(oof && first(oof, 'Message').text).toBe('Away until Friday.');
    expect(oof && first(oof, 'StartTime').text).toBe('2026-03-10T00:00:00Z');
    expect(oof && first(oof, 'EndTime').text).toBe('2026-03-13T00:00:00Z');

    // A schedule that has not started yet (the harness clock is 2026-03-11) gives no reply.
    await h.call(
      'dave',
      setOof(
        'dave@contoso.test',
        '<t:OofState>Scheduled</t:OofState><t:ExternalAudience>All</t:ExternalAudience>' +
          '<t:Duration><t:StartTime>2026-04-01T00:00:00Z</t:StartTime><t:EndTime>2026-04-10T00:00:00Z</t:EndTime></t:Duration>' +
          '<t:InternalReply><t:Message>April holiday.</t:Message></t:InternalReply>',
      ),
    );
    const later = await h.call(
      'erin',
      mailTips('erin@contoso.test', ['dave@contoso.test'], 'OutOfOfficeMessage'),
    );
    expect(texts(later.doc, 'Message')).toEqual(['']);
    expect(findAll(later.doc, 'Duration')).toEqual([]);
  });
});

const rule = (name: string, priority: number, body: string, id?: string) =>
  `<t:Rule>${id ? `<t:RuleId>${id}</t:RuleId>` : ''}<t:DisplayName>${name}</t:DisplayName><t:Priority>${priority}</t:Priority><t:IsEnabled>true</t:IsEnabled>${body}</t:Rule>`;
const update = (operations: string, mailbox?: string) =>
  `<m:UpdateInboxRules>${mailbox ? `<m:MailboxSmtpAddress>${mailbox}</m:MailboxSmtpAddress>` : ''}<m:RemoveOutlookRuleBlob>true</m:RemoveOutlookRuleBlob><m:Operations>${operations}</m:Operations></m:UpdateInboxRules>`;
const getRules = (mailbox?: string) =>
  `<m:GetInboxRules>${mailbox ? `<m:MailboxSmtpAddress>${mailbox}</m:MailboxSmtpAddress>` : ''}</m:GetInboxRules>`;
const moveToJunk =
  '<t:Conditions><t:ContainsSubjectStrings><t:String>lottery</t:String></t:ContainsSubjectStrings></t:Conditions>' +
  '<t:Actions><t:MoveToFolder><t:DistinguishedFolderId Id="junkemail"/></t:MoveToFolder><t:StopProcessingRules>true</t:StopProcessingRules></t:Actions>';
const flagBoss =
  '<t:Conditions><t:FromAddresses><t:Address><t:EmailAddress>alice@contoso.test</t:EmailAddress></t:Address></t:FromAddresses></t:Conditions>' +
  '<t:Actions><t:MarkImportance>High</t:MarkImportance></t:Actions>';

describe('GetInboxRules and UpdateInboxRules', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('starts empty, creates rules in priority order, echoes conditions and actions', async () => {
    const empty = await h.call('bob', getRules());
    expect(first(empty.doc, 'GetInboxRulesResponse').attrs.ResponseClass).toBe('Success');
    expect(first(empty.doc, 'OutlookRuleBlobExists').text).toBe('false');
    expect(findAll(empty.doc, 'Rule')).toEqual([]);

    const created = await h.call(
      'bob',
      update(
        `<t:CreateRuleOperation>${rule('Junk lotteries', 1, moveToJunk)}</t:CreateRuleOperation>` +
          `<t:CreateRuleOperation>${rule('Boss first', 1, flagBoss)}</t:CreateRuleOperation>`,
      ),
    );
    expect(first(created.doc, 'UpdateInboxRulesResponse').attrs.ResponseClass).toBe('Success');
    const listed = await h.call('bob', getRules('bob@contoso.test'));
    expect(texts(listed.doc, 'DisplayName')).toEqual(['Boss first', 'Junk lotteries']);
    expect(texts(listed.doc, 'Priority')).toEqual(['1', '2']);
    expect(texts(listed.doc, 'String')).toEqual(['lottery']);
    // Exchange stores a rule's target folder and answers with its FolderId (GetInboxRules example).
    const junk = h.server.snapshot().mailbox('bob@contoso.test').folder('junkemail');
    expect(first(first(listed.doc, 'MoveToFolder'), 'FolderId').attrs).toEqual({
      Id: junk.id,
      ChangeKey: junk.changeKey,
    });
    expect(h.server.snapshot().mailbox('bob@contoso.test').inboxRules[1]?.moveToFolderId).toBe(junk.id);
    expect(first(listed.doc, 'MarkImportance').text).toBe('High');
    const ids = texts(listed.doc, 'RuleId');
    expect(new Set(ids).size).toBe(2);

    // Set moves "Junk lotteries" to the top and disables nothing else; Delete removes "Boss first".
    await h.call(
      'bob',
      update(
        `<t:SetRuleOperation>${rule('Junk lotteries (v2)', 1, moveToJunk, ids[1])}</t:SetRuleOperation>`,
      ),
    );
    const reordered = await h.call('bob', getRules());
    expect(texts(reordered.doc, 'DisplayName')).toEqual(['Junk lotteries (v2)', 'Boss first']);
    await h.call(
      'bob',
      update(`<t:DeleteRuleOperation><t:RuleId>${ids[0]}</t:RuleId></t:DeleteRuleOperation>`),
    );
    const after = await h.call('bob', getRules());
    expect(texts(after.doc, 'RuleId')).toEqual([ids[1]]);
    expect(texts(after.doc, 'Priority')).toEqual(['1']);
    // Other mailboxes are untouched.
    const carol = await h.call('carol', getRules());
    expect(findAll(carol.doc, 'Rule')).toEqual([]);
  });

  it('rejects invalid operations as a whole with RuleOperationErrors; other mailboxes are denied', async () => {
    const before = texts((await h.call('bob', getRules())).doc, 'RuleId');
    const bad = await h.call(
      'bob',
      update(
        `<t:CreateRuleOperation>${rule('fine', 1, flagBoss)}</t:CreateRuleOperation>` +
          '<t:DeleteRuleOperation><t:RuleId>no-such-rule</t:RuleId></t:DeleteRuleOperation>' +
          `<t:CreateRuleOperation>${rule('no action', 1, '')}</t:CreateRuleOperation>`,
      ),
    );
    expect(first(bad.doc, 'UpdateInboxRulesResponse').attrs.ResponseClass).toBe('Error');
    expect(first(bad.doc, 'ResponseCode').text).toBe('ErrorInboxRulesValidationError');
    expect(texts(bad.doc, 'OperationIndex')).toEqual(['1', '2']);
    expect(texts(bad.doc, 'ErrorCode')).toEqual(['RuleNotFound', 'MissingAction']);
    expect(texts((await h.call('bob', getRules())).doc, 'RuleId')).toEqual(before);

    const denied = await h.call('erin', getRules('bob@contoso.test'));
    expect(first(denied.doc, 'ResponseCode').text).toBe('ErrorAccessDenied');
    const grace = await h.call('grace', getRules('alice@contoso.test'));
    expect(first(grace.doc, 'GetInboxRulesResponse').attrs.ResponseClass).toBe('Success');
  });
});

describe("UpdateInboxRules resolves a rule's target folder in the rule's mailbox", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });
  const moveTo = (target: string) => `<t:Actions><t:MoveToFolder>${target}</t:MoveToFolder></t:Actions>`;
  const junkOf = (address: string) =>
    `<t:DistinguishedFolderId Id="junkemail"><t:Mailbox><t:EmailAddress>${address}</t:EmailAddress></t:Mailbox></t:DistinguishedFolderId>`;

  it("a folder naming the rule's mailbox is stored as its FolderId", async () => {
    const done = await h.call(
      'alice',
      update(
        `<t:CreateRuleOperation>${rule('r', 1, moveTo(junkOf('alice@contoso.test')))}</t:CreateRuleOperation>`,
      ),
    );
    expect(first(done.doc, 'UpdateInboxRulesResponse').attrs.ResponseClass).toBe('Success');
    const alice = h.server.snapshot().mailbox('alice@contoso.test');
    expect(alice.inboxRules.map((r) => r.moveToFolderId)).toEqual([alice.folder('junkemail').id]);
  });

  it('a folder of another mailbox, or one that does not exist, is refused (InvalidFolderId, FolderDoesNotExist)', async () => {
    const before = h.server.snapshot().mailbox('alice@contoso.test').inboxRules.length;
    // Grace (a delegate of Alice) names no mailbox: the folder is her own junk, not Alice's.
    const foreign = await h.call(
      'grace',
      update(
        `<t:CreateRuleOperation>${rule('x', 1, moveTo('<t:DistinguishedFolderId Id="junkemail"/>'))}</t:CreateRuleOperation>`,
        'alice@contoso.test',
      ),
    );
    expect(first(foreign.doc, 'ResponseCode').text).toBe('ErrorInboxRulesValidationError');
    expect(texts(foreign.doc, 'ErrorCode')).toEqual(['InvalidFolderId']);
    expect(texts(foreign.doc, 'FieldURI')).toEqual(['Action:MoveToFolder']);
    const missing = await h.call(
      'alice',
      update(
        `<t:CreateRuleOperation>${rule('y', 1, moveTo('<t:FolderId Id="AAMkNoSuchFolder="/>'))}</t:CreateRuleOperation>`,
      ),
    );
    expect(texts(missing.doc, 'ErrorCode')).toEqual(['FolderDoesNotExist']);
    expect(h.server.snapshot().mailbox('alice@contoso.test').inboxRules).toHaveLength(before);
  });
});
