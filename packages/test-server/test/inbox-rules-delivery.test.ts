import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';

const addresses = (list: readonly string[]) =>
  list.map((a) => `<t:Address><t:EmailAddress>${a}</t:EmailAddress></t:Address>`).join('');
const strings = (list: readonly string[]) => list.map((s) => `<t:String>${s}</t:String>`).join('');

const rule = (name: string, priority: number, enabled: boolean, body: string) =>
  `<t:CreateRuleOperation><t:Rule><t:DisplayName>${name}</t:DisplayName><t:Priority>${priority}</t:Priority>` +
  `<t:IsEnabled>${enabled}</t:IsEnabled>${body}</t:Rule></t:CreateRuleOperation>`;

const createFolder = (name: string) =>
  '<m:CreateFolder><m:ParentFolderId><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderId>' +
  `<m:Folders><t:Folder><t:DisplayName>${name}</t:DisplayName></t:Folder></m:Folders></m:CreateFolder>`;

const draft = (subject: string, body: string, to: readonly string[], cc: readonly string[] = []) =>
  `<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>${subject}</t:Subject>` +
  `<t:Body BodyType="Text">${body}</t:Body>` +
  `<t:ToRecipients>${to.map((a) => `<t:Mailbox><t:EmailAddress>${a}</t:EmailAddress></t:Mailbox>`).join('')}</t:ToRecipients>` +
  (cc.length > 0
    ? `<t:CcRecipients>${cc.map((a) => `<t:Mailbox><t:EmailAddress>${a}</t:EmailAddress></t:Mailbox>`).join('')}</t:CcRecipients>`
    : '') +
  '</t:Message></m:Items></m:CreateItem>';

const findIn = (folder: string) =>
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>' +
  '<t:FieldURI FieldURI="item:Subject"/><t:FieldURI FieldURI="item:Importance"/><t:FieldURI FieldURI="message:IsRead"/>' +
  `</t:AdditionalProperties></m:ItemShape><m:ParentFolderIds>${folder}</m:ParentFolderIds></m:FindItem>`;

const BOB = 'bob@contoso.test';

describe('inbox rules run when mail is delivered', () => {
  let h: Harness;
  const folderIds = new Map<string, string>();

  /** Subject, importance and read flag of every message in a folder, sorted by subject. */
  async function messagesIn(user: string, folder: string): Promise<string[]> {
    const id = folderIds.get(folder);
    const folderEl =
      id === undefined ? `<t:DistinguishedFolderId Id="${folder}"/>` : `<t:FolderId Id="${id}"/>`;
    const reply = await h.call(user, findIn(folderEl));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    return findAll(reply.doc, 'Message')
      .map(
        (m) =>
          `${first(m, 'Subject').text} | ${first(m, 'Importance').text} | read=${first(m, 'IsRead').text}`,
      )
      .sort();
  }

  async function send(from: string, request: string): Promise<void> {
    const created = await h.call(from, request);
    const id = first(created.doc, 'ItemId').attrs.Id ?? '';
    const sent = await h.call(
      from,
      `<m:SendItem SaveItemToFolder="true"><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:SendItem>`,
    );
    expect(texts(sent.doc, 'ResponseCode')).toEqual(['NoError']);
  }

  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
    for (const name of ['From Alice', 'Finance']) {
      const created = await h.call('bob', createFolder(name));
      folderIds.set(name, first(created.doc, 'FolderId').attrs.Id ?? '');
    }
    const rules = await h.call(
      'bob',
      '<m:UpdateInboxRules><m:RemoveOutlookRuleBlob>true</m:RemoveOutlookRuleBlob><m:Operations>' +
        rule(
          'Lotteries to junk',
          1,
          true,
          `<t:Conditions><t:ContainsSubjectStrings>${strings(['LOTTERY', 'jackpot'])}</t:ContainsSubjectStrings></t:Conditions>` +
            '<t:Actions><t:MoveToFolder><t:DistinguishedFolderId Id="junkemail"/></t:MoveToFolder><t:StopProcessingRules>true</t:StopProcessingRules></t:Actions>',
        ) +
        rule(
          'Alice is important',
          2,
          true,
          `<t:Conditions><t:FromAddresses>${addresses(['Alice@Contoso.test'])}</t:FromAddresses></t:Conditions>` +
            `<t:Actions><t:CopyToFolder><t:FolderId Id="${folderIds.get('From Alice')}"/></t:CopyToFolder><t:MarkImportance>High</t:MarkImportance></t:Actions>`,
        ) +
        rule(
          'Invoices',
          3,
          true,
          `<t:Conditions><t:ContainsBodyStrings>${strings(['invoice'])}</t:ContainsBodyStrings></t:Conditions>` +
            `<t:Exceptions><t:ContainsSubjectStrings>${strings(['[draft]'])}</t:ContainsSubjectStrings></t:Exceptions>` +
            `<t:Actions><t:MarkAsRead>true</t:MarkAsRead><t:MoveToFolder><t:FolderId Id="${folderIds.get('Finance')}"/></t:MoveToFolder></t:Actions>`,
        ) +
        rule(
          'No Carol',
          4,
          true,
          `<t:Conditions><t:ContainsSenderStrings>${strings(['carol'])}</t:ContainsSenderStrings></t:Conditions>` +
            '<t:Actions><t:Delete>true</t:Delete></t:Actions>',
        ) +
        rule(
          'Team mail read',
          5,
          true,
          `<t:Conditions><t:SentToAddresses>${addresses(['dave@contoso.test'])}</t:SentToAddresses></t:Conditions>` +
            '<t:Actions><t:MarkImportance>Low</t:MarkImportance><t:MarkAsRead>true</t:MarkAsRead></t:Actions>',
        ) +
        rule(
          'Switched off',
          6,
          false,
          `<t:Conditions><t:ContainsSubjectStrings>${strings(['hello'])}</t:ContainsSubjectStrings></t:Conditions>` +
            '<t:Actions><t:Delete>true</t:Delete></t:Actions>',
        ) +
        '</m:Operations></m:UpdateInboxRules>',
    );
    expect(first(rules.doc, 'UpdateInboxRulesResponse').attrs.ResponseClass).toBe('Success');

    await send('alice', draft('Your Lottery win', 'Claim it', [BOB]));
    await send('alice', draft('Q2 plan', 'Numbers inside', [BOB]));
    await send('erin', draft('Numbers', 'Your invoice is attached', [BOB]));
    await send('erin', draft('[draft] Numbers', 'The invoice, not final', [BOB]));
    await send('carol', draft('Hi Bob', 'Lunch?', [BOB]));
    await send('erin', draft('Sync', 'Agenda', [BOB], ['dave@contoso.test']));
    await send('erin', draft('hello there', 'Nothing special', [BOB]));
  });
  afterAll(async () => {
    await h.finish();
  });

  it('files, flags and deletes each message as the first matching rules say', async () => {
    expect(await messagesIn('bob', 'junkemail')).toEqual(['Your Lottery win | Normal | read=false']);
    expect(await messagesIn('bob', 'From Alice')).toEqual(['Q2 plan | High | read=false']);
    expect(await messagesIn('bob', 'Finance')).toEqual(['Numbers | Normal | read=true']);
    expect(await messagesIn('bob', 'deleteditems')).toEqual(['Hi Bob | Normal | read=false']);
    expect(await messagesIn('bob', 'inbox')).toEqual([
      'Q2 plan | High | read=false',
      'Sync | Low | read=true',
      '[draft] Numbers | Normal | read=false',
      'hello there | Normal | read=false',
    ]);
  });

  it("applies only the recipient's own rules", async () => {
    expect(await messagesIn('dave', 'inbox')).toEqual(['Sync | Normal | read=false']);
    // The senders' Sent Items copies are untouched too.
    expect(await messagesIn('alice', 'sentitems')).toEqual([
      'Q2 plan | Normal | read=true',
      'Your Lottery win | Normal | read=true',
    ]);
  });

  it('the server state agrees: the junk copy is the only one, the copy in From Alice is a separate item', () => {
    const bob = h.server.snapshot().mailbox(BOB);
    const all = bob.items.filter((i) => i.kind === 'Message');
    expect(all.filter((i) => i.subject === 'Your Lottery win')).toHaveLength(1);
    const plans = all.filter((i) => i.subject === 'Q2 plan');
    expect(new Set(plans.map((i) => i.id)).size).toBe(2);
    expect(new Set(plans.map((i) => i.parentFolderId))).toEqual(
      new Set([bob.folder('inbox').id, folderIds.get('From Alice')]),
    );
  });
});
