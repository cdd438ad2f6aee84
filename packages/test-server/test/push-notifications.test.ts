import { setTimeout as sleep } from 'node:timers/promises';
import { validateEws } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from '../src/xml/xml-tree.js';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';
import { PushListener } from './support/push-listener.js';

// @ews/services (and its readSendNotification) is not a devDependency of this package, so what the
// server POSTs is checked against the EWS schema and read with the server's own XML parser.

const EVENT_TYPES = [
  'NewMailEvent',
  'CreatedEvent',
  'ModifiedEvent',
  'DeletedEvent',
  'MovedEvent',
  'CopiedEvent',
];
const eventTypes = EVENT_TYPES.map((t) => `<t:EventType>${t}</t:EventType>`).join('');
const subscribePush = (url: string, folder = 'inbox', frequency = 1) =>
  `<m:Subscribe><m:PushSubscriptionRequest><t:FolderIds><t:DistinguishedFolderId Id="${folder}"/></t:FolderIds>` +
  `<t:EventTypes>${eventTypes}</t:EventTypes><t:StatusFrequency>${frequency}</t:StatusFrequency>` +
  `<t:URL>${url}</t:URL></m:PushSubscriptionRequest></m:Subscribe>`;
const mailTo = (to: string, subject: string) =>
  `<m:CreateItem MessageDisposition="SendOnly"><m:Items><t:Message><t:Subject>${subject}</t:Subject>` +
  `<t:ToRecipients><t:Mailbox><t:EmailAddress>${to}</t:EmailAddress></t:Mailbox></t:ToRecipients></t:Message></m:Items></m:CreateItem>`;
const getEvents = (id: string, watermark: string) =>
  `<m:GetEvents><m:SubscriptionId>${id}</m:SubscriptionId><m:Watermark>${watermark}</m:Watermark></m:GetEvents>`;
const unsubscribe = (id: string) =>
  `<m:Unsubscribe><m:SubscriptionId>${id}</m:SubscriptionId></m:Unsubscribe>`;
const getInbox =
  '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

/** The one m:Notification of a SendNotification body. */
function notificationOf(body: string): XmlElement {
  const root = parseXml(body);
  expect(root.name).toBe('Envelope');
  const request = first(root, 'SendNotification');
  expect(texts(request, 'ResponseCode')).toEqual(['NoError']);
  return first(request, 'Notification');
}
const eventNames = (notification: XmlElement) =>
  notification.children.map((c) => c.name).filter((n) => n.endsWith('Event'));
const watermarks = (notification: XmlElement) => texts(notification, 'Watermark');

/** Every SendNotification any test received, validated against the schema at the end. */
const pushed: { name: string; xml: string }[] = [];
function keep(listener: PushListener, label: string): void {
  listener.received.forEach((r, i) => {
    pushed.push({ name: `${label} push #${i + 1}`, xml: r.body });
  });
}

afterAll(async () => {
  expect(pushed.length).toBeGreaterThan(0);
  const results = await validateEws(
    pushed.map((p) => p.xml),
    { names: pushed.map((p) => p.name) },
  );
  expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.errors}`)).toEqual([]);
});

describe('push notifications', () => {
  const MINUTE_MS = 300;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      seed: 'empty',
      push: { minuteMs: MINUTE_MS, callbackTimeoutMs: 2000, retryDelayMs: 50, maxFailures: 3 },
    });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('POSTs SendNotification with the events and watermarks, then a StatusEvent each StatusFrequency', async () => {
    const listener = await PushListener.start();
    try {
      const subscribed = await h.call('alice', subscribePush(listener.url));
      expect(texts(subscribed.doc, 'ResponseCode')).toEqual(['NoError']);
      const id = first(subscribed.doc, 'SubscriptionId').text;
      const start = first(subscribed.doc, 'Watermark').text;

      await h.call('bob', mailTo('alice@contoso.test', 'ping'));
      const doneAt = Date.now();
      const mail = notificationOf(await listener.nth(1));
      // Events go out as the request that caused them is answered, not at the next status tick.
      expect((listener.received[0]?.at ?? Number.POSITIVE_INFINITY) - doneAt).toBeLessThan(MINUTE_MS);
      expect(first(mail, 'SubscriptionId').text).toBe(id);
      expect(first(mail, 'PreviousWatermark').text).toBe(start);
      expect(first(mail, 'MoreEvents').text).toBe('false');
      expect(eventNames(mail)).toEqual(['CreatedEvent', 'NewMailEvent']);
      expect(first(first(mail, 'NewMailEvent'), 'TimeStamp').text).toBe('2026-03-11T12:00:00Z');
      const itemId = first(first(mail, 'NewMailEvent'), 'ItemId').attrs.Id;
      expect(itemId).toMatch(/^AAMkAD/);
      const acked = watermarks(mail).at(-1) ?? '';
      expect(new Set([start, ...watermarks(mail)]).size).toBe(3);
      expect(listener.received[0]?.headers['content-type']).toBe('text/xml; charset=utf-8');

      // Quiet for one StatusFrequency (1 "minute" = 300 ms): a StatusEvent at the acknowledged watermark.
      const status = notificationOf(await listener.nth(2));
      const gap = (listener.received[1]?.at ?? 0) - (listener.received[0]?.at ?? 0);
      expect(gap).toBeGreaterThanOrEqual(MINUTE_MS - 20);
      expect(eventNames(status)).toEqual(['StatusEvent']);
      expect(first(status, 'PreviousWatermark').text).toBe(acked);
      expect(first(first(status, 'StatusEvent'), 'Watermark').text).toBe(acked);

      // Pull-only operations refuse a push subscription; Unsubscribe ends it and the pushing.
      const wrongKind = await h.call('alice', getEvents(id, acked));
      expect(texts(wrongKind.doc, 'ResponseCode')).toEqual(['ErrorInvalidSubscription']);
      expect(texts((await h.call('alice', unsubscribe(id))).doc, 'ResponseCode')).toEqual(['NoError']);
      const count = listener.received.length;
      await sleep(MINUTE_MS * 3);
      expect(listener.received.length).toBe(count);
      expect(texts((await h.call('alice', unsubscribe(id))).doc, 'ResponseCode')).toEqual([
        'ErrorSubscriptionNotFound',
      ]);
    } finally {
      keep(listener, 'events');
      await listener.close();
    }
  });

  it('a callback answering Unsubscribe ends the subscription', async () => {
    const listener = await PushListener.start();
    listener.answer = () => ({ status: 'Unsubscribe' });
    try {
      const subscribed = await h.call('alice', subscribePush(listener.url));
      const id = first(subscribed.doc, 'SubscriptionId').text;
      const mark = first(subscribed.doc, 'Watermark').text;
      await h.call('bob', mailTo('alice@contoso.test', 'stop'));
      expect(eventNames(notificationOf(await listener.nth(1)))).toEqual(['CreatedEvent', 'NewMailEvent']);
      await h.call('bob', mailTo('alice@contoso.test', 'after the end'));
      await sleep(MINUTE_MS * 3);
      expect(listener.received).toHaveLength(1);
      const events = await h.call('alice', getEvents(id, mark));
      expect(texts(events.doc, 'ResponseCode')).toEqual(['ErrorSubscriptionNotFound']);
      const ended = await h.call('alice', unsubscribe(id));
      expect(texts(ended.doc, 'ResponseCode')).toEqual(['ErrorSubscriptionNotFound']);
    } finally {
      keep(listener, 'unsubscribe');
      await listener.close();
    }
  });

  it('retries a failed delivery with the same events; maxFailures in a row end the subscription', async () => {
    const listener = await PushListener.start();
    // First delivery fails, the retry succeeds; later, every delivery fails.
    let failFrom = Number.POSITIVE_INFINITY;
    listener.answer = (n) => (n === 1 || n >= failFrom ? { httpStatus: 500 } : { status: 'OK' });
    try {
      const subscribed = await h.call('alice', subscribePush(listener.url));
      const id = first(subscribed.doc, 'SubscriptionId').text;
      const start = first(subscribed.doc, 'Watermark').text;
      await h.call('bob', mailTo('alice@contoso.test', 'retry me'));
      const failed = notificationOf(await listener.nth(1));
      const retried = notificationOf(await listener.nth(2));
      expect(eventNames(failed)).toEqual(['CreatedEvent', 'NewMailEvent']);
      expect(eventNames(retried)).toEqual(eventNames(failed));
      // Nothing was acknowledged by the failed delivery: same PreviousWatermark, same event watermarks.
      expect(first(retried, 'PreviousWatermark').text).toBe(start);
      expect(watermarks(retried)).toEqual(watermarks(failed));

      failFrom = listener.received.length + 1;
      await h.call('bob', mailTo('alice@contoso.test', 'nobody home'));
      await listener.nth(failFrom + 2);
      const attempts = listener.received.slice(failFrom - 1).map((r) => notificationOf(r.body));
      expect(attempts.map((n) => first(n, 'PreviousWatermark').text)).toEqual(
        Array(3).fill(watermarks(retried).at(-1)),
      );
      // Three failures in a row (maxFailures): no fourth attempt, and the subscription is gone.
      await sleep(MINUTE_MS * 2);
      expect(listener.received).toHaveLength(failFrom + 2);
      const gone = await h.call('alice', getEvents(id, start));
      expect(texts(gone.doc, 'ResponseCode')).toEqual(['ErrorSubscriptionNotFound']);
    } finally {
      keep(listener, 'retry');
      await listener.close();
    }
  });

  it('a slow callback never holds up other requests; it times out and counts as a failure', async () => {
    const listener = await PushListener.start();
    listener.answer = () => ({ status: 'OK', delayMs: 4000 });
    try {
      const subscribed = await h.call('alice', subscribePush(listener.url));
      const id = first(subscribed.doc, 'SubscriptionId').text;
      await h.call('bob', mailTo('alice@contoso.test', 'slow'));
      await listener.nth(1);
      // The delivery is hanging in the callback: EWS requests are still answered at once.
      const before = Date.now();
      for (let i = 0; i < 5; i += 1) {
        const folder = await h.call('alice', getInbox);
        expect(texts(folder.doc, 'ResponseCode')).toEqual(['NoError']);
      }
      expect(Date.now() - before).toBeLessThan(1500);
      // callbackTimeoutMs (2 s) ends the hanging delivery; the retry carries the same events.
      const retry = notificationOf(await listener.nth(2, 4000));
      expect(eventNames(retry)).toEqual(['CreatedEvent', 'NewMailEvent']);
      const gap = (listener.received[1]?.at ?? 0) - (listener.received[0]?.at ?? 0);
      // The server's 2 s clock starts when it sends the first delivery; the listener stamps it only
      // once it has read that request, so the gap it sees may be a few milliseconds short of 2 s.
      expect(gap).toBeGreaterThanOrEqual(1900);
      expect(gap).toBeLessThan(3500);
      await h.call('alice', unsubscribe(id));
    } finally {
      keep(listener, 'slow');
      await listener.close();
    }
  });

  it('refuses callback URLs that are not http(s) on loopback', async () => {
    for (const url of ['http://example.com/push', 'ftp://127.0.0.1/push', 'not a url']) {
      const refused = await h.call('alice', subscribePush(url));
      expect(texts(refused.doc, 'ResponseCode')).toEqual(['ErrorInvalidPushSubscriptionUrl']);
      expect(findAll(refused.doc, 'SubscriptionId')).toHaveLength(0);
    }
  });
});

describe('push notifications and close()', () => {
  it('stops every delivery, in flight or scheduled, when the server closes', async () => {
    const listener = await PushListener.start();
    // The second answer would come long after the bound below: only an aborted delivery lets close() finish.
    listener.answer = (n) => (n === 1 ? { status: 'OK' } : { status: 'OK', delayMs: 10_000 });
    const h = await startHarness({ seed: 'empty', push: { minuteMs: 100 } });
    try {
      await h.call('alice', subscribePush(listener.url, 'inbox'));
      await h.call('alice', subscribePush(listener.url, 'drafts'));
      await listener.nth(2);
      // close() alone is timed; finish() then also validates the traffic, which takes its own time.
      const closedAt = Date.now();
      await h.server.close();
      expect(Date.now() - closedAt).toBeLessThan(2500);
      await h.finish();
      const count = listener.received.length;
      await sleep(500);
      expect(listener.received.length).toBe(count);
    } finally {
      keep(listener, 'close');
      await listener.close();
    }
  });
});
