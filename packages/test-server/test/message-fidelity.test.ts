import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SnapshotItem, TestServerError } from '../src/index.js';
import type { XmlElement } from '../src/xml/xml-tree.js';
import { findAll, first, type Harness, NOW, startHarness, texts } from './support/harness.js';
import { folderItems } from './support/snapshot-views.js';

const mailboxes = (addresses: readonly string[]) =>
  addresses.map((a) => `<t:Mailbox><t:EmailAddress>${a}@contoso.test</t:EmailAddress></t:Mailbox>`).join('');
const savedIn = (folderId: string | undefined) =>
  folderId === undefined ? '' : `<m:SavedItemFolderId><t:FolderId Id="${folderId}"/></m:SavedItemFolderId>`;
const respond = (element: string, refId: string, disposition: string, folderId?: string, inside = '') =>
  `<m:CreateItem MessageDisposition="${disposition}">${savedIn(folderId)}<m:Items>` +
  `<t:${element}>${inside}<t:ReferenceItemId Id="${refId}"/></t:${element}></m:Items></m:CreateItem>`;
const message = (disposition: string, subject: string, recipients: string, folderId?: string) =>
  `<m:CreateItem MessageDisposition="${disposition}">${savedIn(folderId)}<m:Items><t:Message>` +
  `<t:Subject>${subject}</t:Subject><t:Body BodyType="Text">${subject} body</t:Body>${recipients}` +
  '</t:Message></m:Items></m:CreateItem>';
const getItem = (id: string, fields: readonly string[], base = 'IdOnly') =>
  `<m:GetItem><m:ItemShape><t:BaseShape>${base}</t:BaseShape>` +
  (fields.length === 0
    ? ''
    : `<t:AdditionalProperties>${fields.map((f) => `<t:FieldURI FieldURI="${f}"/>`).join('')}</t:AdditionalProperties>`) +
  `</m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;
const attendee = (user: string) =>
  `<t:Attendee><t:Mailbox><t:EmailAddress>${user}@contoso.test</t:EmailAddress></t:Mailbox></t:Attendee>`;

/** The addresses in one recipient list element (ToRecipients, BccRecipients, …) of a response, in order. */
function listed(doc: XmlElement, list: string): string[] {
  return findAll(doc, list).flatMap((l) => texts(l, 'EmailAddress'));
}

describe('CreateItem fidelity: SavedItemFolderId, Bcc, InReplyTo/References', () => {
  let h: Harness;
  const ids = new Map<string, string>();
  const id = (name: string) => ids.get(name) ?? '';
  const box = (user: string) => h.server.snapshot().mailbox(`${user}@contoso.test`);
  const inFolder = (user: string, folder: string): SnapshotItem[] => folderItems(box(user), folder);
  const subjects = (user: string, folder: string) => inFolder(user, folder).map((i) => i.subject);
  const only = (user: string, folder: string, subject: string): SnapshotItem => {
    const found = inFolder(user, folder).filter((i) => i.subject === subject);
    expect(found, `${subject} in ${user}'s ${folder}`).toHaveLength(1);
    return found[0]!;
  };

  async function createFolder(user: string, name: string, type = 'Folder'): Promise<string> {
    const made = await h.call(
      user,
      '<m:CreateFolder><m:ParentFolderId><t:DistinguishedFolderId Id="msgfolderroot"/></m:ParentFolderId>' +
        `<m:Folders><t:${type}><t:DisplayName>${name}</t:DisplayName></t:${type}></m:Folders></m:CreateFolder>`,
    );
    expect(texts(made.doc, 'ResponseCode')).toEqual(['NoError']);
    return first(made.doc, 'FolderId').attrs.Id ?? '';
  }

  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
    const sent = await h.call(
      'alice',
      message('SendAndSaveCopy', 'Plan', `<t:ToRecipients>${mailboxes(['bob'])}</t:ToRecipients>`),
    );
    expect(texts(sent.doc, 'ResponseCode')).toEqual(['NoError']);
    const meeting = await h.call(
      'alice',
      '<m:CreateItem SendMeetingInvitations="SendToAllAndSaveCopy"><m:Items><t:CalendarItem>' +
        '<t:Subject>Roadmap</t:Subject><t:Start>2026-03-23T09:00:00Z</t:Start><t:End>2026-03-23T10:00:00Z</t:End>' +
        `<t:RequiredAttendees>${attendee('bob')}</t:RequiredAttendees></t:CalendarItem></m:Items></m:CreateItem>`,
    );
    expect(texts(meeting.doc, 'ResponseCode')).toEqual(['NoError']);
    ids.set('meeting', first(meeting.doc, 'ItemId').attrs.Id ?? '');
    ids.set('plan', only('bob', 'inbox', 'Plan').id);
    ids.set('request', only('bob', 'inbox', 'Roadmap').id);
    // A folder id that was valid once: the folder is gone.
    const gone = await createFolder('bob', 'Gone');
    const deleted = await h.call(
      'bob',
      `<m:DeleteFolder DeleteType="HardDelete"><m:FolderIds><t:FolderId Id="${gone}"/></m:FolderIds></m:DeleteFolder>`,
    );
    expect(texts(deleted.doc, 'ResponseCode')).toEqual(['NoError']);
    ids.set('gone', gone);
    ids.set('kept', await createFolder('bob', 'Kept'));
    ids.set('calendar', box('bob').folder('calendar').id);
    const aliceGone = await createFolder('alice', 'Gone');
    await h.call(
      'alice',
      `<m:DeleteFolder DeleteType="HardDelete"><m:FolderIds><t:FolderId Id="${aliceGone}"/></m:FolderIds></m:DeleteFolder>`,
    );
    ids.set('aliceGone', aliceGone);
  });
  afterAll(async () => {
    await h.finish();
  });

  it('a message saved to an unknown SavedItemFolderId gets ErrorSavedItemFolderNotFound and is neither kept nor sent', async () => {
    for (const disposition of ['SaveOnly', 'SendOnly', 'SendAndSaveCopy']) {
      const refused = await h.call(
        'bob',
        message(
          disposition,
          `Lost ${disposition}`,
          `<t:ToRecipients>${mailboxes(['carol'])}</t:ToRecipients>`,
          id('gone'),
        ),
      );
      expect(texts(refused.doc, 'ResponseCode'), disposition).toEqual(['ErrorSavedItemFolderNotFound']);
    }
    expect(subjects('carol', 'inbox')).toEqual([]);
    expect(box('bob').items.filter((i) => i.subject.startsWith('Lost'))).toEqual([]);
  });

  it('every response object answers an unknown SavedItemFolderId with ErrorSavedItemFolderNotFound before anything happens', async () => {
    const to = `<t:ToRecipients>${mailboxes(['dave'])}</t:ToRecipients>`;
    const cases: [string, string, string][] = [
      ['ReplyToItem', id('plan'), ''],
      ['ReplyAllToItem', id('plan'), ''],
      ['ForwardItem', id('plan'), to],
      ['AcceptItem', id('request'), ''],
      ['TentativelyAcceptItem', id('request'), ''],
      ['DeclineItem', id('request'), ''],
    ];
    for (const [element, ref, inside] of cases) {
      for (const disposition of ['SaveOnly', 'SendOnly', 'SendAndSaveCopy']) {
        const refused = await h.call('bob', respond(element, ref, disposition, id('gone'), inside));
        expect(texts(refused.doc, 'ResponseCode'), `${element} ${disposition}`).toEqual([
          'ErrorSavedItemFolderNotFound',
        ]);
      }
    }
    const cancel = await h.call(
      'alice',
      respond('CancelCalendarItem', id('meeting'), 'SendAndSaveCopy', id('aliceGone')),
    );
    expect(texts(cancel.doc, 'ResponseCode')).toEqual(['ErrorSavedItemFolderNotFound']);

    // Nothing was delivered, kept or answered.
    expect(inFolder('alice', 'inbox')).toEqual([]);
    expect(subjects('dave', 'inbox')).toEqual([]);
    expect(subjects('bob', 'drafts')).toEqual([]);
    expect(subjects('bob', 'sentitems')).toEqual([]);
    expect(subjects('bob', 'inbox').sort()).toEqual(['Plan', 'Roadmap']);
    expect(only('bob', 'calendar', 'Roadmap').calendar?.myResponseType).toBe('NoResponseReceived');
    expect(only('alice', 'calendar', 'Roadmap').calendar?.isCancelled).toBe(false);
  });

  it('a known SavedItemFolderId holds the kept reply and meeting answer; a calendar folder is refused as for CreateItem', async () => {
    const wrongKind = await h.call(
      'bob',
      respond('ReplyToItem', id('plan'), 'SendAndSaveCopy', id('calendar')),
    );
    expect(texts(wrongKind.doc, 'ResponseCode')).toEqual(['ErrorCannotCreatePostItemInNonMailFolder']);
    const plain = await h.call(
      'bob',
      message(
        'SaveOnly',
        'Into calendar',
        `<t:ToRecipients>${mailboxes(['carol'])}</t:ToRecipients>`,
        id('calendar'),
      ),
    );
    expect(texts(plain.doc, 'ResponseCode')).toEqual(['ErrorCannotCreatePostItemInNonMailFolder']);
    expect(inFolder('alice', 'inbox')).toEqual([]);

    const reply = await h.call('bob', respond('ReplyToItem', id('plan'), 'SendAndSaveCopy', id('kept')));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    const accept = await h.call('bob', respond('AcceptItem', id('request'), 'SendAndSaveCopy', id('kept')));
    expect(texts(accept.doc, 'ResponseCode')).toEqual(['NoError']);
    const kept = box('bob').itemsIn(id('kept'));
    expect(kept.map((i) => [i.kind, i.subject])).toEqual([
      ['Message', 'RE: Plan'],
      ['MeetingResponse', 'Accepted: Roadmap'],
    ]);
    expect(subjects('bob', 'sentitems')).toEqual([]);
    expect(subjects('alice', 'inbox').sort()).toEqual(['Accepted: Roadmap', 'RE: Plan']);
  });

  it('Bcc recipients stay on the draft (GetItem returns them), receive the sent message and are hidden from the others', async () => {
    const draft = await h.call(
      'alice',
      message(
        'SaveOnly',
        'Secret',
        `<t:ToRecipients>${mailboxes(['bob'])}</t:ToRecipients><t:BccRecipients>${mailboxes(['erin', 'frank'])}</t:BccRecipients>`,
      ),
    );
    expect(texts(draft.doc, 'ResponseCode')).toEqual(['NoError']);
    const draftId = first(draft.doc, 'ItemId').attrs.Id ?? '';
    const read = await h.call('alice', getItem(draftId, ['message:ToRecipients', 'message:BccRecipients']));
    expect(listed(read.doc, 'ToRecipients')).toEqual(['bob@contoso.test']);
    expect(listed(read.doc, 'BccRecipients')).toEqual(['erin@contoso.test', 'frank@contoso.test']);
    const all = await h.call('alice', getItem(draftId, [], 'AllProperties'));
    expect(listed(all.doc, 'BccRecipients')).toEqual(['erin@contoso.test', 'frank@contoso.test']);

    // UpdateItem edits the list like any other recipient list.
    const updated = await h.call(
      'alice',
      `<m:UpdateItem MessageDisposition="SaveOnly" ConflictResolution="AlwaysOverwrite"><m:ItemChanges><t:ItemChange><t:ItemId Id="${draftId}"/>` +
        '<t:Updates><t:SetItemField><t:FieldURI FieldURI="message:BccRecipients"/><t:Message>' +
        `<t:BccRecipients>${mailboxes(['erin'])}</t:BccRecipients></t:Message></t:SetItemField></t:Updates>` +
        '</t:ItemChange></m:ItemChanges></m:UpdateItem>',
    );
    expect(texts(updated.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(only('alice', 'drafts', 'Secret').message?.bcc?.map((p) => p.address)).toEqual([
      'erin@contoso.test',
    ]);

    const sent = await h.call(
      'alice',
      `<m:SendItem SaveItemToFolder="true"><m:ItemIds><t:ItemId Id="${draftId}"/></m:ItemIds></m:SendItem>`,
    );
    expect(texts(sent.doc, 'ResponseCode')).toEqual(['NoError']);
    for (const user of ['bob', 'erin']) {
      const copy = only(user, 'inbox', 'Secret');
      expect(copy.message?.bcc, user).toBeUndefined();
      const got = await h.call(user, getItem(copy.id, ['message:ToRecipients', 'message:BccRecipients']));
      expect(listed(got.doc, 'ToRecipients'), user).toEqual(['bob@contoso.test']);
      expect(findAll(got.doc, 'BccRecipients'), user).toEqual([]);
    }
    expect(subjects('frank', 'inbox')).toEqual([]);
    // The sender's own copy keeps them.
    const mine = only('alice', 'sentitems', 'Secret');
    const got = await h.call('alice', getItem(mine.id, ['message:BccRecipients']));
    expect(listed(got.doc, 'BccRecipients')).toEqual(['erin@contoso.test']);

    // Only Bcc recipients is enough to send.
    const blind = await h.call(
      'alice',
      message('SendOnly', 'Blind', `<t:BccRecipients>${mailboxes(['grace'])}</t:BccRecipients>`),
    );
    expect(texts(blind.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(only('grace', 'inbox', 'Blind').message?.to).toEqual([]);

    // A reply draft keeps its Bcc too.
    const replyDraft = await h.call(
      'bob',
      respond(
        'ReplyToItem',
        only('bob', 'inbox', 'Secret').id,
        'SaveOnly',
        undefined,
        `<t:BccRecipients>${mailboxes(['henry'])}</t:BccRecipients>`,
      ),
    );
    expect(texts(replyDraft.doc, 'ResponseCode')).toEqual(['NoError']);
    const replyRead = await h.call(
      'bob',
      getItem(first(replyDraft.doc, 'ItemId').attrs.Id ?? '', ['message:BccRecipients']),
    );
    expect(listed(replyRead.doc, 'BccRecipients')).toEqual(['henry@contoso.test']);
  });

  it('replies and forwards carry InReplyTo and References from the original InternetMessageId', async () => {
    const ask = ['message:InternetMessageId', 'item:InReplyTo', 'message:References'];
    const original = only('alice', 'sentitems', 'Plan');
    const originalId = original.message?.internetMessageId ?? '';
    expect(originalId).toMatch(/^<.+@contoso\.test>$/);
    expect(original.message?.inReplyTo).toBeUndefined();

    const reply = only('alice', 'inbox', 'RE: Plan');
    const got = await h.call('alice', getItem(reply.id, ask));
    expect(texts(got.doc, 'InReplyTo')).toEqual([originalId]);
    expect(texts(got.doc, 'References')).toEqual([originalId]);
    const replyId = texts(got.doc, 'InternetMessageId')[0] ?? '';
    expect(replyId).not.toBe(originalId);
    // Default shape leaves them out, as Exchange does.
    const plain = await h.call('alice', getItem(reply.id, [], 'Default'));
    expect(findAll(plain.doc, 'InReplyTo')).toEqual([]);
    expect(findAll(plain.doc, 'References')).toEqual([]);

    // Replying to the reply extends References; the sender's kept copy has the same headers.
    const again = await h.call('alice', respond('ReplyToItem', reply.id, 'SendAndSaveCopy'));
    expect(texts(again.doc, 'ResponseCode')).toEqual(['NoError']);
    const atBob = (await h.call('bob', getItem(only('bob', 'inbox', 'RE: Plan').id, ask))).doc;
    expect(texts(atBob, 'InReplyTo')).toEqual([replyId]);
    expect(texts(atBob, 'References')).toEqual([`${originalId} ${replyId}`]);
    const aliceCopy = only('alice', 'sentitems', 'RE: Plan');
    expect(aliceCopy.message?.inReplyTo).toBe(replyId);
    expect(aliceCopy.message?.references).toBe(`${originalId} ${replyId}`);

    // A forward (here a SaveOnly draft) too; the MIME rendering has the headers.
    const forward = await h.call(
      'bob',
      respond(
        'ForwardItem',
        id('plan'),
        'SaveOnly',
        undefined,
        `<t:ToRecipients>${mailboxes(['carol'])}</t:ToRecipients>`,
      ),
    );
    expect(texts(forward.doc, 'ResponseCode')).toEqual(['NoError']);
    const fwd = await h.call(
      'bob',
      getItem(first(forward.doc, 'ItemId').attrs.Id ?? '', [...ask, 'item:MimeContent']),
    );
    expect(texts(fwd.doc, 'InReplyTo')).toEqual([originalId]);
    expect(texts(fwd.doc, 'References')).toEqual([originalId]);
    const mime = Buffer.from(first(fwd.doc, 'MimeContent').text, 'base64').toString('utf8');
    expect(mime).toContain(`\r\nIn-Reply-To: ${originalId}\r\n`);
    expect(mime).toContain(`\r\nReferences: ${originalId}\r\n`);
  });
});

describe('TestServer.snapshot()', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('is a typed, frozen copy of every mailbox in directory order, with lookups', async () => {
    const snapshot = h.server.snapshot();
    expect(snapshot.takenAt).toEqual(NOW);
    expect(snapshot.mailboxes.map((m) => m.address)).toEqual(h.server.mailboxes.map((m) => m.address));
    const alice = snapshot.mailbox('ALICE@contoso.test');
    expect(alice.kind).toBe('user');
    expect(alice.name).toBe('Alice Adams');
    const inbox = alice.folder('inbox');
    expect(inbox.displayName).toBe('Inbox');
    expect(alice.childFolders(alice.folder('msgfolderroot').id).map((f) => f.distinguishedId)).toContain(
      'inbox',
    );
    const mail = alice.itemsIn(inbox.id);
    expect(mail).toHaveLength(12);
    expect(mail.every((i) => i.kind === 'Message' && i.dateTimeReceived instanceof Date)).toBe(true);
    // What GetItem reports is what the snapshot holds.
    const first12 = mail[0]!;
    const got = await h.call('alice', getItem(first12.id, ['item:Subject', 'message:IsRead']));
    expect(texts(got.doc, 'Subject')).toEqual([first12.subject]);
    expect(texts(got.doc, 'IsRead')).toEqual([String(first12.message?.isRead)]);

    expect(() => snapshot.mailbox('nobody@contoso.test')).toThrow(TestServerError);
    expect(() => alice.folder('nonesuch')).toThrow(/no nonesuch folder/);
    // Read-only all the way down, and a copy: changing it is refused, later changes do not show.
    expect(Object.isFrozen(snapshot.mailboxes)).toBe(true);
    expect(() => {
      (first12 as { subject: string }).subject = 'changed';
    }).toThrow(TypeError);
    const recipients = first12.message?.to ?? [];
    expect(recipients.length).toBeGreaterThan(0);
    expect(() => {
      (recipients as unknown as unknown[]).push('x');
    }).toThrow(TypeError);
    const del = await h.call(
      'alice',
      `<m:DeleteItem DeleteType="HardDelete"><m:ItemIds><t:ItemId Id="${first12.id}"/></m:ItemIds></m:DeleteItem>`,
    );
    expect(texts(del.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(alice.itemsIn(inbox.id)).toHaveLength(12);
    expect(h.server.snapshot().mailbox('alice@contoso.test').itemsIn(inbox.id)).toHaveLength(11);
  });
});
