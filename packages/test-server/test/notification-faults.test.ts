import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedEvent } from '../src/index.js';
import { parseXml, type XmlElement } from '../src/xml/xml-tree.js';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';
import { envelope } from './support/soap-client.js';
import { type EnvelopeStream, openEnvelopeStream } from './support/stream-client.js';

// Fault controls for notifications (TestServer.notifications) and Subscribe with a Watermark, which
// Exchange honours for pull and push subscriptions: "If a Subscribe request contains a watermark, the
// subscription is created from the watermark forward"; one "not found in the mailbox events table"
// is ErrorInvalidWatermark (Watermark element, EWS reference).

const TYPES = '<t:EventTypes><t:EventType>CreatedEvent</t:EventType></t:EventTypes>';
const inbox = '<t:FolderIds><t:DistinguishedFolderId Id="inbox"/></t:FolderIds>';
const subscribePull = (watermark?: string) =>
  `<m:Subscribe><m:PullSubscriptionRequest>${inbox}${TYPES}` +
  `${watermark === undefined ? '' : `<t:Watermark>${watermark}</t:Watermark>`}<t:Timeout>10</t:Timeout>` +
  '</m:PullSubscriptionRequest></m:Subscribe>';
const subscribeStreaming = `<m:Subscribe><m:StreamingSubscriptionRequest>${inbox}${TYPES}</m:StreamingSubscriptionRequest></m:Subscribe>`;
const getEvents = (id: string, watermark: string) =>
  `<m:GetEvents><m:SubscriptionId>${id}</m:SubscriptionId><m:Watermark>${watermark}</m:Watermark></m:GetEvents>`;
const getStreamingEvents = (id: string) =>
  `<m:GetStreamingEvents><m:SubscriptionIds><t:SubscriptionId>${id}</t:SubscriptionId></m:SubscriptionIds>` +
  '<m:ConnectionTimeout>30</m:ConnectionTimeout></m:GetStreamingEvents>';
const draft = (subject: string) =>
  `<m:CreateItem MessageDisposition="SaveOnly"><m:SavedItemFolderId><t:DistinguishedFolderId Id="inbox"/></m:SavedItemFolderId>` +
  `<m:Items><t:Message><t:Subject>${subject}</t:Subject></t:Message></m:Items></m:CreateItem>`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ALICE = { user: 'alice@contoso.test', password: 'Alice-Demo-2016!' };
const KEEP_ALIVE_MS = 100;

const eventIds = (doc: XmlElement) => findAll(doc, 'CreatedEvent').map((e) => first(e, 'ItemId').attrs.Id);
const watermarks = (doc: XmlElement) => findAll(doc, 'CreatedEvent').map((e) => first(e, 'Watermark').text);

describe('notification faults and Subscribe with a Watermark', () => {
  let h: Harness;
  const ledger: GeneratedEvent[] = [];
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty', streaming: { minuteMs: 60_000, keepAliveMs: KEEP_ALIVE_MS } });
    h.server.notifications.watchEvents((event) => ledger.push(event));
  });
  afterAll(async () => {
    await h.finish();
  });

  async function created(subject: string): Promise<string> {
    const reply = await h.call('alice', draft(subject));
    return first(reply.doc, 'ItemId').attrs.Id ?? '';
  }

  async function pull(watermark?: string): Promise<{ id: string; watermark: string; code: string }> {
    const reply = await h.call('alice', subscribePull(watermark));
    const code = texts(reply.doc, 'ResponseCode')[0] ?? '';
    if (code !== 'NoError') return { id: '', watermark: '', code };
    return {
      id: first(reply.doc, 'SubscriptionId').text,
      watermark: first(reply.doc, 'Watermark').text,
      code,
    };
  }

  async function stream(id: string): Promise<EnvelopeStream> {
    const xml = envelope(getStreamingEvents(id));
    h.log.requests.push({ name: 'GetStreamingEvents request', xml });
    return openEnvelopeStream(h.server.url, xml, ALICE);
  }

  it('a pull subscription that expired resumes from its last watermark with nothing lost', async () => {
    const first_ = await pull();
    const a = await created('a');
    const seen = await h.call('alice', getEvents(first_.id, first_.watermark));
    expect(eventIds(seen.doc)).toEqual([a]);
    const last = watermarks(seen.doc).at(-1) ?? '';
    const b = await created('b');
    expect(h.server.notifications.expireSubscription(first_.id)).toBe(true);
    const c = await created('c');
    const gone = await h.call('alice', getEvents(first_.id, last));
    expect(texts(gone.doc, 'ResponseCode')).toEqual(['ErrorSubscriptionNotFound']);

    const resumed = await pull(last);
    expect(resumed.code).toBe('NoError');
    const replay = await h.call('alice', getEvents(resumed.id, resumed.watermark));
    // b was waiting when it expired, c happened after: both come, a does not come again.
    expect(eventIds(replay.doc)).toEqual([b, c]);
    // The ledger saw every event the server generated, on either subscription.
    expect(ledger.filter((e) => e.subscriptionId === first_.id).map((e) => e.event.id)).toEqual([a, b]);
    expect(ledger.filter((e) => e.subscriptionId === resumed.id).map((e) => e.event.id)).toEqual([b, c]);
  });

  it('a watermark the server does not know, or one before the events it holds, is ErrorInvalidWatermark', async () => {
    expect((await pull('bm90LWEtd2F0ZXJtYXJr')).code).toBe('ErrorInvalidWatermark');
    const sub = await pull();
    await created('d');
    const reply = await h.call('alice', getEvents(sub.id, sub.watermark));
    const last = watermarks(reply.doc).at(-1) ?? '';
    await created('e');
    // GetEvents from `last` acknowledges everything up to it: the start watermark is gone.
    await h.call('alice', getEvents(sub.id, last));
    expect((await pull(sub.watermark)).code).toBe('ErrorInvalidWatermark');
    expect((await pull(last)).code).toBe('NoError');
  });

  it('dropStreams cuts a stream; the subscription keeps what happened meanwhile for the next connection', async () => {
    const reply = await h.call('alice', subscribeStreaming);
    const id = first(reply.doc, 'SubscriptionId').text;
    const s = await stream(id);
    await s.next();
    expect(h.server.notifications.openStreams()).toBe(1);
    expect(h.server.notifications.dropStreams()).toBe(1);
    await s.ended;
    expect(h.server.notifications.openStreams()).toBe(0);
    const f = await created('f');
    const again = await stream(id);
    const docs: XmlElement[] = [];
    for (let i = 0; i < 10 && !docs.some((d) => eventIds(d).length > 0); i += 1)
      docs.push(parseXml(await again.next()));
    expect(docs.flatMap(eventIds)).toEqual([f]);
    again.close();
  });

  it('dropStreams with loseInFlight loses the waiting events; the next PreviousWatermark shows it', async () => {
    const reply = await h.call('alice', subscribeStreaming);
    const id = first(reply.doc, 'SubscriptionId').text;
    const s = await stream(id);
    await s.next();
    h.server.notifications.stallStreams();
    const lost = await created('lost');
    h.server.notifications.dropStreams({ loseInFlight: true });
    await s.ended;
    const kept = await created('kept');
    const again = await stream(id);
    let doc: XmlElement | undefined;
    for (let i = 0; i < 10 && doc === undefined; i += 1) {
      const candidate = parseXml(await again.next());
      if (eventIds(candidate).length > 0) doc = candidate;
    }
    expect(doc === undefined ? [] : eventIds(doc)).toEqual([kept]);
    const lostWatermark = ledger.find((e) => e.subscriptionId === id && e.event.id === lost)?.watermark;
    // The chain names the event the client never saw, so a client can tell it missed one.
    expect(doc === undefined ? undefined : first(doc, 'PreviousWatermark').text).toBe(lostWatermark);
    again.close();
  });

  it('stallStreams stops keep-alives; endStreams closes with ConnectionStatus Closed', async () => {
    const reply = await h.call('alice', subscribeStreaming);
    const id = first(reply.doc, 'SubscriptionId').text;
    // The connections the earlier tests closed are gone once the server has seen them close.
    for (let i = 0; i < 50 && h.server.notifications.openStreams() > 0; i += 1) await sleep(20);
    const s = await stream(id);
    await s.next();
    await s.next(KEEP_ALIVE_MS * 5);
    h.server.notifications.stallStreams();
    const before = s.received.length;
    await sleep(KEEP_ALIVE_MS * 4);
    expect(s.received.length).toBe(before);
    expect(h.server.notifications.endStreams()).toBe(1);
    await s.ended;
    expect(texts(parseXml(s.received.at(-1) ?? ''), 'ConnectionStatus')).toEqual(['Closed']);
  });
});
