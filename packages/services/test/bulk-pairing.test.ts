import {
  buildEnvelope,
  createBasicAuth,
  EwsClient,
  EwsProtocolError,
  type EwsResponse,
  type Policy,
} from '@ews/core';
import { type Message, MessageModel } from '@ews/models';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, describe, expect, it } from 'vitest';
import { runChunks } from '../src/bulk/run-chunks.js';
import {
  Account,
  type AccountContext,
  bulkCreate,
  bulkMove,
  ItemActions,
  type ItemRef,
  readCreatedItems,
  readCreateItem,
} from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import type { Outcome } from '../src/outcome.js';
import { useHarness } from './helpers/harness.js';

// Issue 12, defects 3 and 4: bulk results landing on the wrong items, and CreateItem answers that
// name several items. First against canned answers shaped as Exchange writes them, then on a real
// round trip to @ews/test-server with the answer tampered with on its way back.

const recorder = createEnvelopeRecorder();
afterAll(() => recorder.assertAllValid());

const M = 'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"';
const T = 'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"';
const createAnswer = (messages: string) =>
  '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
  `<m:CreateItemResponse ${M} ${T}><m:ResponseMessages>${messages}</m:ResponseMessages></m:CreateItemResponse></s:Body></s:Envelope>`;
const created = (items: string) =>
  `<m:CreateItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Items>${items}</m:Items></m:CreateItemResponseMessage>`;
const idFor = (subject: string) => `AAMk-${subject.replaceAll(' ', '-')}=`;

/**
 * An account answering CreateItem with one message per item sent (the new item's id derived from
 * its subject, so a result can be traced to its input), except that `tamper` may change the list
 * of messages of a given call.
 */
function createItemAccount(tamper: (call: number, messages: string[]) => string[]): AccountContext {
  let calls = 0;
  return {
    primarySmtpAddress: 'alice@contoso.test',
    version: 'Exchange2016',
    async send(operation, body): Promise<EwsResponse> {
      const call = ++calls;
      recorder.record(buildEnvelope({ version: 'Exchange2016', body }), `${operation} #${call}`);
      const subjects = [...body.xml.matchAll(/<t:Subject>([^<]*)<\/t:Subject>/g)].map(
        (match) => match[1] as string,
      );
      const messages = subjects.map((subject) =>
        created(`<t:Message><t:ItemId Id="${idFor(subject)}" ChangeKey="CQAAAB"/></t:Message>`),
      );
      return decodeResponseText(createAnswer(tamper(call, messages).join('')), operation);
    },
  };
}

const drafts = (n: number): Message[] => Array.from({ length: n }, (_, i) => ({ subject: `draft ${i}` }));

function expectChunkRefused(results: readonly Outcome<unknown>[], sent: number, received: number): void {
  for (const result of results) {
    if (result.ok) throw new Error('a result of the broken chunk was paired anyway');
    expect(result.error).toBeInstanceOf(EwsProtocolError);
    expect(result.error).toMatchObject({
      code: 'EWS_PROTOCOL',
      requestFate: 'unknown',
      operation: 'CreateItem',
      message: `CreateItem: ${sent} entries sent, ${received} answers received`,
    });
  }
}

describe('bulk results never land on another input (defect 3)', () => {
  it.each([
    ['one answer missing', 99, (messages: string[]) => messages.slice(1)],
    ['one answer too many', 101, (messages: string[]) => [...messages, messages[0] as string]],
  ])(
    'a chunk with %s fails its own inputs, fate unknown; the other chunks keep their ids',
    async (_, received, change) => {
      const account = createItemAccount((call, messages) => (call === 2 ? change(messages) : messages));
      const items = drafts(250);
      const results = await bulkCreate(account, MessageModel, items, { chunkSize: 100, concurrency: 1 });
      // Before: 249 (or 251) results, every one after the first chunk carrying another item's id.
      expect(results).toHaveLength(250);
      results.forEach((result, index) => {
        if (index >= 100 && index < 200) return;
        expect(result, `input ${index}`).toEqual({
          ok: true,
          value: { id: idFor(`draft ${index}`), changeKey: 'CQAAAB' },
        });
      });
      expectChunkRefused(results.slice(100, 200), 100, received);
    },
  );

  it('runChunks itself refuses a chunk whose reader gives back another number of outcomes', async () => {
    // The second line of defence, whatever the reader: one result per input, in input order.
    const results = await runChunks('MoveItem', [1, 2, 3, 4, 5], { chunkSize: 2 }, async (part) =>
      part[0] === 3
        ? [{ ok: true, value: 'only one' }]
        : part.map((n) => ({ ok: true, value: `moved ${n}` })),
    );
    expect(results.map((r) => (r.ok ? r.value : r.error.message))).toEqual([
      'moved 1',
      'moved 2',
      'MoveItem: 2 entries sent, 1 answer received',
      'MoveItem: 2 entries sent, 1 answer received',
      'moved 5',
    ]);
    expect(results[2]).toMatchObject({ ok: false, error: { code: 'EWS_PROTOCOL', requestFate: 'unknown' } });
  });
});

// A CreateItem answer in the shape of Microsoft's ProposeNewTime example: answering a meeting names
// the calendar item and the meeting response in one ResponseMessage (exchangelib issue 886 too).
const PROPOSE_NEW_TIME_ANSWER = createAnswer(
  created(
    '<t:CalendarItem><t:ItemId Id="AAMkADE4CalendarItem=" ChangeKey="DwAAABYA"/></t:CalendarItem>' +
      '<t:MeetingResponse><t:ItemId Id="AAMkADE4MeetingResponse=" ChangeKey="CwAAABYA"/></t:MeetingResponse>',
  ),
);

describe('a CreateItem answer naming several items keeps every one (defect 4)', () => {
  it('readCreatedItems returns every item with its kind; readCreateItem refuses to pick one', () => {
    const response = decodeResponseText(PROPOSE_NEW_TIME_ANSWER, 'CreateItem');
    expect(readCreatedItems(response, 1)).toEqual([
      {
        ok: true,
        value: [
          { kind: 'CalendarItem', id: 'AAMkADE4CalendarItem=', changeKey: 'DwAAABYA' },
          { kind: 'MeetingResponse', id: 'AAMkADE4MeetingResponse=', changeKey: 'CwAAABYA' },
        ],
      },
    ]);
    // A plain create makes one item per item sent: which of two is "the new item" is a guess.
    const [plain] = readCreateItem(response, 1);
    expect(plain).toMatchObject({
      ok: false,
      error: {
        code: 'EWS_PROTOCOL',
        requestFate: 'executed',
        message: 'CreateItem answered 2 items (CalendarItem, MeetingResponse) for one new item',
      },
    });
  });

  it('an item element outside the schema, or an item without its ItemId, fails the entry', () => {
    const read = (items: string) =>
      readCreatedItems(decodeResponseText(createAnswer(created(items)), 'CreateItem'), 1)[0];
    expect(read('<t:Gadget><t:ItemId Id="AAMk="/></t:Gadget>')).toMatchObject({
      ok: false,
      error: { message: 'CreateItem answered an unknown item element <Gadget>', requestFate: 'executed' },
    });
    // Microsoft's documentation examples misspell it twice: `<t:ItemID>` is not an ItemId.
    expect(read('<t:Message><t:ItemID Id="AAMk=" ChangeKey="CQ"/></t:Message>')).toMatchObject({
      ok: false,
      error: { code: 'EWS_PROTOCOL', message: 'CreateItem answered a Message without an ItemId' },
    });
    expect(read('')).toEqual({ ok: true, value: [] });
  });

  it('tentativelyAccept resolves with both items, not the first one twice', async () => {
    const bodies: string[] = [];
    const account: AccountContext = {
      primarySmtpAddress: 'bob@contoso.test',
      version: 'Exchange2016',
      async send(operation, body) {
        bodies.push(body.xml);
        recorder.record(buildEnvelope({ version: 'Exchange2016', body }), `${operation} propose`);
        return decodeResponseText(PROPOSE_NEW_TIME_ANSWER, operation);
      },
    };
    const items = new ItemActions(account);
    const answered = await items.tentativelyAccept({ id: 'AAMkMeetingRequest=', changeKey: 'CwAAAA' });
    expect(answered.map((item) => [item.kind, item.id])).toEqual([
      ['CalendarItem', 'AAMkADE4CalendarItem='],
      ['MeetingResponse', 'AAMkADE4MeetingResponse='],
    ]);
    expect(bodies[0]).toContain('<t:TentativelyAcceptItem>');
  });
});

// Round trips to the test server, with the answer tampered with on its way back to the client.

const harness = useHarness();

/** Removes the last `{operation}ResponseMessage` of the `nth` answer to `operation`. */
function droppingLastMessage(operation: string, nth: number): Policy {
  let seen = 0;
  const element = new RegExp(
    `<(\\w+:)?${operation}ResponseMessage\\b[\\s\\S]*?</(\\w+:)?${operation}ResponseMessage>`,
    'g',
  );
  return {
    name: 'drop-last-response-message',
    async send(request, next) {
      if (request.body !== undefined) harness.recorder.record(request.body, `tampered-${request.operation}`);
      const response = await next(request);
      if (request.operation !== operation || ++seen !== nth) return response;
      const matches = [...response.body.matchAll(element)];
      const last = matches.at(-1);
      if (last?.index === undefined) throw new Error(`no ${operation}ResponseMessage to drop`);
      const body = response.body.slice(0, last.index) + response.body.slice(last.index + last[0].length);
      return { ...response, body };
    },
  };
}

function tamperedAccount(username: string, policy: Policy): { account: Account; client: EwsClient } {
  const password = harness.server.mailboxes.find((entry) => entry.address === username)?.password ?? '';
  const client = new EwsClient({
    url: harness.server.url,
    auth: createBasicAuth({ username, password }),
    allowInsecureHttp: true,
    policies: [policy],
    timeoutMs: 20_000,
  });
  return { account: new Account({ primarySmtpAddress: username, client }), client };
}

describe('on a real round trip, a wrong message count fails the chunk, and the server did act', () => {
  it('bulkCreate: the chunk whose answer lost a message fails whole; the others match the server', async () => {
    const { account, client } = tamperedAccount('alice@contoso.test', droppingLastMessage('CreateItem', 2));
    try {
      const subjects = Array.from({ length: 6 }, (_, i) => `Counted draft ${i}`);
      const results = await account.drafts.create(
        subjects.map((subject) => ({ subject })),
        { chunkSize: 2, concurrency: 1 },
      );
      expect(results.map((r) => r.ok)).toEqual([true, true, false, false, true, true]);
      for (const failed of results.slice(2, 4)) {
        expect(failed).toMatchObject({
          ok: false,
          error: {
            code: 'EWS_PROTOCOL',
            requestFate: 'unknown',
            message: 'CreateItem: 2 entries sent, 1 answer received',
          },
        });
      }
      // Fate unknown was right: the server created all six.
      const mailbox = harness.server.snapshot().mailbox('alice@contoso.test');
      const stored = mailbox
        .itemsIn(mailbox.folder('drafts').id)
        .filter((item) => item.subject.startsWith('Counted draft'));
      expect(stored.map((item) => item.subject).sort()).toEqual(subjects);
      // And each result that is a success is its own input's item.
      results.forEach((result, index) => {
        if (!result.ok) return;
        expect(stored.find((item) => item.id === result.value?.id)?.subject).toBe(subjects[index]);
      });
    } finally {
      await client.close();
    }
  });

  it('bulkMove: same for a move, whose ids change', async () => {
    const alice = harness.account('alice@contoso.test');
    const made = await alice.drafts.create(
      Array.from({ length: 4 }, (_, i) => ({ subject: `Moved draft ${i}` })),
    );
    const refs = made.map((r) => (r.ok ? r.value : undefined)) as ItemRef[];
    const { account, client } = tamperedAccount('alice@contoso.test', droppingLastMessage('MoveItem', 1));
    try {
      const results = await bulkMove(
        account,
        refs,
        { distinguishedId: 'inbox' },
        { chunkSize: 2, concurrency: 1 },
      );
      expect(results.map((r) => r.ok)).toEqual([false, false, true, true]);
      expect(results[0]).toMatchObject({
        ok: false,
        error: { message: 'MoveItem: 2 entries sent, 1 answer received' },
      });
      const mailbox = harness.server.snapshot().mailbox('alice@contoso.test');
      const inbox = mailbox.itemsIn(mailbox.folder('inbox').id);
      results.forEach((result, index) => {
        if (!result.ok) return;
        expect(inbox.find((item) => item.id === result.value?.id)?.subject).toBe(`Moved draft ${index}`);
      });
      expect(inbox.filter((item) => item.subject.startsWith('Moved draft'))).toHaveLength(4);
    } finally {
      await client.close();
      await alice.close();
    }
  });
});

describe('accepting a meeting on the test server names both items it made (defect 4)', () => {
  it('accept resolves with the calendar item and the meeting response, as the server stores them', async () => {
    const alice = harness.account('alice@contoso.test');
    const bob = harness.account('bob@contoso.test');
    try {
      await alice.createCalendarItem(
        {
          subject: 'Counted review',
          start: new Date('2026-03-13T10:00:00Z'),
          end: new Date('2026-03-13T11:00:00Z'),
          requiredAttendees: [{ mailbox: { emailAddress: 'bob@contoso.test' } }],
        },
        { sendMeetingInvitations: 'SendToAllAndSaveCopy' },
      );
      const [request] = await bob.inbox.filter({ subject: 'Counted review' }).toArray();
      const answered = await bob.items.accept(request?.itemId as ItemRef);
      // Before, only the first id came back; now every item, each with its kind.
      const mailbox = harness.server.snapshot().mailbox('bob@contoso.test');
      expect(answered.length).toBeGreaterThan(1);
      for (const item of answered) {
        const stored = mailbox.items.find((candidate) => candidate.id === item.id);
        expect(stored?.kind, item.kind).toBe(item.kind);
      }
      expect(answered.map((item) => item.kind)).toContain('CalendarItem');
      expect(answered.map((item) => item.kind)).toContain('MeetingResponse');
    } finally {
      await alice.close();
      await bob.close();
    }
  });
});
