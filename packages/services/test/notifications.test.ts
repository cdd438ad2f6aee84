import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EwsError, isResponseError, responseCodeOf } from '@ews/core';
import { MessageModel } from '@ews/models';
import { describe, expect, it } from 'vitest';
import {
  type Account,
  type Notification,
  type NotificationEvent,
  readSendNotification,
  StreamingEventsError,
  sendNotificationResult,
} from '../src/index.js';
import { useHarness } from './helpers/harness.js';

const ALICE = 'alice@contoso.test';
// One "minute" of ConnectionTimeout lasts 400 ms on this server; keep-alives every 100 ms.
const MINUTE_MS = 400;
let alice: Account;
let bob: Account;
const harness = useHarness(
  (started) => {
    alice = started.account(ALICE);
    bob = started.account('bob@contoso.test');
  },
  {
    streaming: { minuteMs: MINUTE_MS, keepAliveMs: 100 },
    push: { minuteMs: 100, callbackTimeoutMs: 2_000, maxFailures: 3, retryDelayMs: 50 },
  },
);

function inbox(address: string) {
  const mailbox = harness.server.snapshot().mailbox(address);
  const folder = mailbox.folder('inbox');
  return { folderId: folder.id, items: mailbox.itemsIn(folder.id) };
}

/** Bob mails Alice; returns the id of the copy delivered to Alice's inbox (from the server's state). */
async function mailAlice(subject: string): Promise<string> {
  const before = new Set(inbox(ALICE).items.map((item) => item.id));
  const [result] = await bob.bulkCreate(
    MessageModel,
    [{ subject, body: { bodyType: 'Text', value: subject }, toRecipients: [{ emailAddress: ALICE }] }],
    { messageDisposition: 'SendOnly' },
  );
  if (!result?.ok) throw result?.error ?? new Error('not sent');
  const delivered = inbox(ALICE).items.filter((item) => !before.has(item.id));
  expect(delivered.map((item) => item.subject)).toEqual([subject]);
  return delivered[0]?.id as string;
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('pull subscriptions', () => {
  it('sees a new mail with the right ids and moves its watermark past it', async () => {
    const subscription = await alice.inbox.subscribeToPull({ events: ['NewMailEvent', 'CreatedEvent'] });
    const start = subscription.watermark;
    expect(start).toMatch(/\S/);
    const quiet = await subscription.getEvents();
    expect(quiet.events.map((event) => event.type)).toEqual(['StatusEvent']);
    expect(quiet.subscriptionId).toBe(subscription.id);

    const itemId = await mailAlice('Pull: hello');
    const mark = subscription.watermark;
    const notification = await subscription.getEvents();
    expect(notification.previousWatermark).toBe(mark);
    expect(notification.moreEvents).toBe(false);
    const types = notification.events.map((event) => event.type).sort();
    expect(types).toEqual(['CreatedEvent', 'NewMailEvent']);
    for (const event of notification.events) {
      expect(event.itemId?.id).toBe(itemId);
      expect(event.parentFolderId?.id).toBe(inbox(ALICE).folderId);
      expect(event.timeStamp).toBeInstanceOf(Date);
    }
    const last = notification.events.at(-1)?.watermark;
    expect(last).toMatch(/\S/);
    expect(subscription.watermark).toBe(last);
    // Acknowledged: nothing again.
    expect((await subscription.getEvents()).events.map((event) => event.type)).toEqual(['StatusEvent']);
    await subscription.unsubscribe();
  });

  it('polls as an async iterable until the signal aborts', async () => {
    const subscription = await alice.notifications.subscribeToPull({ events: ['NewMailEvent'] });
    const controller = new AbortController();
    const seen: NotificationEvent[] = [];
    const started = Date.now();
    const itemId = await mailAlice('Pull: polled');
    for await (const event of subscription.events({ pollIntervalMs: 20, signal: controller.signal })) {
      seen.push(event);
      controller.abort();
    }
    expect(seen.map((event) => [event.type, event.itemId?.id])).toEqual([['NewMailEvent', itemId]]);
    expect(Date.now() - started).toBeLessThan(5_000);
    await subscription.unsubscribe();
  });

  it('stops in the middle of a batch on abort; the events not handed out come again', async () => {
    const subscription = await alice.inbox.subscribeToPull({ events: ['NewMailEvent'] });
    const firstId = await mailAlice('Pull: first of two');
    const secondId = await mailAlice('Pull: second of two');
    const controller = new AbortController();
    const seen: NotificationEvent[] = [];
    const before = harness.operations.length;
    for await (const event of subscription.events({ pollIntervalMs: 20, signal: controller.signal })) {
      seen.push(event);
      controller.abort();
    }
    // Both came in one GetEvents answer; only the first was handed out.
    expect(harness.operations.slice(before)).toEqual(['GetEvents']);
    expect(seen.map((event) => event.itemId?.id)).toEqual([firstId]);
    const again = await subscription.getEvents();
    expect(again.events.map((event) => [event.type, event.itemId?.id])).toEqual([['NewMailEvent', secondId]]);
    await subscription.unsubscribe();
  });

  it('await using does not fail when the server already ended the subscription', async () => {
    let kept: { readonly ended: boolean } | undefined;
    {
      await using subscription = await alice.inbox.subscribeToPull();
      kept = subscription;
      // Ended elsewhere (by id, as an expiry or a push callback's Unsubscribe would).
      await alice.notifications.unsubscribe(subscription.id);
    }
    expect(kept?.ended).toBe(true);
  });

  it('after unsubscribe, GetEvents fails with ErrorSubscriptionNotFound', async () => {
    const subscription = await alice.inbox.subscribeToPull();
    await subscription.unsubscribe();
    expect(subscription.ended).toBe(true);
    const error = await subscription.getEvents().catch((e: unknown) => e);
    expect(isResponseError(error, 'ErrorSubscriptionNotFound')).toBe(true);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_RESPONSE');
    // By id too, and unsubscribing twice is the same error.
    const byId = await alice.notifications
      .getEvents(subscription.id, subscription.watermark)
      .catch((e: unknown) => e);
    expect(isResponseError(byId, 'ErrorSubscriptionNotFound')).toBe(true);
    const again = await alice.notifications.unsubscribe(subscription.id).catch((e: unknown) => e);
    expect(isResponseError(again, 'ErrorSubscriptionNotFound')).toBe(true);
  });
});

describe('streaming subscriptions', () => {
  it('yields an event created after the stream opened, and ends on abort', async () => {
    const subscription = await alice.inbox.subscribeToStreaming({ events: ['NewMailEvent'] });
    const controller = new AbortController();
    const events = subscription.events({ connectionTimeoutMinutes: 30, signal: controller.signal });
    const sent = harness.operations.length;
    const next = events.next();
    await waitFor(() => harness.operations.slice(sent).includes('GetStreamingEvents'));
    // Let a keep-alive pass, so the connection is surely open before the mail arrives.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const itemId = await mailAlice('Stream: live');
    const first = await next;
    expect(first.done).toBe(false);
    expect(first.value?.type).toBe('NewMailEvent');
    expect(first.value?.itemId?.id).toBe(itemId);

    const aborted = Date.now();
    const pending = events.next();
    controller.abort();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(Date.now() - aborted).toBeLessThan(2_000);
    await subscription.unsubscribe();
  });

  it('ends by itself when the server closes the connection after ConnectionTimeout', async () => {
    await using subscription = await alice.inbox.subscribeToStreaming();
    const started = Date.now();
    const notifications = [];
    for await (const notification of alice.notifications.streamingEvents([subscription], {
      connectionTimeoutMinutes: 1,
    })) {
      notifications.push(notification);
    }
    const elapsed = Date.now() - started;
    expect(notifications).toEqual([]);
    expect(elapsed).toBeGreaterThanOrEqual(MINUTE_MS - 50);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('ends when its last subscription is unsubscribed, then refuses the ended subscription', async () => {
    const subscription = await alice.inbox.subscribeToStreaming({ events: ['NewMailEvent'] });
    const got: NotificationEvent[] = [];
    const reading = (async () => {
      for await (const event of subscription.events({ connectionTimeoutMinutes: 30 })) got.push(event);
    })();
    // An event that came through proves the connection is open before we unsubscribe.
    const itemId = await mailAlice('Stream: then unsubscribe');
    await waitFor(() => got.length > 0);
    const started = Date.now();
    await subscription.unsubscribe();
    await reading;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(got.map((event) => event.itemId?.id)).toEqual([itemId]);
    const error = await subscription
      .events()
      .next()
      .catch((e: unknown) => e);
    expect(isResponseError(error, 'ErrorSubscriptionNotFound')).toBe(true);
  });

  it('delivers several subscriptions on one connection, each notification naming its subscription', async () => {
    await using first = await alice.inbox.subscribeToStreaming({ events: ['NewMailEvent'] });
    await using second = await alice.notifications.subscribeToStreaming({ events: ['CreatedEvent'] });
    const itemId = await mailAlice('Stream: queued');
    const seen = new Map<string, NotificationEvent[]>();
    const controller = new AbortController();
    for await (const notification of alice.notifications.streamingEvents([first.id, second], {
      connectionTimeoutMinutes: 30,
      signal: controller.signal,
    })) {
      seen.set(notification.subscriptionId, [
        ...(seen.get(notification.subscriptionId) ?? []),
        ...notification.events,
      ]);
      if (seen.size === 2) controller.abort();
    }
    expect(seen.get(first.id)?.map((event) => [event.type, event.itemId?.id])).toEqual([
      ['NewMailEvent', itemId],
    ]);
    expect(seen.get(second.id)?.map((event) => [event.type, event.itemId?.id])).toContainEqual([
      'CreatedEvent',
      itemId,
    ]);
  });
});

describe('streaming errors', () => {
  it('names the failed subscription when one of several on a connection is unknown', async () => {
    await using good = await alice.inbox.subscribeToStreaming({ events: ['NewMailEvent'] });
    const ended = await alice.inbox.subscribeToStreaming({ events: ['NewMailEvent'] });
    await ended.unsubscribe();
    const error = await (async () => {
      for await (const _ of alice.notifications.streamingEvents([good, ended.id])) {
        // nothing is expected before the error
      }
    })().catch((e: unknown) => e);
    expect(isResponseError(error, 'ErrorSubscriptionNotFound')).toBe(true);
    expect(error).toBeInstanceOf(StreamingEventsError);
    expect((error as StreamingEventsError).errorSubscriptionIds).toEqual([ended.id]);
    expect((error as StreamingEventsError).message).toContain(ended.id);
  });
});

describe('push subscriptions', () => {
  it('gets SendNotification requests on its callback, and ends when the callback answers Unsubscribe', async () => {
    const received: Notification[] = [];
    let answeredUnsubscribe = false;
    const callback = createServer((request, response) => {
      const parts: Buffer[] = [];
      request.on('data', (part: Buffer) => parts.push(part));
      request.on('end', () => {
        const body = Buffer.concat(parts).toString('utf8');
        // Exchange's request is schema-valid too.
        harness.recorder.record(body, 'SendNotification (from the server)');
        const notifications = readSendNotification(body);
        received.push(...notifications);
        const stop = notifications.some((n) => n.events.some((event) => event.type === 'NewMailEvent'));
        response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
        response.end(sendNotificationResult(stop ? 'Unsubscribe' : 'OK'), () => {
          if (stop) answeredUnsubscribe = true;
        });
      });
    });
    await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = callback.address() as AddressInfo;
      const subscription = await alice.inbox.subscribeToPush(`http://127.0.0.1:${port}/ews/notify`, {
        events: ['NewMailEvent'],
        statusFrequencyMinutes: 1,
      });
      expect(subscription.watermark).toMatch(/\S/);
      // Nothing happens for a "minute": a StatusEvent.
      await waitFor(() => received.some((n) => n.events.some((event) => event.type === 'StatusEvent')));
      const itemId = await mailAlice('Push: hello');
      await waitFor(() => answeredUnsubscribe);
      const mail = received.flatMap((n) => n.events).filter((event) => event.type === 'NewMailEvent');
      expect(mail.map((event) => event.itemId?.id)).toEqual([itemId]);
      expect(received.every((n) => n.subscriptionId === subscription.id)).toBe(true);
      // The server ends it once it has our answer: GetEvents says "not a pull subscription" until then.
      await waitFor(async () => {
        const error = await alice.notifications.getEvents(subscription.id, 'x').catch((e: unknown) => e);
        if (isResponseError(error, 'ErrorSubscriptionNotFound')) return true;
        expect(responseCodeOf(error)).toBe('ErrorInvalidSubscription');
        return false;
      });
    } finally {
      await new Promise((resolve) => callback.close(resolve));
    }
  });

  it('can be ended by the app with unsubscribe()', async () => {
    const callback = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      response.end(sendNotificationResult('OK'));
    });
    await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = callback.address() as AddressInfo;
      const subscription = await alice.notifications.subscribeToPush(`http://127.0.0.1:${port}/`, {
        folders: [alice.inbox, alice.sent],
        callerData: 'tenant-1',
      });
      const body = harness.recorder.documents.at(-1) ?? '';
      expect(body).toContain('<t:CallerData>tenant-1</t:CallerData>');
      await subscription.unsubscribe();
      const error = await subscription.unsubscribe().catch((e: unknown) => e);
      expect(isResponseError(error, 'ErrorSubscriptionNotFound')).toBe(true);
    } finally {
      await new Promise((resolve) => callback.close(resolve));
    }
  });

  it('refuses a callback URL Exchange cannot reach with a typed error', async () => {
    const error = await alice.inbox.subscribeToPush('https://app.contoso.test/ews').catch((e: unknown) => e);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_RESPONSE');
    expect(isResponseError(error)).toBe(true);
  });

  it('refuses bad arguments before sending anything', async () => {
    const sent = harness.operations.length;
    await expect(alice.inbox.subscribeToPush('ftp://nope')).rejects.toThrow(/http/);
    await expect(alice.inbox.subscribeToPull({ timeoutMinutes: 0 })).rejects.toThrow(/timeoutMinutes/);
    await expect(alice.inbox.subscribeToPull({ events: [] })).rejects.toThrow(/event type/);
    expect(harness.operations.length).toBe(sent);
  });
});
