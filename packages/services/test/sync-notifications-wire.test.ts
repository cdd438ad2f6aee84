import type { XmlFragment } from '@ews/core';
import {
  buildEnvelope,
  type CallOptions,
  EwsError,
  type EwsResponse,
  type EwsStreamResponse,
  isResponseError,
  raw,
} from '@ews/core';
import { itemShape, MessageModel } from '@ews/models';
import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { loadVectors } from '@ews-tools/vectors';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type AccountContext,
  buildGetEvents,
  buildGetStreamingEvents,
  buildSubscribe,
  buildSyncFolderHierarchy,
  buildSyncFolderItems,
  buildUnsubscribe,
  FolderHandle,
  type Notification,
  readSyncFolderHierarchy,
  readSyncFolderItems,
  StreamingEventsError,
  sendNotificationResult,
  soapDocuments,
  streamingEvents,
} from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';

const recorder = createEnvelopeRecorder();
const envelope = (body: string) => recorder.record(buildEnvelope({ version: 'Exchange2016', body }));
afterAll(() => recorder.assertAllValid());

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const JOHN = 'john@example.com';

/** exchangelib's request vectors, their SOAP body only. */
interface RequestVector {
  readonly id: string;
  readonly expected_envelope: string;
}
const REQUESTS = (loadVectors('requests-generated') as { requests: RequestVector[] }).requests;
function exchangelibBody(id: string): string {
  const found = REQUESTS.find((request) => request.id === id);
  const body = found?.expected_envelope.match(/<s:Body>(.*)<\/s:Body>/s)?.[1];
  if (body === undefined) throw new Error(`no request vector ${id}`);
  // We name a delegate mailbox by its address only (as every other @ews request does).
  return body.replaceAll('<t:RoutingType>SMTP</t:RoutingType><t:MailboxType>Mailbox</t:MailboxType>', '');
}
const inbox = { distinguishedId: 'inbox', mailbox: JOHN } as const;

describe('requests, as exchangelib writes them and schema-valid', () => {
  it('SyncFolderItems: first and continued', () => {
    const first = buildSyncFolderItems({
      folder: inbox,
      shape: itemShape(MessageModel, { version: 'Exchange2016', fields: ['subject'] }).xml,
      maxChanges: 100,
      scope: 'NormalItems',
    }).xml;
    expect(envelope(first)).toContain(first);
    expect(first).toBe(exchangelibBody('syncfolderitems-initial'));
    const continued = buildSyncFolderItems({
      folder: inbox,
      shape: raw('<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>'),
      syncState: 'H4sIAAA=',
      ignore: [{ id: 'AAMkADk1=', changeKey: 'CQAAABYA' }],
      maxChanges: 10,
    }).xml;
    envelope(continued);
    expect(continued).toBe(exchangelibBody('syncfolderitems-continue'));
    expect(() => buildSyncFolderItems({ folder: inbox, shape: raw(''), maxChanges: 0 }).xml).toThrow(
      /maxChanges/,
    );
  });

  it('SyncFolderHierarchy, with and without a folder', () => {
    const body = buildSyncFolderHierarchy({
      shape: raw(
        '<m:FolderShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties><t:FieldURI FieldURI="folder:DisplayName"/></t:AdditionalProperties></m:FolderShape>',
      ),
      folder: { distinguishedId: 'root', mailbox: JOHN },
    }).xml;
    envelope(body);
    expect(body).toBe(exchangelibBody('syncfolderhierarchy'));
    envelope(
      buildSyncFolderHierarchy({
        shape: raw('<m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>'),
        syncState: 'H4sI=',
      }).xml,
    );
  });

  it('Subscribe: pull, pull on all folders, push, streaming', () => {
    const pull = buildSubscribe({
      kind: 'pull',
      folders: [inbox],
      eventTypes: ['NewMailEvent', 'CreatedEvent'],
      timeoutMinutes: 60,
    }).xml;
    envelope(pull);
    expect(pull).toBe(exchangelibBody('subscribe-pull'));
    const all = buildSubscribe({
      kind: 'pull',
      allFolders: true,
      eventTypes: [
        'CopiedEvent',
        'CreatedEvent',
        'DeletedEvent',
        'ModifiedEvent',
        'MovedEvent',
        'NewMailEvent',
        'FreeBusyChangedEvent',
      ],
      watermark: 'WM=',
      timeoutMinutes: 10,
    }).xml;
    envelope(all);
    // exchangelib writes <m:Watermark> there; the schema (BaseSubscriptionRequestType) wants t:.
    expect(all).toBe(
      exchangelibBody('subscribe-pull-all-folders').replace(
        '<m:Watermark>WM=</m:Watermark>',
        '<t:Watermark>WM=</t:Watermark>',
      ),
    );
    const push = buildSubscribe({
      kind: 'push',
      folders: [inbox],
      eventTypes: ['NewMailEvent'],
      url: 'https://client.example.com/ews-callback',
      statusFrequencyMinutes: 1,
    }).xml;
    envelope(push);
    expect(push).toBe(exchangelibBody('subscribe-push'));
    const pushAll = buildSubscribe({
      kind: 'push',
      allFolders: true,
      url: 'https://client.example.com/cb?a=1&b=2',
      statusFrequencyMinutes: 30,
      watermark: 'WM=',
      callerData: 'tenant <1>',
    }).xml;
    expect(envelope(pushAll)).toContain('<t:URL>https://client.example.com/cb?a=1&amp;b=2</t:URL>');
    const streaming = buildSubscribe({
      kind: 'streaming',
      folders: [inbox, { distinguishedId: 'calendar', mailbox: JOHN }],
      eventTypes: ['NewMailEvent', 'ModifiedEvent'],
    }).xml;
    envelope(streaming);
    expect(streaming).toBe(exchangelibBody('subscribe-streaming'));
    expect(() => buildSubscribe({ kind: 'streaming', allFolders: true, folders: [inbox] }).xml).toThrow(
      /either/,
    );
    expect(() => buildSubscribe({ kind: 'streaming' }).xml).toThrow(/either/);
  });

  it('GetEvents, GetStreamingEvents, Unsubscribe', () => {
    const getEvents = buildGetEvents({ subscriptionId: 'SUB1=', watermark: 'WM1=' }).xml;
    envelope(getEvents);
    expect(getEvents).toBe(exchangelibBody('getevents'));
    const streaming = buildGetStreamingEvents({
      subscriptionIds: ['SUB1=', 'SUB2='],
      connectionTimeoutMinutes: 1,
    }).xml;
    envelope(streaming);
    expect(streaming).toBe(exchangelibBody('getstreamingevents'));
    const unsubscribe = buildUnsubscribe({ subscriptionId: 'SUB1=' }).xml;
    envelope(unsubscribe);
    expect(unsubscribe).toBe(exchangelibBody('unsubscribe'));
    expect(
      () => buildGetStreamingEvents({ subscriptionIds: ['a'], connectionTimeoutMinutes: 31 }).xml,
    ).toThrow(/connectionTimeoutMinutes/);
  });

  it('sendNotificationResult: the push endpoint’s answer', () => {
    for (const status of ['OK', 'Unsubscribe'] as const) {
      const xml = recorder.record(sendNotificationResult(status));
      expect(xml).toContain(`<m:SubscriptionStatus>${status}</m:SubscriptionStatus>`);
    }
  });
});

// A SyncFolderItems answer as Exchange 2016 writes it, with every kind of change.
const SYNC_ANSWER = `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
<m:SyncFolderItemsResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages>
<m:SyncFolderItemsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>
<m:SyncState>H4sIAAAAAAAEAO29B2AcSZYlJi9tynt/SvVK1+B0oQ==</m:SyncState>
<m:IncludesLastItemInRange>false</m:IncludesLastItemInRange>
<m:Changes>
<t:Create><t:Message><t:ItemId Id="AAMkAD1=" ChangeKey="CQAAABYA1"/><t:Subject>Café ☕</t:Subject><t:IsRead>false</t:IsRead></t:Message></t:Create>
<t:Update><t:CalendarItem><t:ItemId Id="AAMkAD2=" ChangeKey="DwAAABYA2"/><t:Subject>Planning</t:Subject></t:CalendarItem></t:Update>
<t:ReadFlagChange><t:ItemId Id="AAMkAD3=" ChangeKey="CQAAABYA3"/><t:IsRead>true</t:IsRead></t:ReadFlagChange>
<t:Delete><t:ItemId Id="AAMkAD4=" ChangeKey="CQAAABYA4"/></t:Delete>
</m:Changes></m:SyncFolderItemsResponseMessage></m:ResponseMessages></m:SyncFolderItemsResponse>
</s:Body></s:Envelope>`;
const SYNC_DONE = SYNC_ANSWER.replace(
  '>false</m:IncludesLastItemInRange>',
  '>true</m:IncludesLastItemInRange>',
)
  .replace(/<m:Changes>[\s\S]*<\/m:Changes>/, '<m:Changes/>')
  .replace('H4sIAAAAAAAEAO29B2AcSZYlJi9tynt/SvVK1+B0oQ==', 'H4sIdone');

/** An account whose answers are given XML documents, one per call, recording what it was sent. */
function scriptedAccount(answers: string[], streams: AsyncIterable<Uint8Array>[] = []) {
  const sent: string[] = [];
  const account: AccountContext & {
    sendStream(operation: string, body: XmlFragment, options?: CallOptions): Promise<EwsStreamResponse>;
  } = {
    primarySmtpAddress: JOHN,
    version: 'Exchange2016',
    async send(operation: string, body: XmlFragment): Promise<EwsResponse> {
      sent.push(envelope(body.xml));
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`unexpected ${operation}`);
      return decodeResponseText(answer, operation);
    },
    async sendStream(
      operation: string,
      body: XmlFragment,
      options?: CallOptions,
    ): Promise<EwsStreamResponse> {
      sent.push(envelope(body.xml));
      options?.signal?.throwIfAborted();
      const stream = streams.shift();
      if (stream === undefined) throw new Error(`unexpected ${operation}`);
      return { operation, status: 200, body: stream };
    },
  };
  return { account, sent };
}

describe('reading Exchange answers', () => {
  it('reads every kind of SyncFolderItems change, and the sync pages until IncludesLastItemInRange', async () => {
    recorder.record(SYNC_ANSWER, 'SyncFolderItems answer');
    const page = readSyncFolderItems(decodeResponseText(SYNC_ANSWER, 'SyncFolderItems'));
    expect(page.includesLastItemInRange).toBe(false);
    expect(page.changes.map((change) => change.kind)).toEqual([
      'create',
      'update',
      'readFlagChange',
      'delete',
    ]);

    const { account, sent } = scriptedAccount([SYNC_ANSWER, SYNC_DONE]);
    const folder = new FolderHandle(account, inbox, MessageModel);
    const sync = folder.syncItems({ syncState: 'H4sIstart' });
    const changes = [];
    for await (const change of sync) changes.push(change);
    expect(changes).toEqual([
      {
        kind: 'create',
        itemId: { id: 'AAMkAD1=', changeKey: 'CQAAABYA1' },
        item: { itemId: { id: 'AAMkAD1=', changeKey: 'CQAAABYA1' }, subject: 'Café ☕', isRead: false },
      },
      {
        kind: 'update',
        itemId: { id: 'AAMkAD2=', changeKey: 'DwAAABYA2' },
        item: { itemId: { id: 'AAMkAD2=', changeKey: 'DwAAABYA2' }, subject: 'Planning' },
      },
      { kind: 'readFlagChange', itemId: { id: 'AAMkAD3=', changeKey: 'CQAAABYA3' }, isRead: true },
      { kind: 'delete', itemId: { id: 'AAMkAD4=', changeKey: 'CQAAABYA4' } },
    ]);
    expect(sync.syncState).toBe('H4sIdone');
    expect(sent).toHaveLength(2);
    expect(sent[0]).toContain('<m:SyncState>H4sIstart</m:SyncState>');
    expect(sent[1]).toContain('<m:SyncState>H4sIAAAAAAAEAO29B2AcSZYlJi9tynt/SvVK1+B0oQ==</m:SyncState>');
  });
});

function streamingDocument(inner: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap11:Envelope xmlns:soap11="http://schemas.xmlsoap.org/soap/envelope/"><soap11:Body><m:GetStreamingEventsResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages>${inner}</m:ResponseMessages></m:GetStreamingEventsResponse></soap11:Body></soap11:Envelope>`;
}
const OK = streamingDocument(
  '<m:GetStreamingEventsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:ConnectionStatus>OK</m:ConnectionStatus></m:GetStreamingEventsResponseMessage>',
);
const EVENTS = streamingDocument(
  '<m:GetStreamingEventsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Notifications><m:Notification><t:SubscriptionId>SUB1=</t:SubscriptionId><t:PreviousWatermark>WM0=</t:PreviousWatermark><t:MoreEvents>false</t:MoreEvents><t:NewMailEvent><t:Watermark>WM1=</t:Watermark><t:TimeStamp>2026-03-02T08:00:00Z</t:TimeStamp><t:ItemId Id="AAMkÅ=" ChangeKey="CQ="/><t:ParentFolderId Id="INBOX=" ChangeKey="AQ="/></t:NewMailEvent></m:Notification></m:Notifications></m:GetStreamingEventsResponseMessage>',
);
const CLOSED = streamingDocument(
  '<m:GetStreamingEventsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:ConnectionStatus>Closed</m:ConnectionStatus></m:GetStreamingEventsResponseMessage>',
);
const NOT_FOUND = streamingDocument(
  '<m:GetStreamingEventsResponseMessage ResponseClass="Error"><m:MessageText>The specified subscription was not found.</m:MessageText><m:ResponseCode>ErrorSubscriptionNotFound</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey><m:ErrorSubscriptionIds><t:SubscriptionId>SUB1=</t:SubscriptionId></m:ErrorSubscriptionIds><m:ConnectionStatus>Closed</m:ConnectionStatus></m:GetStreamingEventsResponseMessage>',
);

/** The bytes in chunks of `size` (1 cuts every UTF-8 sequence and every tag). */
async function* chunked(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const found: T[] = [];
  for await (const value of source) found.push(value);
  return found;
}

describe('the GetStreamingEvents stream', () => {
  it('cuts documents out of any chunking, as exchangelib’s DocumentYielder vectors', async () => {
    const { cases } = (
      loadVectors('misc') as {
        document_yielder: { cases: { stream: string; document_tag: string; expected_documents: string[] }[] };
      }
    ).document_yielder;
    for (const { stream, document_tag, expected_documents } of cases) {
      for (const size of [1, 3, 1000]) {
        const documents = await collect(soapDocuments(chunked(stream, size), 'test', { tag: document_tag }));
        // exchangelib prefixes each with an XML declaration of its own; we keep the bytes sent.
        expect(documents).toEqual(expected_documents.map((d) => d.replace(/^<\?xml[^>]*\?>\n/, '')));
      }
    }
    for (const size of [1, 7, 64, 100_000]) {
      expect(await collect(soapDocuments(chunked(`${OK}\r\n${EVENTS}${CLOSED}`, size), 'test'))).toEqual([
        OK,
        EVENTS,
        CLOSED,
      ]);
    }
    const truncated = await collect(soapDocuments(chunked(OK + EVENTS.slice(0, 200), 16), 'test')).catch(
      (e) => e,
    );
    expect(EwsError.isInstance(truncated) && truncated.code).toBe('EWS_PROTOCOL');
    const tooLong = await collect(
      soapDocuments(chunked(EVENTS, 50), 'test', { maxDocumentChars: 100 }),
    ).catch((e) => e);
    expect(EwsError.isInstance(tooLong) && tooLong.code).toBe('EWS_PROTOCOL');
  });

  it('yields the notifications and ends at ConnectionStatus Closed, leaving the rest unread', async () => {
    let readPastClosed = false;
    async function* body(): AsyncGenerator<Uint8Array> {
      yield* chunked(OK + OK + EVENTS + CLOSED, 5);
      readPastClosed = true;
      yield* chunked(EVENTS, 5);
    }
    const { account, sent } = scriptedAccount([], [body()]);
    const notifications: Notification[] = await collect(streamingEvents(account, ['SUB1=', { id: 'SUB2=' }]));
    expect(notifications).toEqual([
      {
        subscriptionId: 'SUB1=',
        previousWatermark: 'WM0=',
        moreEvents: false,
        events: [
          {
            type: 'NewMailEvent',
            watermark: 'WM1=',
            timeStamp: new Date('2026-03-02T08:00:00Z'),
            itemId: { id: 'AAMkÅ=', changeKey: 'CQ=' },
            parentFolderId: { id: 'INBOX=', changeKey: 'AQ=' },
          },
        ],
      },
    ]);
    expect(readPastClosed).toBe(false);
    expect(sent[0]).toContain('<m:ConnectionTimeout>1</m:ConnectionTimeout>');
  });

  it('throws the typed error of an Error first document', async () => {
    const { account } = scriptedAccount([], [chunked(NOT_FOUND, 13)]);
    const error = await collect(streamingEvents(account, ['SUB1='])).catch((e: unknown) => e);
    expect(isResponseError(error, 'ErrorSubscriptionNotFound')).toBe(true);
  });

  it('hands out the notifications of an Error document, then throws naming the failed subscription', async () => {
    const failing = streamingDocument(
      '<m:GetStreamingEventsResponseMessage ResponseClass="Error"><m:MessageText>The specified subscription was not found.</m:MessageText><m:ResponseCode>ErrorSubscriptionNotFound</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey><m:Notifications><t:Notification><t:SubscriptionId>SUB1=</t:SubscriptionId><t:PreviousWatermark>WM1=</t:PreviousWatermark><t:MoreEvents>false</t:MoreEvents><t:CreatedEvent><t:Watermark>WM2=</t:Watermark><t:TimeStamp>2026-03-02T08:01:00Z</t:TimeStamp><t:ItemId Id="AAMk2=" ChangeKey="CQ="/><t:ParentFolderId Id="INBOX=" ChangeKey="AQ="/></t:CreatedEvent></t:Notification></m:Notifications><m:ErrorSubscriptionIds><t:SubscriptionId>SUB2=</t:SubscriptionId></m:ErrorSubscriptionIds><m:ConnectionStatus>Closed</m:ConnectionStatus></m:GetStreamingEventsResponseMessage>',
    );
    recorder.record(failing, 'GetStreamingEvents Error answer with notifications');
    const { account } = scriptedAccount([], [chunked(OK + EVENTS + failing, 11)]);
    const got: Notification[] = [];
    const error = await (async () => {
      for await (const notification of streamingEvents(account, ['SUB1=', 'SUB2='])) got.push(notification);
    })().catch((e: unknown) => e);
    expect(got.map((n) => n.events.map((event) => [event.type, event.itemId?.id]))).toEqual([
      [['NewMailEvent', 'AAMkÅ=']],
      [['CreatedEvent', 'AAMk2=']],
    ]);
    expect(error).toBeInstanceOf(StreamingEventsError);
    expect(isResponseError(error, 'ErrorSubscriptionNotFound')).toBe(true);
    const streamingError = error as StreamingEventsError;
    expect(streamingError.errorSubscriptionIds).toEqual(['SUB2=']);
    expect(streamingError.notifications.map((n) => n.subscriptionId)).toEqual(['SUB1=']);
    expect(streamingError.operation).toBe('GetStreamingEvents');
    expect(streamingError.message).toContain('SUB2=');
    // The first-document error names its subscription too.
    const { account: again } = scriptedAccount([], [chunked(NOT_FOUND, 13)]);
    const first = await collect(streamingEvents(again, ['SUB1='])).catch((e: unknown) => e);
    expect((first as StreamingEventsError).errorSubscriptionIds).toEqual(['SUB1=']);
  });

  it('refuses an account that cannot stream', async () => {
    const { account } = scriptedAccount([]);
    const { sendStream: _, ...plain } = account;
    const error = await collect(streamingEvents(plain, ['SUB1='])).catch((e: unknown) => e);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_UNSUPPORTED');
  });
});

/** A SyncFolderHierarchy answer as Exchange writes it, its Changes given. */
function hierarchyAnswer(changes: string, syncState = '<m:SyncState>H4sIfolders</m:SyncState>'): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
<m:SyncFolderHierarchyResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages>
<m:SyncFolderHierarchyResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>
${syncState}<m:IncludesLastFolderInRange>true</m:IncludesLastFolderInRange>
<m:Changes>${changes}</m:Changes></m:SyncFolderHierarchyResponseMessage></m:ResponseMessages></m:SyncFolderHierarchyResponse>
</s:Body></s:Envelope>`;
}

describe('broken answers and bad options', () => {
  it('an answer without a SyncState is a protocol error, not a sync from scratch next time', async () => {
    const noState = SYNC_ANSWER.replace(/<m:SyncState>[^<]*<\/m:SyncState>/, '');
    expect(noState).not.toContain('SyncState');
    recorder.record(noState, 'SyncFolderItems answer without SyncState');
    const itemsError = (() => {
      try {
        return readSyncFolderItems(decodeResponseText(noState, 'SyncFolderItems'));
      } catch (e) {
        return e;
      }
    })();
    expect(EwsError.isInstance(itemsError) && itemsError.code).toBe('EWS_PROTOCOL');
    const { account } = scriptedAccount([noState]);
    const sync = new FolderHandle(account, inbox, MessageModel).syncItems();
    const viaSync = await collect(sync).catch((e: unknown) => e);
    expect(EwsError.isInstance(viaSync) && viaSync.code).toBe('EWS_PROTOCOL');
    expect(sync.syncState).toBeUndefined();

    const emptyState = hierarchyAnswer('', '<m:SyncState></m:SyncState>');
    recorder.record(emptyState, 'SyncFolderHierarchy answer with an empty SyncState');
    const folderError = (() => {
      try {
        return readSyncFolderHierarchy(decodeResponseText(emptyState, 'SyncFolderHierarchy'));
      } catch (e) {
        return e;
      }
    })();
    expect(EwsError.isInstance(folderError) && folderError.code).toBe('EWS_PROTOCOL');
  });

  it('a created or updated folder without a FolderId is a protocol error, not dropped', async () => {
    const good =
      '<t:Create><t:Folder><t:FolderId Id="F1=" ChangeKey="AQ="/><t:DisplayName>Kept</t:DisplayName></t:Folder></t:Create>';
    const withId = hierarchyAnswer(good);
    recorder.record(withId, 'SyncFolderHierarchy answer');
    const { account: fine } = scriptedAccount([withId]);
    const changes = await collect(new FolderHandle(fine, inbox, MessageModel).syncHierarchy());
    expect(changes.map((change) => [change.kind, change.folderId])).toEqual([
      ['create', { id: 'F1=', changeKey: 'AQ=' }],
    ]);
    for (const kind of ['Create', 'Update']) {
      const broken = hierarchyAnswer(
        `${good}<t:${kind}><t:Folder><t:DisplayName>No id</t:DisplayName></t:Folder></t:${kind}>`,
      );
      recorder.record(broken, `SyncFolderHierarchy answer, ${kind} without FolderId`);
      const { account } = scriptedAccount([broken]);
      const error = await collect(new FolderHandle(account, inbox, MessageModel).syncHierarchy()).catch(
        (e: unknown) => e,
      );
      expect(EwsError.isInstance(error) && error.code).toBe('EWS_PROTOCOL');
    }
  });

  it('refuses a poll interval that is not a number of milliseconds before sending anything', async () => {
    const { account, sent } = scriptedAccount([]);
    const { PullSubscription } = await import('../src/index.js');
    const subscription = new PullSubscription(account, 'SUB1=', 'WM0=');
    for (const intervalMs of [Number.NaN, -1, Number.POSITIVE_INFINITY]) {
      const error = await subscription
        .events({ intervalMs })
        .next()
        .catch((e: unknown) => e);
      expect(EwsError.isInstance(error) && error.code).toBe('EWS_INVALID_ARGUMENT');
    }
    expect(sent).toEqual([]);
  });

  it('await using treats ErrorSubscriptionNotFound as ended, and still throws other errors', async () => {
    const { PullSubscription } = await import('../src/index.js');
    const unsubscribeAnswer = (code: string) => `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
<m:UnsubscribeResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages>
<m:UnsubscribeResponseMessage ResponseClass="Error"><m:MessageText>No.</m:MessageText><m:ResponseCode>${code}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey></m:UnsubscribeResponseMessage>
</m:ResponseMessages></m:UnsubscribeResponse></s:Body></s:Envelope>`;
    const { account, sent } = scriptedAccount([
      unsubscribeAnswer('ErrorSubscriptionNotFound'),
      unsubscribeAnswer('ErrorAccessDenied'),
    ]);
    const expired = new PullSubscription(account, 'SUB1=', 'WM0=');
    await expired[Symbol.asyncDispose]();
    expect(expired.ended).toBe(true);
    expect(sent).toHaveLength(1);
    const refused = new PullSubscription(account, 'SUB2=', 'WM0=');
    const error = await refused[Symbol.asyncDispose]().catch((e: unknown) => e);
    expect(isResponseError(error, 'ErrorAccessDenied')).toBe(true);
    expect(refused.ended).toBe(false);
  });
});
