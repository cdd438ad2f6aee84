import { getEventListeners } from 'node:events';
import { validateEws } from '@ews-tools/ews-schema';
import { describe, expect, it } from 'vitest';
import { PushDeliverer } from '../src/notifications/push-deliverer.js';
import { resolvePush } from '../src/notifications/push-options.js';
import { demoDirectory } from '../src/seed/demo-directory.js';
import { SERVER_VERSIONS } from '../src/soap/server-versions.js';
import { ExchangeState } from '../src/store/exchange-state.js';
import { PushListener } from './support/push-listener.js';

const DELIVERIES = 200;

/**
 * What a long-lived signal holds for others: its 'abort' listeners, and (Node 20) the composite signals
 * AbortSignal.any made from it, which it keeps in an internal set that never shrinks while it lives.
 */
function holdersOf(signal: AbortSignal): { listeners: number; dependants: number } {
  const key = Object.getOwnPropertySymbols(signal).find((s) => s.description === 'kDependantSignals');
  // A Set of Node's own primordials: not `instanceof` this realm's Set, so read its size as a number.
  const dependants =
    key === undefined ? undefined : (signal as unknown as Record<symbol, { size?: unknown }>)[key];
  const size = dependants?.size;
  return {
    listeners: getEventListeners(signal, 'abort').length,
    dependants: typeof size === 'number' ? size : 0,
  };
}

describe('push deliveries and long-lived signals', () => {
  it(`leaves nothing behind on the server's closed signal after ${DELIVERIES} deliveries`, async () => {
    const listener = await PushListener.start();
    const closed = new AbortController();
    const errors: unknown[] = [];
    const state = new ExchangeState(demoDirectory(), SERVER_VERSIONS.Exchange2016, () => new Date());
    const deliverer = new PushDeliverer({
      state,
      options: resolvePush({ minuteMs: 60_000, callbackTimeoutMs: 2000 }),
      closed: closed.signal,
      report: (error) => errors.push(error),
    });
    const alice = state.requireStore('alice@contoso.test');
    const inbox = alice.requireDistinguished('inbox');
    const before = holdersOf(closed.signal);
    const startedAt = Date.now();
    try {
      const subscription = state.subscriptions.add({
        kind: 'push',
        push: { url: listener.url, statusFrequencyMinutes: 30, requestVersion: 'Exchange2016' },
        mailboxIndex: 0,
        owner: alice.owner.address,
        folderIds: new Set([inbox.id]),
        eventTypes: new Set(['CreatedEvent']),
        timeoutMinutes: 30,
        lastUsed: new Date(),
        seen: { items: new Map(), folders: new Map() },
      });
      for (let n = 1; n <= DELIVERIES; n++) {
        state.subscriptions.append(subscription, {
          type: 'CreatedEvent',
          timeStamp: new Date(),
          target: 'item',
          id: alice.newItemId(),
          changeKey: alice.newChangeKey(),
          parentFolderId: inbox.id,
        });
        state.subscriptions.notify(subscription);
        await listener.nth(n);
      }
      // Each delivery settles before the next starts; the last one's acknowledgement is done by now too.
      await listener.nth(DELIVERIES);
      expect(holdersOf(closed.signal)).toEqual(before);
      expect(before.listeners).toBeLessThanOrEqual(1);
      expect(Date.now() - startedAt).toBeLessThan(15_000);
      expect(errors).toEqual([]);
    } finally {
      closed.abort();
      deliverer.close();
      await listener.close();
    }
    const bodies = listener.received.map((r) => r.body);
    expect(bodies).toHaveLength(DELIVERIES);
    const results = await validateEws(bodies, { names: bodies.map((_, i) => `push #${i + 1}`) });
    expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.errors}`)).toEqual([]);
  });
});
