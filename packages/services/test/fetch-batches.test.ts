import { setTimeout as sleep } from 'node:timers/promises';
import { buildEnvelope, type EwsResponse } from '@ews/core';
import { type CalendarItem, CalendarItemModel, fromXml, itemShape } from '@ews/models';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { AccountContext } from '../src/account/account-context.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import {
  DEFAULT_FETCH_BATCH_SIZE,
  type FieldFetchPlan,
  fieldFetchSettings,
  withFetchedFields,
} from '../src/query/fetch-batches.js';

// The merge reader of views and queries (FindItem results + GetItem for the fields FindItem cannot
// return) against a scripted account: GetItem answers built as Exchange writes them, read through
// core's real decoder, and scripted to misbehave (wrong order, a missing message, another item,
// a deleted item, an item changed in between). Every request envelope is schema-validated.

const recorder = createEnvelopeRecorder();
afterAll(() => recorder.assertAllValid());

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const idOf = (index: number) => `AAMkADk0N2E3${String(index).padStart(5, '0')}AAA=`;

function foundItems(count: number): CalendarItem[] {
  return Array.from({ length: count }, (_, index) => ({
    itemId: { id: idOf(index), changeKey: 'DwAAAB' },
    subject: `subject ${index}`,
    start: new Date(Date.UTC(2026, 2, 2, 8, index)),
  }));
}

async function* source<T>(items: readonly T[], read?: { count: number }): AsyncGenerator<T> {
  for (const item of items) {
    if (read) read.count++;
    yield item;
  }
}

const version = 'Exchange2016' as const;
function plan(options: Parameters<typeof fieldFetchSettings>[0] = {}): FieldFetchPlan<CalendarItem> {
  const fields = ['subject', 'start', 'body', 'requiredAttendees'] as const;
  return {
    fields: ['body', 'requiredAttendees'],
    shape: itemShape(CalendarItemModel, { version, fields: ['body', 'requiredAttendees'] }).xml,
    wholeShape: itemShape(CalendarItemModel, { version, fields }).xml,
    read: (node) => fromXml(CalendarItemModel, node),
    ...fieldFetchSettings(options),
  };
}

interface Script {
  /** The ids each GetItem answers, given the ids it was asked (default: the same). */
  answer?: (asked: string[], call: number) => string[];
  missing?: ReadonlySet<string>;
  /** Ids whose change key moved since the FindItem. */
  changed?: ReadonlySet<string>;
  delayMs?: (call: number) => number;
}

function message(id: string, script: Script, whole: boolean): string {
  if (script.missing?.has(id)) {
    return (
      '<m:GetItemResponseMessage ResponseClass="Error"><m:MessageText>gone</m:MessageText>' +
      '<m:ResponseCode>ErrorItemNotFound</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey><m:Items/></m:GetItemResponseMessage>'
    );
  }
  const changeKey = script.changed?.has(id) ? 'DwAAAC' : 'DwAAAB';
  const simple = whole ? `<t:Subject>new subject ${id}</t:Subject>` : '';
  return (
    '<m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Items>' +
    `<t:CalendarItem><t:ItemId Id="${id}" ChangeKey="${changeKey}"/>${simple}<t:Body BodyType="Text">body of ${id}</t:Body>` +
    `<t:RequiredAttendees><t:Attendee><t:Mailbox><t:EmailAddress>${id.slice(12, 17)}@contoso.test</t:EmailAddress></t:Mailbox></t:Attendee></t:RequiredAttendees>` +
    '</t:CalendarItem></m:Items></m:GetItemResponseMessage>'
  );
}

function scriptedAccount(script: Script = {}) {
  const state = { calls: 0, inFlight: 0, maxInFlight: 0, batches: [] as string[][], aborted: 0 };
  const account: AccountContext = {
    primarySmtpAddress: 'alice@example.com',
    version,
    async send(operation, body, options): Promise<EwsResponse> {
      recorder.record(buildEnvelope({ version, body }), `${operation} #${state.calls + 1}`);
      const call = state.calls++;
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      const asked = [...body.xml.matchAll(/ItemId Id="([^"]+)"/g)].map((match) => match[1] as string);
      state.batches.push(asked);
      try {
        await sleep(script.delayMs?.(call) ?? 1, undefined, { signal: options?.signal });
      } catch (error) {
        state.aborted++;
        throw error;
      } finally {
        state.inFlight--;
      }
      const whole = body.xml.includes('item:Subject');
      const answered = script.answer ? script.answer(asked, call) : asked;
      const xml =
        `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${M}" xmlns:t="${T}"><s:Body>` +
        `<m:GetItemResponse><m:ResponseMessages>${answered.map((id) => message(id, script, whole)).join('')}` +
        '</m:ResponseMessages></m:GetItemResponse></s:Body></s:Envelope>';
      return decodeResponseText(xml, operation);
    },
  };
  return { account, state };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('withFetchedFields', () => {
  it('merges GetItem fields into the found items in view order, in batches of 100, a few in flight', async () => {
    // Earlier batches answer later, so batches complete out of order.
    const { account, state } = scriptedAccount({ delayMs: (call) => Math.max(1, 40 - call * 10) });
    const found = foundItems(250);
    const items = await collect(withFetchedFields(account, source(found), plan(), {}));
    expect(state.batches.map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(state.maxInFlight).toBe(3);
    expect(items.map((item) => item.itemId?.id)).toEqual(found.map((item) => item.itemId?.id));
    for (const [index, item] of items.entries()) {
      // FindItem's fields kept, GetItem's added, nothing pinned on another item.
      expect(item.subject).toBe(`subject ${index}`);
      expect(item.start).toEqual(found[index]?.start);
      expect(item.body?.value).toBe(`body of ${idOf(index)}`);
      expect(item.requiredAttendees?.[0]?.mailbox?.emailAddress).toBe(
        `${idOf(index).slice(12, 17)}@contoso.test`,
      );
    }
  });

  it('honours fetchBatchSize and fetchConcurrency', async () => {
    const { account, state } = scriptedAccount({ delayMs: () => 5 });
    const items = await collect(
      withFetchedFields(
        account,
        source(foundItems(25)),
        plan({ fetchBatchSize: 4, fetchConcurrency: 2 }),
        {},
      ),
    );
    expect(items).toHaveLength(25);
    expect(state.batches.map((batch) => batch.length)).toEqual([4, 4, 4, 4, 4, 4, 1]);
    expect(state.maxInFlight).toBe(2);
  });

  it('reads the source only as far as the batches in flight need (memory stays bounded)', async () => {
    const { account, state } = scriptedAccount();
    const read = { count: 0 };
    const settings = { fetchBatchSize: 10, fetchConcurrency: 2 };
    const iterator = withFetchedFields(account, source(foundItems(10_000), read), plan(settings), {});
    await iterator.next();
    // Two batches in flight and the source's one item of look-ahead at most, not 10,000.
    expect(read.count).toBeLessThanOrEqual(2 * 10 + 1);
    await iterator.return(undefined);
    expect(state.calls).toBeLessThanOrEqual(3);
  });

  it('refuses a GetItem answer in another order (EWS_PROTOCOL), never merging one item into another', async () => {
    const { account } = scriptedAccount({
      answer: (asked, call) => (call === 1 ? [...asked].reverse() : asked),
    });
    const seen: CalendarItem[] = [];
    await expect(
      (async () => {
        for await (const item of withFetchedFields(account, source(foundItems(250)), plan(), {}))
          seen.push(item);
      })(),
    ).rejects.toMatchObject({
      code: 'EWS_PROTOCOL',
      operation: 'GetItem',
      message: 'GetItem answered entry 1 of 100 with another item than the one asked for there',
    });
    // The first batch, answered right, was handed out whole and right.
    expect(seen).toHaveLength(100);
    expect(seen.every((item) => item.body?.value === `body of ${item.itemId?.id}`)).toBe(true);
  });

  it('refuses a GetItem answer with a message missing (EWS_PROTOCOL)', async () => {
    const { account } = scriptedAccount({ answer: (asked) => asked.slice(1) });
    await expect(
      collect(withFetchedFields(account, source(foundItems(5)), plan(), {})),
    ).rejects.toMatchObject({
      code: 'EWS_PROTOCOL',
      message: 'GetItem: 5 entries sent, 4 answers received',
    });
  });

  it('skips an item deleted between the FindItem and the GetItem, or throws with itemNotFound: throw', async () => {
    const gone = new Set([idOf(3)]);
    const { account } = scriptedAccount({ missing: gone });
    const items = await collect(withFetchedFields(account, source(foundItems(6)), plan(), {}));
    expect(items.map((item) => item.itemId?.id)).toEqual([0, 1, 2, 4, 5].map(idOf));
    expect(items.every((item) => item.body !== undefined)).toBe(true);
    await expect(
      collect(withFetchedFields(account, source(foundItems(6)), plan({ itemNotFound: 'throw' }), {})),
    ).rejects.toMatchObject({ responseCode: 'ErrorItemNotFound' });
  });

  it('reads an item changed since the FindItem again whole, so no item mixes two versions', async () => {
    const { account, state } = scriptedAccount({ changed: new Set([idOf(1)]) });
    const items = await collect(withFetchedFields(account, source(foundItems(3)), plan(), {}));
    expect(state.batches).toEqual([[0, 1, 2].map(idOf), [idOf(1)]]);
    expect(items[1]).toMatchObject({ subject: `new subject ${idOf(1)}`, itemId: { changeKey: 'DwAAAC' } });
    expect(items[0]).toMatchObject({ subject: 'subject 0', itemId: { changeKey: 'DwAAAB' } });
  });

  it('takes the GetItem answer whole when it asked for every field (a query), changed or not', async () => {
    const { account, state } = scriptedAccount({ changed: new Set([idOf(1)]) });
    const whole = plan();
    const ids = [0, 1, 2].map((i): CalendarItem => ({ itemId: { id: idOf(i), changeKey: 'DwAAAB' } }));
    const items = await collect(
      withFetchedFields(account, source(ids), { ...whole, shape: whole.wholeShape }, {}),
    );
    expect(state.batches).toEqual([[0, 1, 2].map(idOf)]);
    expect(items.map((item) => item.subject)).toEqual([0, 1, 2].map((i) => `new subject ${idOf(i)}`));
    expect(items[1]?.itemId?.changeKey).toBe('DwAAAC');
  });

  it('aborts the GetItem calls still in flight when the caller stops early', async () => {
    const { account, state } = scriptedAccount({ delayMs: (call) => (call === 0 ? 1 : 300) });
    const settings = { fetchBatchSize: 10, fetchConcurrency: 3 };
    for await (const _item of withFetchedFields(account, source(foundItems(100)), plan(settings), {})) break;
    await sleep(20);
    expect(state.aborted).toBeGreaterThan(0);
    expect(state.inFlight).toBe(0);
  });

  it('refuses bad settings before anything is sent', () => {
    expect(() => fieldFetchSettings({ fetchBatchSize: 0 })).toThrow(/fetchBatchSize/);
    expect(() => fieldFetchSettings({ fetchConcurrency: Number.NaN })).toThrow(/fetchConcurrency/);
    expect(() => fieldFetchSettings({ itemNotFound: 'ignore' as 'skip' })).toThrow(/itemNotFound/);
    expect(fieldFetchSettings({}).batchSize).toBe(DEFAULT_FETCH_BATCH_SIZE);
  });

  it('property: whatever order, gaps or strangers a server answers with, each item handed out carries its own fields', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(
          fc.oneof(
            fc.constant('keep'),
            fc.constant('shuffle'),
            fc.constant('drop'),
            fc.constant('stranger'),
            fc.constant('extra'),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        async (count, batchSize, faults) => {
          const { account } = scriptedAccount({
            answer: (asked, call) => {
              const fault = faults[call % faults.length];
              if (fault === 'shuffle' && asked.length > 1) return [...asked.slice(1), asked[0] as string];
              if (fault === 'drop') return asked.slice(0, -1);
              if (fault === 'stranger') return [idOf(99_999), ...asked.slice(1)];
              if (fault === 'extra') return [...asked, idOf(99_998)];
              return asked;
            },
          });
          const seen: CalendarItem[] = [];
          let failure: unknown;
          try {
            for await (const item of withFetchedFields(
              account,
              source(foundItems(count)),
              plan({ fetchBatchSize: batchSize }),
              {},
            ))
              seen.push(item);
          } catch (error) {
            failure = error;
          }
          // Every item handed out is complete and its own; the rest is a loud EWS_PROTOCOL.
          for (const [index, item] of seen.entries()) {
            expect(item.itemId?.id).toBe(idOf(index));
            expect(item.body?.value).toBe(`body of ${idOf(index)}`);
          }
          if (failure === undefined) expect(seen).toHaveLength(count);
          else expect(failure).toMatchObject({ code: 'EWS_PROTOCOL' });
        },
      ),
      { numRuns: 150 },
    );
  });
});
