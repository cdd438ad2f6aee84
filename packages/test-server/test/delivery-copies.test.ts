import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

// What one delivered copy carries (importance, sensitivity), how many copies a mailbox gets, and the
// rule predicates that depend on them (Importance, HasAttachments).

const DAVE = 'dave@contoso.test';
const mailboxes = (list: readonly string[]) =>
  list.map((a) => `<t:Mailbox><t:EmailAddress>${a}</t:EmailAddress></t:Mailbox>`).join('');
const rule = (name: string, priority: number, body: string) =>
  `<t:CreateRuleOperation><t:Rule><t:DisplayName>${name}</t:DisplayName><t:Priority>${priority}</t:Priority>` +
  `<t:IsEnabled>true</t:IsEnabled>${body}</t:Rule></t:CreateRuleOperation>`;
const createFolder = (name: string) =>
  '<m:CreateFolder><m:ParentFolderId><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderId>' +
  `<m:Folders><t:Folder><t:DisplayName>${name}</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>`;

interface Mail {
  readonly subject: string;
  readonly to: readonly string[];
  readonly bcc?: readonly string[];
  readonly importance?: 'Low' | 'Normal' | 'High';
  readonly sensitivity?: 'Normal' | 'Personal' | 'Private' | 'Confidential';
}
const message = (mail: Mail) =>
  `<t:Message><t:Subject>${mail.subject}</t:Subject>` +
  (mail.sensitivity === undefined ? '' : `<t:Sensitivity>${mail.sensitivity}</t:Sensitivity>`) +
  '<t:Body BodyType="Text">See subject</t:Body>' +
  (mail.importance === undefined ? '' : `<t:Importance>${mail.importance}</t:Importance>`) +
  `<t:ToRecipients>${mailboxes(mail.to)}</t:ToRecipients>` +
  (mail.bcc === undefined ? '' : `<t:BccRecipients>${mailboxes(mail.bcc)}</t:BccRecipients>`) +
  '</t:Message>';

describe('delivered copies', () => {
  let h: Harness;
  const folderIds = new Map<string, string>();

  const inFolder = (name: string) => {
    const id = folderIds.get(name);
    return id === undefined ? `<t:DistinguishedFolderId Id="${name}"/>` : `<t:FolderId Id="${id}"/>`;
  };
  /** "subject | importance | categories" of every message in one of dave's folders, sorted. */
  async function messagesIn(folder: string): Promise<string[]> {
    const reply = await h.call(
      'dave',
      '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
        '<t:FieldURI FieldURI="item:Subject"/><t:FieldURI FieldURI="item:Importance"/><t:FieldURI FieldURI="item:Categories"/>' +
        `</t:AdditionalProperties></m:ItemShape><m:ParentFolderIds>${inFolder(folder)}</m:ParentFolderIds></m:FindItem>`,
    );
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    return findAll(reply.doc, 'Message')
      .map(
        (m) =>
          `${first(m, 'Subject').text} | ${first(m, 'Importance').text} | ${texts(m, 'String').join(',')}`,
      )
      .sort();
  }
  async function sendOnly(from: string, mail: Mail): Promise<void> {
    const sent = await h.call(
      from,
      `<m:CreateItem MessageDisposition="SendOnly"><m:Items>${message(mail)}</m:Items></m:CreateItem>`,
    );
    expect(texts(sent.doc, 'ResponseCode')).toEqual(['NoError']);
  }
  /** Saves a draft, optionally attaches a file, then sends it with SendItem. */
  async function draftAndSend(from: string, mail: Mail, attach = false): Promise<void> {
    const created = await h.call(
      from,
      `<m:CreateItem MessageDisposition="SaveOnly"><m:Items>${message(mail)}</m:Items></m:CreateItem>`,
    );
    let item = first(created.doc, 'ItemId').attrs;
    if (attach) {
      const attached = await h.call(
        from,
        `<m:CreateAttachment><m:ParentItemId Id="${item.Id}" ChangeKey="${item.ChangeKey}"/><m:Attachments>` +
          '<t:FileAttachment><t:Name>q1.txt</t:Name><t:ContentType>text/plain</t:ContentType><t:Content>cTE=</t:Content></t:FileAttachment>' +
          '</m:Attachments></m:CreateAttachment>',
      );
      expect(texts(attached.doc, 'ResponseCode')).toEqual(['NoError']);
      const root = first(attached.doc, 'AttachmentId').attrs;
      item = { Id: root.RootItemId ?? '', ChangeKey: root.RootItemChangeKey ?? '' };
    }
    const sent = await h.call(
      from,
      `<m:SendItem SaveItemToFolder="true"><m:ItemIds><t:ItemId Id="${item.Id}" ChangeKey="${item.ChangeKey}"/></m:ItemIds></m:SendItem>`,
    );
    expect(texts(sent.doc, 'ResponseCode')).toEqual(['NoError']);
  }

  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
    for (const name of ['Urgent', 'Copies']) {
      const created = await h.call('dave', createFolder(name));
      folderIds.set(name, first(created.doc, 'FolderId').attrs.Id ?? '');
    }
    const rules = await h.call(
      'dave',
      '<m:UpdateInboxRules><m:RemoveOutlookRuleBlob>true</m:RemoveOutlookRuleBlob><m:Operations>' +
        rule(
          'Urgent mail',
          1,
          '<t:Conditions><t:Importance>High</t:Importance></t:Conditions>' +
            `<t:Actions><t:MoveToFolder><t:FolderId Id="${folderIds.get('Urgent')}"/></t:MoveToFolder></t:Actions>`,
        ) +
        rule(
          'Keep a copy',
          2,
          '<t:Conditions><t:ContainsSubjectStrings><t:String>twice</t:String></t:ContainsSubjectStrings></t:Conditions>' +
            `<t:Actions><t:CopyToFolder><t:FolderId Id="${folderIds.get('Copies')}"/></t:CopyToFolder></t:Actions>`,
        ) +
        rule(
          'Reports',
          3,
          // HasAttachments false is no condition at all: reports with and without files both match.
          '<t:Conditions><t:ContainsSubjectStrings><t:String>report</t:String></t:ContainsSubjectStrings>' +
            '<t:HasAttachments>false</t:HasAttachments></t:Conditions>' +
            '<t:Actions><t:AssignCategories><t:String>Reports</t:String></t:AssignCategories></t:Actions>',
        ) +
        '</m:Operations></m:UpdateInboxRules>',
    );
    expect(first(rules.doc, 'UpdateInboxRulesResponse').attrs.ResponseClass).toBe('Success');

    await sendOnly('alice', {
      subject: 'Server down',
      to: [DAVE],
      importance: 'High',
      sensitivity: 'Private',
    });
    await draftAndSend('erin', { subject: 'Board pack', to: [DAVE], importance: 'High' });
    await draftAndSend('erin', {
      subject: 'Low news',
      to: [DAVE],
      importance: 'Low',
      sensitivity: 'Personal',
    });
    await sendOnly('alice', {
      subject: 'Said twice',
      to: [DAVE, 'Dave@Contoso.test', 'bob@contoso.test'],
      bcc: [DAVE.toUpperCase()],
    });
    await draftAndSend('erin', { subject: 'Also twice', to: [DAVE], bcc: [DAVE] });
    await draftAndSend('alice', { subject: 'Weekly report', to: [DAVE] }, true);
    await draftAndSend('alice', { subject: 'Daily report', to: [DAVE] });
  });
  afterAll(async () => {
    await h.finish();
  });

  it("keeps the sender's importance, so an Importance rule files High mail (CreateItem and SendItem)", async () => {
    expect(await messagesIn('Urgent')).toEqual(['Board pack | High | ', 'Server down | High | ']);
    expect((await messagesIn('inbox')).filter((m) => !m.includes('report'))).toEqual([
      'Also twice | Normal | ',
      'Low news | Low | ',
      'Said twice | Normal | ',
    ]);
  });

  it('treats HasAttachments false as no condition (a report with a file matches too)', async () => {
    expect((await messagesIn('inbox')).filter((m) => m.includes('report'))).toEqual([
      'Daily report | Normal | Reports',
      'Weekly report | Normal | Reports',
    ]);
    const dave = h.server.snapshot().mailbox(DAVE);
    const weekly = dave.items.find((i) => i.subject === 'Weekly report');
    expect(weekly?.attachments.map((a) => a.name)).toEqual(['q1.txt']);
  });

  it('GetItem of a delivered High-importance mail shows its importance and sensitivity', async () => {
    const dave = h.server.snapshot().mailbox(DAVE);
    const urgent = dave.itemsIn(folderIds.get('Urgent') ?? '').find((i) => i.subject === 'Server down');
    const got = await h.call(
      'dave',
      '<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
        '<t:FieldURI FieldURI="item:Importance"/><t:FieldURI FieldURI="item:Sensitivity"/>' +
        `</t:AdditionalProperties></m:ItemShape><m:ItemIds><t:ItemId Id="${urgent?.id}"/></m:ItemIds></m:GetItem>`,
    );
    expect(texts(got.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(texts(got.doc, 'Importance')).toEqual(['High']);
    expect(texts(got.doc, 'Sensitivity')).toEqual(['Private']);
    const low = dave.itemsIn(dave.folder('inbox').id).find((i) => i.subject === 'Low news');
    expect([low?.importance, low?.sensitivity]).toEqual(['Low', 'Personal']);
  });

  it('gives a mailbox listed more than once one copy, and runs its rules once', async () => {
    expect(await messagesIn('Copies')).toEqual(['Also twice | Normal | ', 'Said twice | Normal | ']);
    const dave = h.server.snapshot().mailbox(DAVE);
    const twice = dave.items.filter((i) => i.subject.endsWith('twice'));
    expect(twice.map((i) => i.subject).sort()).toEqual([
      'Also twice',
      'Also twice',
      'Said twice',
      'Said twice',
    ]);
    const bob = h.server.snapshot().mailbox('bob@contoso.test');
    expect(bob.items.filter((i) => i.subject === 'Said twice')).toHaveLength(1);
  });
});
