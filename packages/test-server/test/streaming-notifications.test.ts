import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from '../src/xml/xml-tree.js';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';
import { validateAll } from './support/schema-check.js';
import { envelope } from './support/soap-client.js';
import { type EnvelopeStream, openEnvelopeStream } from './support/stream-client.js';

const TYPES = ['NewMailEvent', 'CreatedEvent', 'ModifiedEvent', 'DeletedEvent', 'MovedEvent', 'CopiedEvent'];
const subscribeStreaming = (folder: string) =>
  `<m:Subscribe><m:StreamingSubscriptionRequest><t:FolderIds><t:DistinguishedFolderId Id="${folder}"/></t:FolderIds>` +
  `<t:EventTypes>${TYPES.map((t) => `<t:EventType>${t}</t:EventType>`).join('')}</t:EventTypes>` +
  '</m:StreamingSubscriptionRequest></m:Subscribe>';
const getStreamingEvents = (ids: readonly string[], minutes = 1) =>
  `<m:GetStreamingEvents><m:SubscriptionIds>${ids.map((id) => `<t:SubscriptionId>${id}</t:SubscriptionId>`).join('')}` +
  `</m:SubscriptionIds><m:ConnectionTimeout>${minutes}</m:ConnectionTimeout></m:GetStreamingEvents>`;
const mailTo = (to: string, subject: string) =>
  `<m:CreateItem MessageDisposition="SendOnly"><m:Items><t:Message><t:Subject>${subject}</t:Subject>` +
  `<t:ToRecipients><t:Mailbox><t:EmailAddress>${to}</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message></m:Items></m:CreateItem>`;
const unsubscribe = (id: string) =>
  `<m:Unsubscribe><m:SubscriptionId>${id}</m:SubscriptionId></m:Unsubscribe>`;

const ALICE = { user: 'alice@contoso.test', password: 'Alice-Demo-2016!' };
// One "minute" of ConnectionTimeout lasts 1.2 s here; keep-alives every 150 ms.
const STREAMING = { minuteMs: 1200, keepAliveMs: 150 };

const status = (doc: XmlElement) => texts(doc, 'ConnectionStatus')[0];
const eventsIn = (doc: XmlElement) =>
  findAll(doc, 'Notification').flatMap((n) =>
    n.children.map((c) => c.name).filter((name) => name.endsWith('Event')),
  );

describe('streaming notifications', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty', streaming: { ...STREAMING, maxConnectionsPerUser: 2 } });
  });
  afterAll(async () => {
    await h.finish();
  });

  async function subscribed(user: string, folder: string): Promise<string> {
    const reply = await h.call(user, subscribeStreaming(folder));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    // Streaming subscriptions have no watermark.
    expect(texts(reply.doc, 'Watermark')).toEqual([]);
    return first(reply.doc, 'SubscriptionId').text;
  }

  async function stream(ids: readonly string[], minutes = 1): Promise<EnvelopeStream> {
    const xml = envelope(getStreamingEvents(ids, minutes));
    h.log.requests.push({ name: 'GetStreamingEvents request', xml });
    return openEnvelopeStream(h.server.url, xml, ALICE);
  }

  /** The next envelope that is not a keep-alive, schema-logged like every envelope read. */
  async function nextNotification(s: EnvelopeStream): Promise<XmlElement> {
    for (let i = 0; i < 20; i += 1) {
      const xml = await s.next();
      h.log.responses.push({ name: 'stream part', xml });
      const doc = parseXml(xml);
      if (findAll(doc, 'Notifications').length > 0) return doc;
      expect(status(doc)).toBe('OK');
    }
    throw new Error('no notification among 20 envelopes');
  }

  it('streams new mail, moves and deletions in real time, keeps alive, and closes after ConnectionTimeout', async () => {
    const id = await subscribed('alice', 'inbox');
    const started = Date.now();
    const s = await stream([id]);
    expect(s.status).toBe(200);
    expect(s.headers['transfer-encoding']).toBe('chunked');
    const opening = await s.next();
    h.log.responses.push({ name: 'stream opening', xml: opening });
    expect(texts(parseXml(opening), 'ResponseCode')).toEqual(['NoError']);
    expect(status(parseXml(opening))).toBe('OK');

    await h.call('bob', mailTo('alice@contoso.test', 'live'));
    const mail = await nextNotification(s);
    expect(eventsIn(mail)).toEqual(['CreatedEvent', 'NewMailEvent']);
    expect(first(mail, 'SubscriptionId').text).toBe(id);
    const itemId = first(first(mail, 'NewMailEvent'), 'ItemId').attrs.Id ?? '';

    const moved = await h.call(
      'alice',
      `<m:MoveItem><m:ToFolderId><t:DistinguishedFolderId Id="deleteditems"/></m:ToFolderId><m:ItemIds><t:ItemId Id="${itemId}"/></m:ItemIds></m:MoveItem>`,
    );
    const newId = first(first(moved.doc, 'Items'), 'ItemId').attrs.Id;
    const move = await nextNotification(s);
    expect(eventsIn(move)).toEqual(['MovedEvent']);
    expect(first(move, 'OldItemId').attrs.Id).toBe(itemId);
    expect(first(first(move, 'MovedEvent'), 'ItemId').attrs.Id).toBe(newId);

    // The rest of the minute: keep-alives, then ConnectionStatus Closed and the end of the response.
    await s.ended;
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1100);
    expect(elapsed).toBeLessThan(8000);
    // Everything after the move notification: keep-alives only, then Closed.
    const tail = s.received.slice(s.received.findIndex((xml) => xml.includes('MovedEvent')) + 1);
    const rest = tail.map((xml) => parseXml(xml));
    for (const [i, xml] of tail.entries()) h.log.responses.push({ name: `tail ${i}`, xml });
    expect(rest.length).toBeGreaterThanOrEqual(2);
    expect(rest.slice(0, -1).map(status)).toEqual(rest.slice(0, -1).map(() => 'OK'));
    expect(status(rest.at(-1) as XmlElement)).toBe('Closed');
    await h.call('alice', unsubscribe(id));
  });

  it('Unsubscribe ends the stream; events made while no stream was open arrive on reconnect', async () => {
    const id = await subscribed('alice', 'inbox');
    await h.call('bob', mailTo('alice@contoso.test', 'while away'));
    const s = await stream([id], 30);
    h.log.responses.push({ name: 'opening', xml: await s.next() });
    const queued = await nextNotification(s);
    expect(eventsIn(queued)).toEqual(['CreatedEvent', 'NewMailEvent']);
    const started = Date.now();
    const ended = await h.call('alice', unsubscribe(id));
    expect(texts(ended.doc, 'ResponseCode')).toEqual(['NoError']);
    await s.ended;
    expect(Date.now() - started).toBeLessThan(2000);
    const last = s.received.at(-1) ?? '';
    h.log.responses.push({ name: 'closed', xml: last });
    expect(status(parseXml(last))).toBe('Closed');
  });

  it('refuses unknown or pull subscription ids with ErrorSubscriptionIds, and a connection over the limit', async () => {
    const pull = await h.call(
      'alice',
      '<m:Subscribe><m:PullSubscriptionRequest><t:FolderIds><t:DistinguishedFolderId Id="inbox"/></t:FolderIds>' +
        '<t:EventTypes><t:EventType>NewMailEvent</t:EventType></t:EventTypes><t:Timeout>5</t:Timeout></m:PullSubscriptionRequest></m:Subscribe>',
    );
    const pullId = first(pull.doc, 'SubscriptionId').text;
    // A readable id the server never issued (an unreadable one is ErrorInvalidSubscription).
    const unknown = Buffer.from('ews-test-subscription:999999').toString('base64');
    const refused = await h.call('alice', getStreamingEvents([pullId, unknown]));
    expect(texts(refused.doc, 'ResponseCode')).toEqual(['ErrorSubscriptionNotFound']);
    expect(texts(first(refused.doc, 'ErrorSubscriptionIds'), 'SubscriptionId')).toEqual([pullId, unknown]);
    expect(status(refused.doc)).toBe('Closed');
    // Someone else's subscription is not found either.
    const id = await subscribed('alice', 'inbox');
    const stolen = await h.call('bob', getStreamingEvents([id]));
    expect(texts(stolen.doc, 'ResponseCode')).toEqual(['ErrorSubscriptionNotFound']);

    const a = await stream([id], 30);
    const b = await stream([id], 30);
    h.log.responses.push({ name: 'a', xml: await a.next() }, { name: 'b', xml: await b.next() });
    const third = await h.call('alice', getStreamingEvents([id]));
    expect(texts(third.doc, 'ResponseCode')).toEqual(['ErrorExceededConnectionCount']);
    // A closed connection frees its slot.
    a.close();
    await a.ended;
    // The server notices the closed socket on its own schedule: retry a bounded number of times.
    let fourth: EnvelopeStream | undefined;
    for (let attempt = 0; attempt < 40 && fourth === undefined; attempt += 1) {
      const candidate = await stream([id], 1);
      const opening = await candidate.next();
      h.log.responses.push({ name: `fourth ${attempt}`, xml: opening });
      const code = texts(parseXml(opening), 'ResponseCode')[0];
      if (code === 'NoError') fourth = candidate;
      else {
        expect(code).toBe('ErrorExceededConnectionCount');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    if (fourth === undefined) throw new Error('the closed stream never freed its slot');
    await h.call('alice', unsubscribe(id));
    await Promise.all([b.ended, fourth.ended]);
  });
});

describe('streaming with recording and faults', () => {
  it('records every envelope of a stream as a part, each valid against the schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ews-test-server-stream-'));
    const h = await startHarness({ seed: 'empty', record: dir, streaming: STREAMING });
    try {
      const reply = await h.call('alice', subscribeStreaming('inbox'));
      const id = first(reply.doc, 'SubscriptionId').text;
      const s = await openEnvelopeStream(h.server.url, envelope(getStreamingEvents([id])), ALICE);
      await s.next();
      await h.call('bob', mailTo('alice@contoso.test', 'recorded'));
      await s.ended;
      const files = readdirSync(dir).sort();
      const parts = files.filter((f) => f.includes('GetStreamingEvents-response'));
      expect(parts.length).toBe(s.received.length);
      expect(files.some((f) => f.endsWith('GetStreamingEvents-request.xml'))).toBe(true);
      const notification = parts
        .map((f) => readFileSync(join(dir, f), 'utf8'))
        .find((x) => x.includes('NewMailEvent'));
      expect(notification).toBeDefined();
      const verdicts = await validateAll(
        files.map((name) => ({ name, xml: readFileSync(join(dir, name), 'utf8') })),
      );
      expect(verdicts.filter((v) => !v.valid).map((v) => `${v.name}: ${v.errors}`)).toEqual([]);
    } finally {
      await h.finish();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a reset after execution cuts the stream after it was accepted; the subscription survives', async () => {
    const h = await startHarness({
      seed: 'empty',
      streaming: STREAMING,
      faults: { resetAfterExecute: { rate: 1 }, operations: ['GetStreamingEvents'] },
    });
    try {
      const reply = await h.call('alice', subscribeStreaming('inbox'));
      const id = first(reply.doc, 'SubscriptionId').text;
      await expect(
        openEnvelopeStream(h.server.url, envelope(getStreamingEvents([id])), ALICE),
      ).rejects.toThrow(/socket hang up|ECONNRESET/);
      const after = await h.call('alice', unsubscribe(id));
      expect(texts(after.doc, 'ResponseCode')).toEqual(['NoError']);
    } finally {
      await h.finish();
    }
  });
});
