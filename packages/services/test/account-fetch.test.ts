import { setTimeout as sleep } from 'node:timers/promises';
import { buildEnvelope, type EwsResponse } from '@ews/core';
import { CalendarItemModel, MessageModel } from '@ews/models';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, describe, expect, it } from 'vitest';
import type { AccountContext } from '../src/account/account-context.js';
import type { Account, BulkResult, FetchedItem } from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { fetchById } from '../src/query/fetch-by-id.js';
import { NOW, useHarness } from './helpers/harness.js';

// account.fetch (exchangelib's account.fetch(ids=…)): batched GetItem, one result per ref in input
// order, against the test server and against a scripted server that answers out of order.

let alice: Account;
const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
});

const DAY = 86_400_000;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const ok = <T>(result: BulkResult<T> | undefined): T => {
  if (result === undefined || !result.ok)
    throw new Error(`not ok: ${String(result && !result.ok && result.error)}`);
  return result.value;
};

describe('account.fetch against the test server', () => {
  it('fetches items of several kinds by ref, item or string, in input order, each tagged with its kind', async () => {
    const [event] = await collect(
      alice.calendar.view({ start: new Date(NOW.getTime() - DAY), end: new Date(NOW.getTime() + 3 * DAY) }),
    );
    const [message] = await alice.inbox.all().only('subject').limit(1).toArray();
    if (!event?.itemId?.id || !message?.itemId?.id) throw new Error('the demo seed has events and mail');
    const before = harness.operations.length;
    const results = await alice.fetch([event, message.itemId, event.itemId.id, { id: 'AAMkNoSuchItem=' }]);
    expect(harness.operations.slice(before)).toEqual(['GetItem']);
    expect(results).toHaveLength(4);
    const [first, second, third, fourth] = results;
    const asEvent = ok(first);
    expect(asEvent.type).toBe('CalendarItem');
    if (asEvent.type === 'CalendarItem') {
      // Narrowed by its tag, no cast: every calendar field came with it.
      expect(asEvent.item.subject).toBe(event.subject);
      expect(asEvent.item.start).toEqual(event.start);
      expect(asEvent.item.organizer?.emailAddress).toMatch(/@contoso\.test$/);
    }
    expect(ok(second)).toMatchObject({ type: 'Message', item: { subject: message.subject } });
    expect(ok(third).item.itemId?.id).toBe(event.itemId.id);
    expect(fourth?.ok === false && fourth.error).toMatchObject({ code: 'EWS_RESPONSE' });
  });

  it("with a model: that model's items, only the fields asked for, another kind failing alone", async () => {
    const [event] = await collect(
      alice.calendar.view({ start: new Date(NOW.getTime() - DAY), end: new Date(NOW.getTime() + 3 * DAY) }),
    );
    const [message] = await alice.inbox.all().only('subject').limit(1).toArray();
    if (!event || !message) throw new Error('the demo seed has events and mail');
    const [asEvent, asMessage] = await alice.fetch([event, message], {
      model: CalendarItemModel,
      only: ['subject', 'requiredAttendees', 'body'],
    });
    const item = ok(asEvent);
    expect(item.subject).toBe(event.subject);
    expect(item.body).toBeDefined();
    expect(item.start).toBeUndefined();
    expect(asMessage?.ok === false && asMessage.error).toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
      message: 'The id names a Message, not a CalendarItem',
    });
  });

  it('chunks by chunkSize, one result per ref', async () => {
    const messages = await alice.inbox.all().only('subject').toArray();
    expect(messages.length).toBeGreaterThan(2);
    const before = harness.operations.length;
    const results = await alice.fetch(messages, { model: MessageModel, only: ['subject'], chunkSize: 2 });
    expect(harness.operations.slice(before)).toEqual(
      Array.from({ length: Math.ceil(messages.length / 2) }, () => 'GetItem'),
    );
    expect(results.map((result) => ok(result).subject)).toEqual(messages.map((message) => message.subject));
  });

  it('refuses a ref without an id before anything is sent', async () => {
    const before = harness.operations.length;
    await expect(alice.fetch([{ id: 'A' }, { itemId: undefined }])).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
    expect(harness.operations.length).toBe(before);
  });
});

describe('account.fetch against a server answering out of order', () => {
  const recorder = createEnvelopeRecorder();
  afterAll(() => recorder.assertAllValid());
  const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
  const T = 'http://schemas.microsoft.com/exchange/services/2006/types';

  function account(reorder: (ids: string[]) => string[]): AccountContext {
    return {
      primarySmtpAddress: 'alice@example.com',
      version: 'Exchange2016',
      async send(operation, body): Promise<EwsResponse> {
        recorder.record(buildEnvelope({ version: 'Exchange2016', body }), operation);
        await sleep(1);
        const asked = [...body.xml.matchAll(/ItemId Id="([^"]+)"/g)].map((match) => match[1] as string);
        const messages = reorder(asked)
          .map(
            (id) =>
              '<m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Items>' +
              `<t:Message><t:ItemId Id="${id}" ChangeKey="CQ"/><t:Subject>${id}</t:Subject></t:Message></m:Items></m:GetItemResponseMessage>`,
          )
          .join('');
        return decodeResponseText(
          `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${M}" xmlns:t="${T}"><s:Body>` +
            `<m:GetItemResponse><m:ResponseMessages>${messages}</m:ResponseMessages></m:GetItemResponse></s:Body></s:Envelope>`,
          operation,
        );
      },
    };
  }

  it('fails the swapped entries (EWS_PROTOCOL), never giving a ref another item', async () => {
    const swapped = (ids: string[]) => [ids[1], ids[0], ...ids.slice(2)] as string[];
    const results = await fetchById(account(swapped), ['A1', 'A2', 'A3'], {});
    expect(results.map((result) => result.ok)).toEqual([false, false, true]);
    expect(results[0]?.ok === false && results[0].error).toMatchObject({
      code: 'EWS_PROTOCOL',
      operation: 'GetItem',
    });
    expect((results[2]?.ok && (results[2].value as FetchedItem).item.subject) || undefined).toBe('A3');
  });

  it('fails every ref of a chunk answered with a message missing', async () => {
    const results = await fetchById(
      account((ids) => ids.slice(1)),
      ['A1', 'A2', 'A3', 'A4'],
      { chunkSize: 2 },
    );
    expect(results.map((result) => result.ok)).toEqual([false, false, false, false]);
    expect(results[0]?.ok === false && results[0].error).toMatchObject({
      code: 'EWS_PROTOCOL',
      message: 'GetItem: 2 entries sent, 1 answer received',
    });
  });
});
