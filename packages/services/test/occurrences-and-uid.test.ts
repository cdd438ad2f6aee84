import { buildEnvelope, EwsInvalidArgumentError, raw } from '@ews/core';
import {
  type CalendarItem,
  CalendarItemModel,
  CLEAN_GLOBAL_OBJECT_ID,
  filterFor,
  MessageModel,
  uidToCleanGlobalObjectId,
} from '@ews/models';
import { validateEws } from '@ews-tools/ews-schema';
import { describe, expect, it } from 'vitest';
import type { Account, AnyItemRef, ItemRef } from '../src/index.js';
import type { ItemIdOperation } from '../src/internal/ids.js';
import { itemIdXml } from '../src/internal/ids.js';
import { buildArchiveItem } from '../src/operations/archive-item.js';
import { buildCopyItem } from '../src/operations/copy-item.js';
import { buildCreateAttachment } from '../src/operations/create-attachment.js';
import { buildDeleteItem } from '../src/operations/delete-item.js';
import { buildExportItems } from '../src/operations/export-items.js';
import { buildGetItem } from '../src/operations/get-item.js';
import { buildMarkAsJunk } from '../src/operations/mark-as-junk.js';
import { buildMoveItem } from '../src/operations/move-item.js';
import { buildPerformReminderAction } from '../src/operations/reminders.js';
import { buildResponseItem } from '../src/operations/response-items.js';
import { buildSendItem } from '../src/operations/send-item.js';
import { buildSyncFolderItems } from '../src/operations/sync-folder-items.js';
import { buildUpdateItem } from '../src/operations/update-item.js';
import { buildUploadItems } from '../src/operations/upload-items.js';
import { useHarness } from './helpers/harness.js';

const ID_ONLY = '<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>';
const TO = { distinguishedId: 'inbox', mailbox: 'alice@contoso.test' } as const;
const VERSION = 'Exchange2016';

// Every place a request names items, each built around one reference. A Record over ItemIdOperation:
// an operation added to the id table without a row here does not compile.
const BUILDERS: Record<ItemIdOperation, (ref: AnyItemRef) => string> = {
  GetItem: (ref) => buildGetItem({ items: [ref], shape: raw(ID_ONLY) }).xml,
  DeleteItem: (ref) => buildDeleteItem({ items: [ref], deleteType: 'HardDelete' }).xml,
  MoveItem: (ref) => buildMoveItem({ items: [ref], to: TO }).xml,
  CopyItem: (ref) => buildCopyItem({ items: [ref], to: TO }).xml,
  ArchiveItem: (ref) => buildArchiveItem({ items: [ref], to: TO }).xml,
  SendItem: (ref) => buildSendItem({ items: [ref], saveCopy: false }).xml,
  MarkAsJunk: (ref) => buildMarkAsJunk({ items: [ref] }).xml,
  UpdateItem: (ref) =>
    buildUpdateItem({
      model: CalendarItemModel,
      changes: [{ item: ref, changes: { subject: 'x' } }],
      version: VERSION,
    }).xml,
  ExportItems: (ref) => buildExportItems({ items: [ref as ItemRef] }).xml,
  UploadItems: (ref) =>
    buildUploadItems({ items: [{ item: ref as ItemRef, parentFolderId: 'AAMk', data: 'AAAA' }] }).xml,
  SyncFolderItems: (ref) =>
    buildSyncFolderItems({
      folder: { distinguishedId: 'calendar' },
      shape: raw(ID_ONLY),
      ignore: [ref as ItemRef],
      maxChanges: 10,
    }).xml,
  CreateAttachment: (ref) =>
    buildCreateAttachment({
      parent: ref as ItemRef,
      attachments: [{ type: 'FileAttachment', name: 'a.txt', content: new Uint8Array([1]) }],
      version: VERSION,
    }).xml,
  CreateItem: (ref) =>
    buildResponseItem({
      kind: 'accept',
      reference: ref as ItemRef,
      fields: {},
      version: VERSION,
      messageDisposition: 'SendOnly',
    }).xml,
  PerformReminderAction: (ref) =>
    buildPerformReminderAction([{ action: 'Dismiss', item: ref as ItemRef }]).xml,
};

const FORMS: Record<'occurrence' | 'master', AnyItemRef> = {
  occurrence: { occurrenceOf: { id: 'AAMkSeries', changeKey: 'CQAA' }, index: 3 },
  master: { masterOf: { id: 'AAMkOccurrence' } },
};
const FORM_XML = {
  occurrence: '<t:OccurrenceItemId RecurringMasterId="AAMkSeries" ChangeKey="CQAA" InstanceIndex="3"/>',
  master: '<t:RecurringMasterItemId OccurrenceId="AAMkOccurrence"/>',
};
const PLAIN: ItemRef = { id: 'AAMkPlain' };
// The plain id as each place writes it (t:ItemId, m:ParentItemId, t:ReferenceItemId…).
const PLAIN_ELEMENT = /<[mt]:\w+ Id="AAMkPlain"\/>/;

describe('one writer for item ids, judged by the schema', () => {
  it('writes each form where the XSD allows it, and refuses it exactly where the XSD does not', async () => {
    const cases: { operation: ItemIdOperation; form: keyof typeof FORMS; handMade: string }[] = [];
    for (const operation of Object.keys(BUILDERS) as ItemIdOperation[]) {
      const plain = BUILDERS[operation](PLAIN);
      expect(plain, operation).toMatch(PLAIN_ELEMENT);
      for (const form of Object.keys(FORMS) as (keyof typeof FORMS)[]) {
        cases.push({ operation, form, handMade: plain.replace(PLAIN_ELEMENT, FORM_XML[form]) });
      }
    }
    // The schema's verdict on each hand-made request, in one xmllint run.
    const verdicts = await validateEws(
      cases.map((c) => buildEnvelope({ version: VERSION, body: c.handMade })),
    );
    const accepted: string[] = [];
    for (const [i, c] of cases.entries()) {
      const build = () => BUILDERS[c.operation](FORMS[c.form]);
      if (verdicts[i]?.ok) {
        expect(build(), `${c.operation} ${c.form}`).toBe(c.handMade);
        accepted.push(`${c.operation}:${c.form}`);
      } else {
        expect(build, `${c.operation} ${c.form}`).toThrow(EwsInvalidArgumentError);
      }
    }
    // The XSD's lists of base item ids and UpdateItem's ItemChange take both; nothing else does.
    const anyForm = [
      'GetItem',
      'DeleteItem',
      'MoveItem',
      'CopyItem',
      'ArchiveItem',
      'SendItem',
      'MarkAsJunk',
      'UpdateItem',
    ];
    expect(accepted.sort()).toEqual(anyForm.flatMap((op) => [`${op}:master`, `${op}:occurrence`]).sort());
  });

  it('refuses a reference that is none or several of the forms, and an index that is not 1…2^31-1', () => {
    const bad: unknown[] = [
      {},
      null,
      'AAMk',
      { id: 'a', masterOf: { id: 'b' } },
      { occurrenceOf: { id: 'a' }, index: 2, masterOf: { id: 'b' } },
      { occurrenceOf: { id: 'a' }, index: 0 },
      { occurrenceOf: { id: 'a' }, index: 1.5 },
      { occurrenceOf: { id: 'a' }, index: 2 ** 31 },
      { occurrenceOf: { id: 'a' } },
      { occurrenceOf: { id: '' }, index: 1 },
      { occurrenceOf: { occurrenceOf: { id: 'a' }, index: 1 }, index: 1 },
      { masterOf: {} },
      { masterOf: { masterOf: { id: 'a' } } },
    ];
    for (const ref of bad) {
      expect(() => itemIdXml(ref as AnyItemRef, 'GetItem').xml, JSON.stringify(ref)).toThrow(
        EwsInvalidArgumentError,
      );
    }
    expect(itemIdXml({ occurrenceOf: { id: 'a&"' }, index: 2 ** 31 - 1 }, 'GetItem').xml).toBe(
      '<t:OccurrenceItemId RecurringMasterId="a&amp;&quot;" InstanceIndex="2147483647"/>',
    );
  });
});

let alice: Account;
const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
});

async function standupMaster(): Promise<ItemRef> {
  const [master] = await alice.calendar.filter({ subject: 'Team standup' }).only('subject').toArray();
  const id = master?.itemId?.id;
  if (id === undefined) throw new Error('no standup master in the seed');
  return { id };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'NoError';
  } catch (error) {
    return (error as { responseCode?: string }).responseCode ?? String(error);
  }
}

describe('occurrences and series against the test server', () => {
  it('reads a series: first, last, modified and deleted occurrences in one GetItem', async () => {
    const master = await standupMaster();
    const before = harness.operations.length;
    const series = await alice.calendar.series(master);
    expect(harness.operations.slice(before)).toEqual(['GetItem']);
    expect(series.itemId.id).toBe(master.id);
    expect(series.modifiedOccurrences).toHaveLength(1);
    expect(series.deletedOccurrences).toHaveLength(1);
    const first = await alice.items.get(CalendarItemModel, alice.calendar.occurrence(master, 1));
    const last = await alice.items.get(CalendarItemModel, alice.calendar.occurrence(master, 22));
    expect(series.firstOccurrence?.start).toEqual(first.start);
    expect(series.lastOccurrence?.start).toEqual(last.start);
    expect(series.firstOccurrence?.itemId?.id).toBe(first.itemId?.id);
    expect((await alice.calendar.firstOccurrence(master))?.start).toEqual(first.start);
    expect((await alice.calendar.lastOccurrence(master))?.start).toEqual(last.start);
    expect(await alice.calendar.modifiedOccurrences(master)).toEqual(series.modifiedOccurrences);
    expect(await alice.calendar.deletedOccurrences(master)).toEqual(series.deletedOccurrences);
  });

  it('addresses every occurrence by index; past the end and deleted ones are the server’s typed errors', async () => {
    const master = await standupMaster();
    const codes: string[] = [];
    const types: (string | undefined)[] = [];
    for (let index = 1; index <= 23; index++) {
      const code = await codeOf(
        alice.items
          .get(CalendarItemModel, alice.calendar.occurrence(master, index), { only: ['type'] })
          .then((item) => {
            types.push(item.type);
          }),
      );
      codes.push(code);
    }
    expect(codes.filter((c) => c === 'NoError')).toHaveLength(21);
    expect(codes[13]).toBe('ErrorCalendarOccurrenceIsDeletedFromRecurrence');
    expect(codes[22]).toBe('ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange');
    expect(types.filter((t) => t === 'Exception')).toHaveLength(1);
    expect(types.filter((t) => t === 'Occurrence')).toHaveLength(20);
    await expect(
      alice.items.get(CalendarItemModel, alice.calendar.occurrence(master, 23)),
    ).rejects.toMatchObject({
      code: 'EWS_RESPONSE',
      responseCode: 'ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange',
    });
  });

  it('finds the master from an occurrence or an exception; series() refuses anything but a master', async () => {
    const master = await standupMaster();
    for (const index of [2, 13]) {
      const occurrence = await alice.items.get(CalendarItemModel, alice.calendar.occurrence(master, index));
      const found = await alice.items.get(CalendarItemModel, alice.calendar.master(occurrence), {
        only: ['type'],
      });
      expect(found.itemId?.id).toBe(master.id);
      expect(found.type).toBe('RecurringMaster');
      await expect(alice.calendar.series(alice.calendar.occurrence(master, index))).rejects.toThrow(
        /Not a series' master: the item is (Occurrence|Exception) \(give calendar\.master\(it\)\)/,
      );
      expect((await alice.calendar.series(alice.calendar.master(occurrence))).itemId.id).toBe(master.id);
    }
    expect(() => alice.calendar.occurrence(master, 0)).toThrow(EwsInvalidArgumentError);
    expect(() => alice.calendar.occurrence({ itemId: undefined }, 1)).toThrow(/no itemId/);
    expect(() => alice.calendar.master(alice.calendar.occurrence(master, 1) as never)).toThrow(
      EwsInvalidArgumentError,
    );
  });

  it('modifies one occurrence (it becomes an exception), deletes one, cancels one', async () => {
    const master = await standupMaster();
    const [updated] = await alice.bulkUpdate(CalendarItemModel, [
      { item: alice.calendar.occurrence(master, 3), changes: { subject: 'Standup with guests' } },
    ]);
    expect(updated?.ok).toBe(true);
    const third = await alice.items.get(CalendarItemModel, alice.calendar.occurrence(master, 3));
    expect([third.type, third.subject]).toEqual(['Exception', 'Standup with guests']);
    expect((await alice.calendar.series(master)).modifiedOccurrences).toHaveLength(2);

    await alice.items.delete(alice.calendar.occurrence(master, 4));
    expect(await codeOf(alice.items.get(CalendarItemModel, alice.calendar.occurrence(master, 4)))).toBe(
      'ErrorCalendarOccurrenceIsDeletedFromRecurrence',
    );

    const before = harness.operations.length;
    await alice.items.cancel(alice.calendar.occurrence(master, 5), {}, { messageDisposition: 'SendOnly' });
    // CancelCalendarItem's ReferenceItemId is a plain ItemId: the occurrence's id is read first.
    expect(harness.operations.slice(before)).toEqual(['GetItem', 'CreateItem']);
    expect(await codeOf(alice.items.get(CalendarItemModel, alice.calendar.occurrence(master, 5)))).toBe(
      'ErrorCalendarOccurrenceIsDeletedFromRecurrence',
    );
    const series = await alice.calendar.series(master);
    expect(series.deletedOccurrences).toHaveLength(3);
    // The rest of the series is untouched.
    expect((await alice.items.get(CalendarItemModel, alice.calendar.occurrence(master, 6))).type).toBe(
      'Occurrence',
    );
  });
});

describe('meetings by iCalendar UID', () => {
  it('finds a meeting created with a UID, and the seed series by the UID Exchange gave it', async () => {
    const uid = 'occur-040000008200e008@example.test';
    const ref = await alice.items.save(
      CalendarItemModel,
      {
        subject: 'Found by UID',
        uid,
        start: new Date('2026-03-20T10:00:00Z'),
        end: new Date('2026-03-20T11:00:00Z'),
        requiredAttendees: [{ mailbox: { emailAddress: 'bob@contoso.test' } }],
      } as CalendarItem,
      { sendMeetingInvitations: 'SendToAllAndSaveCopy' },
    );
    const before = harness.operations.length;
    const found = await alice.calendar.findByUid(uid, { only: ['subject', 'uid'] });
    expect(harness.operations.slice(before)).toEqual(['FindItem', 'GetItem']);
    expect(found.map((item) => [item.itemId?.id, item.subject, item.uid])).toEqual([
      [ref.id, 'Found by UID', uid],
    ]);
    expect(await alice.calendar.findByUid(`${uid}-other`)).toEqual([]);

    // The attendee's copy and the request in their inbox carry the same CleanGlobalObjectId.
    const bob = harness.account('bob@contoso.test');
    expect((await bob.calendar.findByUid(uid, { only: ['subject'] })).map((item) => item.subject)).toEqual([
      'Found by UID',
    ]);
    const q = filterFor(MessageModel);
    const requests = await bob.inbox
      .filter(q.eq(CLEAN_GLOBAL_OBJECT_ID, uidToCleanGlobalObjectId(uid)))
      .only('subject', 'itemClass')
      .toArray();
    expect(requests.map((r) => [r.subject, r.itemClass])).toEqual([
      ['Found by UID', 'IPM.Schedule.Meeting.Request'],
    ]);

    const master = await standupMaster();
    const { uid: standupUid } = await alice.items.get(CalendarItemModel, master, { only: ['uid'] });
    expect(standupUid).toMatch(/^040000008200E00074C5B7101A82E008/);
    const series = await alice.calendar.findByUid(standupUid ?? '', { only: ['type'] });
    expect(series.map((item) => [item.itemId?.id, item.type])).toEqual([[master.id, 'RecurringMaster']]);
    // The restriction compares the CleanGlobalObjectId the models compute.
    expect(uidToCleanGlobalObjectId(standupUid ?? '')).toEqual(
      new Uint8Array(Buffer.from(standupUid ?? '', 'hex')),
    );
  });

  it('refuses a UID the vCal-Uid form cannot hold before sending anything', async () => {
    const before = harness.operations.length;
    await expect(alice.calendar.findByUid('réunion')).rejects.toThrow(EwsInvalidArgumentError);
    await expect(alice.calendar.findByUid('')).rejects.toThrow(EwsInvalidArgumentError);
    expect(harness.operations.length).toBe(before);
  });
});
