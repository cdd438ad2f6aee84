import { describe, expect, it } from 'vitest';
import { type Account, type AlternateId, readConvertId } from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { useHarness } from './helpers/harness.js';

const ALICE = 'alice@contoso.test';
let alice: Account;
useHarness((started) => {
  alice = started.account(ALICE);
});

async function someItemIds(count: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of alice.calendar.view({
    start: new Date('2026-02-01T00:00:00Z'),
    end: new Date('2026-04-01T00:00:00Z'),
  })) {
    if (item.itemId?.id !== undefined) ids.push(item.itemId.id);
    if (ids.length === count) break;
  }
  expect(ids).toHaveLength(count);
  return ids;
}

const ewsId = (id: string): AlternateId => ({ type: 'AlternateId', format: 'EwsId', id, mailbox: ALICE });

const answer = (messages: string) =>
  decodeResponseText(
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
      '<m:ConvertIdResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<m:ResponseMessages>${messages}</m:ResponseMessages></m:ConvertIdResponse></s:Body></s:Envelope>`,
    'ConvertId',
  );
const success = (alternate: string) =>
  `<m:ConvertIdResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>${alternate}</m:ConvertIdResponseMessage>`;

describe('account.convertIds (ConvertId)', () => {
  it('converts EwsId to HexEntryId and back, one result per id in order', async () => {
    const ids = await someItemIds(3);
    const hex = await alice.convertIds(ids.map(ewsId), { to: 'HexEntryId' });
    expect(hex.map((result) => result.ok)).toEqual([true, true, true]);
    const hexIds = hex.map((result) => (result.ok ? result.value : undefined));
    for (const id of hexIds) {
      expect(id).toMatchObject({ type: 'AlternateId', format: 'HexEntryId', mailbox: ALICE });
      expect(id?.type === 'AlternateId' && /^[0-9A-F]+$/.test(id.id)).toBe(true);
    }
    const back = await alice.convertIds(hexIds as AlternateId[], { to: 'EwsId' });
    expect(
      back.map((result) => (result.ok && result.value.type === 'AlternateId' ? result.value.id : undefined)),
    ).toEqual(ids);
  });

  it('keeps an error in its place, and splits into requests of chunkSize', async () => {
    const [first, second] = await someItemIds(2);
    const results = await alice.convertIds([ewsId(first ?? ''), ewsId('not-an-id'), ewsId(second ?? '')], {
      to: 'OwaId',
      chunkSize: 2,
    });
    expect(results.map((result) => result.ok)).toEqual([true, false, true]);
    expect(results[1]?.ok === false && results[1].error).toMatchObject({
      responseCode: 'ErrorInvalidIdMalformed',
    });
  });

  it('refuses a format or id it cannot send (EWS_INVALID_ARGUMENT)', async () => {
    await expect(alice.convertIds([ewsId('x')], { to: 'Base64' as 'EwsId' })).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
    await expect(alice.convertIds([], { to: 'Sideways' as 'EwsId' })).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
    await expect(alice.convertIds([ewsId('AAMk'), ewsId('')], { to: 'EwsId' })).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
  });

  it('fails an entry whose answer is not the kind or format asked for (EWS_PROTOCOL)', () => {
    const sent = [ewsId('AAMk1'), ewsId('AAMk2'), ewsId('AAMk3'), ewsId('AAMk4')];
    const results = readConvertId(
      answer(
        success(
          '<m:AlternateId xsi:type="t:AlternateIdType" Format="HexEntryId" Id="0A" Mailbox="a@b.test"/>',
        ) +
          success('<m:AlternateId xsi:type="t:AlternateIdType" Format="OwaId" Id="0B" Mailbox="a@b.test"/>') +
          success(
            '<m:AlternateId xsi:type="t:AlternatePublicFolderIdType" Format="HexEntryId" FolderId="0C"/>',
          ) +
          success(''),
      ),
      sent,
      'HexEntryId',
    );
    expect(results[0]).toMatchObject({
      ok: true,
      value: { id: '0A', format: 'HexEntryId', mailbox: 'a@b.test' },
    });
    for (const result of results.slice(1))
      expect(result).toMatchObject({ ok: false, error: { code: 'EWS_PROTOCOL' } });
    const short = readConvertId(answer(success('')), sent.slice(0, 2), 'HexEntryId');
    expect(short.map((result) => result.ok)).toEqual([false, false]);
  });
});
