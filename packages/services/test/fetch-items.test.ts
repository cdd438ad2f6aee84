import { setTimeout as sleep } from 'node:timers/promises';
import { buildEnvelope, type EwsResponse, parseXml, raw } from '@ews/core';
import { CalendarItemModel, itemShape } from '@ews/models';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { afterAll, describe, expect, it } from 'vitest';
import type { AccountContext } from '../src/account/account-context.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { fetchItems, GET_ITEM_BATCH_SIZE, GET_ITEM_CONCURRENCY } from '../src/query/fetch-items.js';

// fetchItems against a scripted account: GetItem answers built as Exchange writes them and read
// through core's real decoder; every request envelope is validated against the EWS schema.

const recorder = createEnvelopeRecorder();
afterAll(() => recorder.assertAllValid());

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const ids = Array.from({ length: 250 }, (_, index) => `AAMkADk0N2E3${String(index).padStart(4, '0')}AAA=`);
const found = parseXml(
  `<t:Items xmlns:t="${T}">${ids.map((id) => `<t:CalendarItem><t:ItemId Id="${id}" ChangeKey="DwAAAB"/></t:CalendarItem>`).join('')}</t:Items>`,
).children;
const shape = itemShape(CalendarItemModel, { version: 'Exchange2016', fields: ['subject', 'body'] }).xml.xml;

function message(id: string, missing: ReadonlySet<string>, denied: ReadonlySet<string>): string {
  if (missing.has(id) || denied.has(id)) {
    const code = missing.has(id) ? 'ErrorItemNotFound' : 'ErrorAccessDenied';
    return (
      `<m:GetItemResponseMessage ResponseClass="Error"><m:MessageText>${code}</m:MessageText>` +
      `<m:ResponseCode>${code}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey><m:Items/></m:GetItemResponseMessage>`
    );
  }
  return (
    '<m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Items>' +
    `<t:CalendarItem><t:ItemId Id="${id}" ChangeKey="DwAAAB"/><t:Subject>subject ${id}</t:Subject>` +
    '<t:Body BodyType="Text">body</t:Body></t:CalendarItem></m:Items></m:GetItemResponseMessage>'
  );
}

/** An account answering GetItem; earlier batches answer later, so batches finish out of order. */
function scriptedAccount(
  options: { missing?: readonly string[]; denied?: readonly string[]; dropLastOfCall?: number } = {},
) {
  const missing = new Set(options.missing);
  const denied = new Set(options.denied);
  const state = { calls: 0, inFlight: 0, maxInFlight: 0, batchSizes: [] as number[] };
  const account: AccountContext = {
    primarySmtpAddress: 'alice@example.com',
    version: 'Exchange2016',
    async send(operation, body): Promise<EwsResponse> {
      recorder.record(buildEnvelope({ version: 'Exchange2016', body }), `${operation} #${state.calls + 1}`);
      const call = state.calls++;
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      const requested = [...body.xml.matchAll(/ItemId Id="([^"]+)"/g)].map((match) => match[1] as string);
      state.batchSizes.push(requested.length);
      await sleep(Math.max(1, 40 - call * 10));
      state.inFlight--;
      const answered = call + 1 === options.dropLastOfCall ? requested.slice(0, -1) : requested;
      const xml =
        `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${M}" xmlns:t="${T}"><s:Body>` +
        `<m:GetItemResponse><m:ResponseMessages>${answered.map((id) => message(id, missing, denied)).join('')}` +
        '</m:ResponseMessages></m:GetItemResponse></s:Body></s:Envelope>';
      return decodeResponseText(xml, operation);
    },
  };
  return { account, state };
}

describe('fetchItems', () => {
  it('fetches in batches of 100 with a few in flight, and keeps the FindItem order', async () => {
    const { account, state } = scriptedAccount();
    const items = await fetchItems(account, found, raw(shape), {});
    expect(state.batchSizes).toEqual([GET_ITEM_BATCH_SIZE, GET_ITEM_BATCH_SIZE, 50]);
    expect(state.maxInFlight).toBe(Math.min(3, GET_ITEM_CONCURRENCY));
    expect(items.map((item) => item.itemId?.id)).toEqual(ids);
    expect(items[249]?.subject).toBe(`subject ${ids[249]}`);
  });

  it('skips items deleted since the FindItem (ErrorItemNotFound)', async () => {
    const gone = [ids[0] as string, ids[150] as string];
    const { account } = scriptedAccount({ missing: gone });
    const items = await fetchItems(account, found, raw(shape), {});
    expect(items).toHaveLength(248);
    expect(items.map((item) => item.itemId?.id)).toEqual(ids.filter((id) => !gone.includes(id)));
  });

  it('throws any other error of a batch', async () => {
    const { account } = scriptedAccount({ denied: [ids[120] as string] });
    await expect(fetchItems(account, found, raw(shape), {})).rejects.toMatchObject({
      responseCode: 'ErrorAccessDenied',
    });
  });

  it('refuses a batch answered with fewer messages than ids, instead of dropping or shifting items', async () => {
    // Before, the batch's 99 items were returned as if the 100th had been deleted.
    const { account } = scriptedAccount({ dropLastOfCall: 2 });
    await expect(fetchItems(account, found, raw(shape), {})).rejects.toMatchObject({
      code: 'EWS_PROTOCOL',
      requestFate: 'unknown',
      message: 'GetItem: 100 entries sent, 99 answers received',
    });
  });

  it('refuses a found item without its ItemId, instead of leaving it out', async () => {
    const { account, state } = scriptedAccount();
    const idLess = parseXml(
      `<t:Items xmlns:t="${T}"><t:CalendarItem><t:ItemId Id="${ids[0]}"/></t:CalendarItem><t:CalendarItem><t:ItemID Id="${ids[1]}"/></t:CalendarItem></t:Items>`,
    ).children;
    await expect(fetchItems(account, idLess, raw(shape), {})).rejects.toMatchObject({
      code: 'EWS_PROTOCOL',
      message: 'FindItem answered a CalendarItem without an ItemId',
    });
    expect(state.calls).toBe(0);
  });

  it('starts no batch once the signal is aborted', async () => {
    const { account, state } = scriptedAccount();
    const controller = new AbortController();
    controller.abort();
    await expect(fetchItems(account, found, raw(shape), { signal: controller.signal })).rejects.toMatchObject(
      {
        code: 'EWS_ABORTED',
      },
    );
    expect(state.calls).toBe(0);
  });
});
