import { createHash } from 'node:crypto';
import { buildEnvelope } from '@ews/core';
import { attachedItem, type Message, MessageModel } from '@ews/models';
import { describe, expect, it } from 'vitest';
import {
  type Account,
  type AccountContext,
  buildResponseItem,
  ItemActions,
  type ItemRef,
} from '../src/index.js';
import { useHarness } from './helpers/harness.js';

let alice: Account;
let bob: Account;

const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
  bob = started.account('bob@contoso.test');
});

/** Item actions over alice's account that also keep every request body they send. */
function recordingActions(account: Account): { actions: ItemActions; bodies: string[] } {
  const bodies: string[] = [];
  const context: AccountContext = {
    primarySmtpAddress: account.primarySmtpAddress,
    version: account.version,
    send(operation, body, options) {
      bodies.push(body.xml);
      return account.send(operation, body, options);
    },
  };
  return { actions: new ItemActions(context), bodies };
}

function draft(subject: string): Message {
  return {
    subject,
    body: { bodyType: 'Text', value: `${subject} body` },
    toRecipients: [{ emailAddress: 'bob@contoso.test' }],
  };
}

function ok<T>(result: { ok: true; value: T } | { ok: false; error: Error } | undefined): T {
  if (!result) throw new Error('no result');
  if (!result.ok) throw result.error;
  return result.value;
}

describe('item actions', () => {
  it('creates a draft, then saves only the fields that changed, and refreshes', async () => {
    const { actions, bodies } = recordingActions(alice);
    const ref = await actions.save(MessageModel, draft('Draft one'), {
      folder: { distinguishedId: 'drafts' },
    });
    const read = await actions.get(MessageModel, ref);
    expect(read.subject).toBe('Draft one');

    const edited: Message = { ...read, subject: 'Draft one, edited' };
    bodies.length = 0;
    const saved = await actions.save(MessageModel, edited, { original: read });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain('FieldURI="item:Subject"');
    expect(bodies[0]?.match(/<t:SetItemField>/g)).toHaveLength(1);
    expect(bodies[0]).not.toContain('item:Body');

    // Nothing changed: nothing sent.
    bodies.length = 0;
    expect(await actions.save(MessageModel, edited, { original: edited })).toEqual(edited.itemId);
    expect(bodies).toHaveLength(0);
    await expect(actions.save(MessageModel, edited)).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });

    const refreshed = await actions.refresh(MessageModel, { ...read, itemId: { id: saved.id } });
    expect(refreshed.subject).toBe('Draft one, edited');
    expect(refreshed.body?.value).toBe('Draft one body');
  });

  it('sends a saved draft and a new message; the recipient receives both', async () => {
    const ref = await alice.items.save(MessageModel, draft('Send me'), {
      folder: { distinguishedId: 'drafts' },
    });
    expect(await alice.items.send(ref)).toBeUndefined();
    const copy = await alice.items.sendAndSave(draft('Sent directly'));
    expect(copy).toBeUndefined(); // CreateItem does not return the id of a sent message
    const received = await bob.inbox.filter({ subject: { in: ['Send me', 'Sent directly'] } }).toArray();
    expect(received.map((item) => item.subject).sort()).toEqual(['Send me', 'Sent directly']);
    const sent = await alice.sent.filter({ subject: 'Send me' }).toArray();
    expect(sent).toHaveLength(1);
    expect(await alice.drafts.filter({ subject: 'Send me' }).count()).toBe(0);
  });

  it('moves, copies, trashes, soft-deletes and hard-deletes', async () => {
    const made = ok((await alice.drafts.create([draft('Mover')]))[0]);
    if (!made) throw new Error('no id');
    const moved = await alice.items.move(made, { distinguishedId: 'inbox' });
    expect(moved?.id).toBeDefined();
    expect(await alice.inbox.filter({ subject: 'Mover' }).count()).toBe(1);
    const copied = await alice.items.copy(moved as ItemRef, { distinguishedId: 'drafts' });
    expect(copied?.id).not.toBe(moved?.id);
    expect(await alice.drafts.filter({ subject: 'Mover' }).count()).toBe(1);

    await alice.items.moveToTrash(copied as ItemRef);
    expect(await alice.deletedItems.filter({ subject: 'Mover' }).count()).toBe(1);
    await alice.items.softDelete(moved as ItemRef);
    expect(await alice.inbox.filter({ subject: 'Mover' }).count()).toBe(0);

    const gone = ok((await alice.drafts.create([draft('Hard delete')]))[0]) as ItemRef;
    await alice.items.delete(gone);
    await expect(alice.items.get(MessageModel, gone)).rejects.toMatchObject({
      responseCode: 'ErrorItemNotFound',
    });
  });

  it('writes reply, reply-all and forward as schema-valid CreateItem requests', () => {
    const reference = { id: 'AAMkAGI2TG93AAA=', changeKey: 'CQAAABYAAAA' };
    for (const kind of ['reply', 'replyAll', 'forward'] as const) {
      const body = buildResponseItem({
        kind,
        reference,
        version: alice.version,
        savedItemFolder: { distinguishedId: 'sentitems', mailbox: 'alice@contoso.test' },
        fields: {
          subject: 'Re: plan',
          body: { bodyType: 'Text', value: 'Sounds good' },
          toRecipients: [{ emailAddress: 'bob@contoso.test' }],
        },
      }).xml;
      expect(body).toContain('MessageDisposition="SendAndSaveCopy"');
      expect(body).toContain('<t:ReferenceItemId Id="AAMkAGI2TG93AAA=" ChangeKey="CQAAABYAAAA"/>');
      harness.recorder.record(buildEnvelope({ version: alice.version, body }), `response-object-${kind}`);
    }
  });

  it('answers a meeting request (accept, decline) and cancels the meeting', async () => {
    const carol = harness.account('carol@contoso.test');
    const meeting = await alice.createCalendarItem(
      {
        subject: 'H5 design review',
        start: new Date('2026-03-12T10:00:00Z'),
        end: new Date('2026-03-12T11:00:00Z'),
        requiredAttendees: [
          { mailbox: { emailAddress: 'bob@contoso.test' } },
          { mailbox: { emailAddress: 'carol@contoso.test' } },
        ],
      },
      { sendMeetingInvitations: 'SendToAllAndSaveCopy' },
    );
    const [bobsRequest] = await bob.inbox.filter({ subject: 'H5 design review' }).toArray();
    const [carolsRequest] = await carol.inbox.filter({ subject: 'H5 design review' }).toArray();
    expect(bobsRequest?.itemId).toBeDefined();
    expect(carolsRequest?.itemId).toBeDefined();
    await bob.items.accept(bobsRequest?.itemId as ItemRef, { body: { bodyType: 'Text', value: 'See you' } });
    await carol.items.decline(carolsRequest?.itemId as ItemRef, {}, { messageDisposition: 'SendOnly' });
    const [bobsMeeting] = await bob.calendar.filter({ subject: 'H5 design review' }).toArray();
    expect(bobsMeeting?.myResponseType).toBe('Accept');

    const answers = await alice.inbox.filter({ subject: { contains: 'H5 design review' } }).toArray();
    expect(answers.length).toBeGreaterThanOrEqual(1);

    await alice.items.cancel(meeting, { body: { bodyType: 'Text', value: 'Cancelled' } });
    const cancellations = await bob.inbox.filter({ subject: { contains: 'H5 design review' } }).toArray();
    expect(cancellations.map((item) => item.subject)).toEqual(['Canceled: H5 design review']);
    await carol.close();
  });

  it('exports an item in its native format and uploads it back as a new item', async () => {
    const ref = ok((await alice.drafts.create([draft('Round trip')]))[0]) as ItemRef;
    const [exported] = await alice.items.export([ref, { id: 'AAMkADoesNotExist' }]);
    const blob = ok(exported);
    expect(blob.item.id).toBe(ref.id);
    expect(Buffer.from(blob.data, 'base64').length).toBeGreaterThan(0);

    const inbox = await alice.inbox.get();
    const folderId = inbox.folderId?.id as string;
    const [uploaded] = await alice.items.upload([{ parentFolderId: folderId, data: blob.data }]);
    const newRef = ok(uploaded) as ItemRef;
    expect(newRef.id).not.toBe(ref.id);
    const copy = await alice.items.get(MessageModel, newRef);
    expect(copy.subject).toBe('Round trip');
    expect(copy.body?.value).toBe('Round trip body');
  });
});

describe('attachments', () => {
  it('adds, lists, reads, and deletes file and item attachments', async () => {
    const parent = ok((await alice.drafts.create([draft('With attachments')]))[0]) as ItemRef;
    const bytes = new TextEncoder().encode('hello, attachment ✓');
    const file = await alice.attachments.addFile(parent, {
      name: 'hello.txt',
      contentType: 'text/plain',
      content: bytes,
    });
    expect(file.id).toBeTruthy();
    expect(file.rootItemId).toBe(parent.id);
    const listed = await alice.attachments.list(parent);
    expect(listed.map((a) => a.name)).toEqual(['hello.txt']);
    const got = await alice.attachments.get(file.id);
    expect(got.type).toBe('FileAttachment');
    expect(got.type === 'FileAttachment' && Buffer.from(got.content ?? []).equals(Buffer.from(bytes))).toBe(
      true,
    );

    const item = attachedItem(MessageModel, { subject: 'Attached' }, { version: alice.version });
    const attached = await alice.attachments.addItem(parent, { name: 'Attached', item });
    const both = await alice.attachments.list(parent);
    expect(both.map((a) => `${a.type}:${a.name}`).sort()).toEqual([
      'FileAttachment:hello.txt',
      'ItemAttachment:Attached',
    ]);
    await alice.attachments.delete([attached.id]);

    const [deleted, missing] = await alice.attachments.delete([file.id, `${file.id}x`]);
    expect(ok(deleted)?.id).toBe(parent.id);
    expect(missing?.ok).toBe(false);
    expect(await alice.attachments.list(parent)).toEqual([]);
    await expect(alice.attachments.get(file.id)).rejects.toMatchObject({
      responseCode: 'ErrorInvalidAttachmentId',
    });
    await expect(async () => {
      for await (const _ of alice.attachments.download(file.id)) {
        // nothing
      }
    }).rejects.toMatchObject({ responseCode: 'ErrorInvalidAttachmentId' });
  });

  it('uploads and downloads a multi-megabyte file as streams, in bounded chunks', async () => {
    const parent = ok((await alice.drafts.create([draft('Big file')]))[0]) as ItemRef;
    const size = 6 * 1024 * 1024 + 5; // not a multiple of 3: the base64 carry is exercised
    const piece = 64 * 1024 + 1;
    const chunkAt = (offset: number): Uint8Array => {
      const out = new Uint8Array(Math.min(piece, size - offset));
      for (let index = 0; index < out.length; index += 1) out[index] = (offset + index) % 251;
      return out;
    };
    const expected = createHash('sha256');
    for (let offset = 0; offset < size; offset += piece) expected.update(chunkAt(offset));
    let opened = 0;
    const source = () => {
      opened += 1;
      return (async function* () {
        for (let offset = 0; offset < size; offset += piece) yield chunkAt(offset);
      })();
    };
    const before = harness.operations.length;
    const added = await alice.attachments.addFile(parent, { name: 'big.bin', content: source });
    expect(opened).toBe(1);
    expect(harness.operations.slice(before)).toEqual(['CreateAttachment']);
    const [listed] = await alice.attachments.list(parent);
    expect(listed?.size).toBe(size);

    const actual = createHash('sha256');
    let total = 0;
    let chunks = 0;
    let largest = 0;
    for await (const chunk of alice.attachments.download(added.id)) {
      actual.update(chunk);
      total += chunk.byteLength;
      chunks += 1;
      largest = Math.max(largest, chunk.byteLength);
    }
    expect(total).toBe(size);
    expect(actual.digest('hex')).toBe(expected.digest('hex'));
    // Handed over as it arrived: many pieces, none near the whole file.
    expect(chunks).toBeGreaterThan(10);
    expect(largest).toBeLessThan(1024 * 1024);
  }, 120_000); // 12 MiB through the schema-validating in-process server, slow on a loaded machine
});

describe('bulk verbs', () => {
  it('moves, copies and sends in chunks with per-item results in input order', async () => {
    const dave = harness.account('dave@contoso.test');
    const created = await dave.drafts.create(
      Array.from({ length: 5 }, (_, index) => draft(`Bulk verb ${index}`)),
    );
    const refs = created.map((result) => ok(result) as ItemRef);
    const bad = { id: `${refs[0]?.id}x` };

    const copies = await dave.bulkCopy(
      [refs[0] as ItemRef, bad, refs[1] as ItemRef],
      { distinguishedId: 'junkemail' },
      { chunkSize: 2 },
    );
    expect(copies.map((result) => result.ok)).toEqual([true, false, true]);
    expect(await dave.junk.filter({ subject: { contains: 'Bulk verb' } }).count()).toBe(2);

    const before = harness.operations.length;
    const sent = await dave.bulkSend([refs[0] as ItemRef, refs[1] as ItemRef, bad, refs[2] as ItemRef], {
      chunkSize: 2,
      concurrency: 2,
    });
    expect(harness.operations.slice(before)).toEqual(['SendItem', 'SendItem']);
    expect(sent.map((result) => result.ok)).toEqual([true, true, false, true]);
    expect(
      await bob.inbox.filter({ subject: { in: ['Bulk verb 0', 'Bulk verb 1', 'Bulk verb 2'] } }).count(),
    ).toBe(3);

    const moved = await dave.bulkMove([refs[3] as ItemRef, bad, refs[4] as ItemRef], {
      distinguishedId: 'inbox',
    });
    expect(moved.map((result) => result.ok)).toEqual([true, false, true]);
    expect(await dave.inbox.filter({ subject: { in: ['Bulk verb 3', 'Bulk verb 4'] } }).count()).toBe(2);

    const archived = await dave.bulkArchive(
      [moved[0] && (ok(moved[0]) as ItemRef)].filter(Boolean) as ItemRef[],
      {
        distinguishedId: 'archiveinbox',
      },
    );
    expect(archived[0]).toMatchObject({
      ok: false,
      error: { responseCode: 'ErrorArchiveMailboxNotEnabled' },
    });

    const junked = await dave.bulkMarkAsJunk([ok(moved[2] as never) as ItemRef, bad]);
    expect(junked.map((result) => result.ok)).toEqual([true, false]);
    await dave.close();
  });
});
