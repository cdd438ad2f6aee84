import type { EwsStreamResponse } from '@ews/core';
import { MessageModel } from '@ews/models';
import { describe, expect, it } from 'vitest';
import { Account, type AccountContext, ItemQuery, type StreamingAccountContext } from '../src/index.js';
import { useHarness } from './helpers/harness.js';

// A one-folder query reads each FindItem page while it arrives (sendStream). It must list exactly what the buffered path (an account that cannot stream)
// lists, with offset, limit and GetItem fields alike.

let alice: Account;

const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
});

function buffered(account: Account): AccountContext {
  return {
    primarySmtpAddress: account.primarySmtpAddress,
    get version() {
      return account.version;
    },
    send: (operation, body, options) => account.send(operation, body, options),
  };
}

function streaming(account: Account, streamed: string[]): StreamingAccountContext {
  return {
    ...buffered(account),
    get version() {
      return account.version;
    },
    sendStream(operation, body, options): Promise<EwsStreamResponse> {
      streamed.push(operation);
      return account.sendStream(operation, body, options);
    },
  };
}

const INBOX = [{ distinguishedId: 'inbox' as const }];

describe('one-folder queries read pages while they arrive', () => {
  it('lists what the buffered path lists, page after page', async () => {
    const streamed: string[] = [];
    const viaStream = new ItemQuery(streaming(alice, streamed), INBOX, MessageModel).orderBy('subject');
    const viaBuffer = new ItemQuery(buffered(alice), INBOX, MessageModel).orderBy('subject');
    const expected = await viaBuffer.pageSize(5).toArray();
    expect(expected.length).toBe(12);
    expect(await viaStream.pageSize(5).toArray()).toStrictEqual(expected);
    // 12 items in pages of 5, every page streamed.
    expect(streamed).toStrictEqual(['FindItem', 'FindItem', 'FindItem']);
    expect(await viaStream.pageSize(1).toArray()).toStrictEqual(expected);
    expect(await viaStream.offset(3).limit(7).pageSize(2).toArray()).toStrictEqual(expected.slice(3, 10));
    expect(
      await viaStream.limit(5).pageSize(2).valuesList('subject', { flat: true }).toArray(),
    ).toStrictEqual(expected.slice(0, 5).map((item) => item.subject));
  });

  it('fetches GetItem fields for streamed pages too', async () => {
    const streamed: string[] = [];
    const fields = ['subject', 'body'] as const;
    const viaStream = new ItemQuery(streaming(alice, streamed), INBOX, MessageModel)
      .orderBy('subject')
      .only(...fields);
    const viaBuffer = new ItemQuery(buffered(alice), INBOX, MessageModel).orderBy('subject').only(...fields);
    const expected = await viaBuffer.pageSize(4).toArray();
    expect(expected.length).toBe(12);
    expect(expected.every((item) => item.body !== undefined)).toBe(true);
    expect(await viaStream.pageSize(4).toArray()).toStrictEqual(expected);
    expect(streamed).toStrictEqual(['FindItem', 'FindItem', 'FindItem']);
  });

  it('streams the first page of a fresh client too, stepping a rejected version down', async () => {
    // This Exchange 2016 refuses V2017_10_09: the first streamed FindItem is answered with
    // ErrorInvalidServerVersion, stepped down like send, and the page still arrives streamed.
    const fresh = new Account({
      primarySmtpAddress: 'alice@contoso.test',
      client: harness.client('alice@contoso.test', { version: 'V2017_10_09' }),
    });
    const streamed: string[] = [];
    const before = harness.operations.length;
    const query = new ItemQuery(streaming(fresh, streamed), INBOX, MessageModel).orderBy('subject');
    const expected = await new ItemQuery(buffered(alice), INBOX, MessageModel).orderBy('subject').toArray();
    expect(await query.pageSize(5).toArray()).toStrictEqual(expected);
    expect(streamed).toStrictEqual(['FindItem', 'FindItem', 'FindItem']);
    expect(fresh.client.requestVersion).not.toBe('V2017_10_09');
    // The rejected first send and its step-down are both on the wire.
    expect(harness.operations.slice(before).filter((operation) => operation === 'FindItem').length).toBe(5);
  });

  it('stops a streamed page when the loop is left', async () => {
    const streamed: string[] = [];
    const query = new ItemQuery(streaming(alice, streamed), INBOX, MessageModel)
      .orderBy('subject')
      .pageSize(3);
    const seen: string[] = [];
    for await (const item of query) {
      seen.push(item.subject ?? '');
      if (seen.length === 5) break;
    }
    expect(seen.length).toBe(5);
    expect(streamed).toStrictEqual(['FindItem', 'FindItem']);
    // The client is still usable afterwards.
    expect((await query.limit(2).toArray()).length).toBe(2);
  });
});
