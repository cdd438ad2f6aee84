import type { EwsError } from '@ews/core';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  Account,
  GapEvent,
  ReconnectedEvent,
  SubscriptionWatch,
  WatchEvent,
  WatchedEvent,
} from '../src/index.js';
import { reconnectDelay, resolveReconnectPolicy } from '../src/notifications/reconnect-policy.js';
import { useHarness } from './helpers/harness.js';

// The self-healing subscription (folder.watch) against @ews/test-server's notification faults:
// dropped, stalled, ended streams and expired subscriptions, in both modes.

const ALICE = 'alice@contoso.test';
// The server sends keep-alives every 100 ms; the client allows 250 (dead after 500 ms of silence), so
// a busy CI machine's pauses are not taken for dead connections.
const KEEP_ALIVE_MS = 100;
const HEARTBEAT_MS = 250;
const STALL_HEARTBEAT_MS = 400;
let alice: Account;
const harness = useHarness(
  (started) => {
    alice = started.account(ALICE);
  },
  { streaming: { minuteMs: 60_000, keepAliveMs: KEEP_ALIVE_MS } },
);
const FAST = { maxAttempts: 5, initialDelayMs: 10, maxDelayMs: 50 };
// A test that fails half-way must not leave its watch listening into the next one.
const running: { abort: AbortController; done: Promise<void> }[] = [];
afterEach(async () => {
  for (const { abort, done } of running.splice(0)) {
    abort.abort();
    await done;
  }
  for (let i = 0; i < 100 && harness.server.notifications.openStreams() > 0; i += 1)
    await new Promise((resolve) => setTimeout(resolve, 10));
});

async function draft(subject: string): Promise<string> {
  const [result] = await alice.inbox.create([{ subject }]);
  if (!result?.ok || result.value === undefined) throw new Error('not created');
  return result.value.id;
}

/** Reads a watch in the background; `until` waits for what it has collected to satisfy a test. */
function reader(watch: SubscriptionWatch, abort: AbortController) {
  const seen: WatchEvent[] = [];
  let failure: unknown;
  const done = (async () => {
    try {
      for await (const event of watch) seen.push(event);
    } catch (error) {
      failure = error;
    }
  })();
  running.push({ abort, done });
  return {
    seen,
    done,
    get failure() {
      return failure;
    },
    events: () => seen.filter((e): e is WatchedEvent => e.type !== 'gap' && e.type !== 'reconnected'),
    gaps: () => seen.filter((e): e is GapEvent => e.type === 'gap'),
    reconnects: () => seen.filter((e): e is ReconnectedEvent => e.type === 'reconnected'),
    async until(check: () => boolean, ms = 5_000): Promise<void> {
      const end = Date.now() + ms;
      while (!check()) {
        if (failure !== undefined) throw failure;
        if (Date.now() > end) throw new Error(`timed out; seen ${JSON.stringify(seen.map((e) => e.type))}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

const ids = (events: readonly WatchedEvent[]) => events.map((e) => e.itemId?.id);

/** A streaming watch of Alice's inbox for CreatedEvent, read in the background, once its stream is open. */
async function openStreamingWatch(heartbeatMs = HEARTBEAT_MS) {
  const abort = new AbortController();
  const watch = alice.inbox.watch({
    events: ['CreatedEvent'],
    signal: abort.signal,
    heartbeatMs,
    retry: FAST,
  });
  const r = reader(watch, abort);
  await r.until(() => harness.server.notifications.openStreams() === 1);
  return { abort, watch, r };
}

describe('watch, streaming', () => {
  it('heals a dropped connection: reconnects to the same subscription, nothing lost, nothing twice', async () => {
    const { abort, watch, r } = await openStreamingWatch();
    const a = await draft('a');
    await r.until(() => r.events().length === 1);
    expect(harness.server.notifications.dropStreams()).toBe(1);
    const b = await draft('b');
    await r.until(() => r.events().length === 2);
    expect(ids(r.events())).toEqual([a, b]);
    expect(r.gaps()).toEqual([]);
    expect(r.reconnects().map((e) => [e.reason, e.resumed])).toEqual([['dropped', true]]);
    abort.abort();
    await r.done;
    expect(r.failure).toBeUndefined();
    expect(watch.stats).toMatchObject({ delivered: 2, gaps: 0, reconnects: 1 });
  });

  it('reports events lost with a dying connection as a gap since the last watermark delivered', async () => {
    const { abort, watch, r } = await openStreamingWatch();
    await draft('before');
    await r.until(() => r.events().length === 1);
    const since = watch.watermark;
    harness.server.notifications.stallStreams();
    await draft('lost');
    harness.server.notifications.dropStreams({ loseInFlight: true });
    const after = await draft('after');
    await r.until(() => r.events().length === 2);
    expect(ids(r.events()).slice(1)).toEqual([after]);
    expect(r.gaps()).toMatchObject([
      { type: 'gap', reason: 'events-lost', since, subscriptionId: watch.subscriptionId },
    ]);
    // The gap comes before the first event after it.
    expect(r.seen.findIndex((e) => e.type === 'gap')).toBeLessThan(
      r.seen.indexOf(r.events()[1] as WatchEvent),
    );
    abort.abort();
    await r.done;
  });

  it('finds a stalled connection (no event, no keep-alive) within twice the heartbeat and replaces it', async () => {
    const { abort, r } = await openStreamingWatch(STALL_HEARTBEAT_MS);
    await draft('first');
    await r.until(() => r.events().length === 1);
    const stalledAt = Date.now();
    harness.server.notifications.stallStreams();
    await r.until(() => r.reconnects().length === 1);
    const healedAfter = Date.now() - stalledAt;
    // Not before 2 × heartbeat of silence (the server's keep-alives come every 100 ms), and well
    // before a third heartbeat: the rest is a 10 ms back-off and a reconnection on loopback.
    expect(healedAfter).toBeGreaterThanOrEqual(2 * STALL_HEARTBEAT_MS - 20);
    expect(healedAfter).toBeLessThan(3 * STALL_HEARTBEAT_MS);
    expect(r.reconnects()[0]).toMatchObject({ reason: 'stalled', resumed: true });
    // What happened while it hung is still delivered (the stalled stream never took it).
    const late = await draft('late');
    await r.until(() => r.events().length === 2);
    expect(ids(r.events())[1]).toBe(late);
    expect(r.gaps()).toEqual([]);
    abort.abort();
    await r.done;
  });

  it('reopens a stream the server closed at once, without counting a failure', async () => {
    const { abort, r } = await openStreamingWatch();
    harness.server.notifications.endStreams();
    await r.until(() => r.reconnects().length === 1);
    expect(r.reconnects()[0]).toMatchObject({ reason: 'closed', attempts: 0, resumed: true });
    const x = await draft('x');
    await r.until(() => r.events().length === 1);
    expect(ids(r.events())).toEqual([x]);
    abort.abort();
    await r.done;
  });

  it('an expired streaming subscription is replaced and its loss reported as a gap', async () => {
    const { abort, watch, r } = await openStreamingWatch();
    await draft('one');
    await r.until(() => r.events().length === 1);
    const old = watch.subscriptionId as string;
    const since = watch.watermark;
    expect(harness.server.notifications.expireSubscription(old)).toBe(true);
    await r.until(() => r.reconnects().length === 1);
    expect(r.gaps()).toMatchObject([{ reason: 'subscription-lost', subscriptionId: old, since }]);
    expect(r.reconnects()).toMatchObject([{ reason: 'subscription-lost', resumed: false }]);
    expect(watch.subscriptionId).not.toBe(old);
    const two = await draft('two');
    await r.until(() => r.events().length === 2);
    expect(ids(r.events())[1]).toBe(two);
    abort.abort();
    await r.done;
  });

  it('drops an event the server sends twice (by watermark) and counts it', async () => {
    const { abort, watch, r } = await openStreamingWatch();
    harness.server.notifications.duplicateNextBatch();
    const d = await draft('dup');
    await r.until(() => watch.stats.duplicatesRemoved === 1);
    const e = await draft('next');
    await r.until(() => r.events().length === 2);
    expect(ids(r.events())).toEqual([d, e]);
    abort.abort();
    await r.done;
  });
});

describe('watch, pull', () => {
  it('resumes an expired pull subscription from its watermark: nothing lost, no gap', async () => {
    const abort = new AbortController();
    const watch = alice.inbox.watch({
      mode: 'pull',
      events: ['CreatedEvent'],
      signal: abort.signal,
      pollIntervalMs: 20,
      retry: FAST,
    });
    const r = reader(watch, abort);
    const a = await draft('pa');
    await r.until(() => r.events().length === 1);
    const old = watch.subscriptionId as string;
    harness.server.notifications.expireSubscription(old);
    const b = await draft('pb');
    await r.until(() => r.events().length === 2);
    expect(ids(r.events())).toEqual([a, b]);
    expect(r.gaps()).toEqual([]);
    expect(r.reconnects()).toMatchObject([{ reason: 'subscription-lost', resumed: true }]);
    expect(watch.subscriptionId).not.toBe(old);
    abort.abort();
    await r.done;
  });

  it('a start watermark the server does not know is a gap, then a fresh subscription', async () => {
    const abort = new AbortController();
    const saved = Buffer.from('not a watermark of this server').toString('base64');
    const watch = alice.inbox.watch({
      mode: 'pull',
      events: ['CreatedEvent'],
      signal: abort.signal,
      pollIntervalMs: 20,
      retry: FAST,
      watermark: saved,
    });
    const r = reader(watch, abort);
    await r.until(() => r.gaps().length === 1);
    expect(r.gaps()[0]).toMatchObject({
      reason: 'watermark-refused',
      since: saved,
      subscriptionId: undefined,
    });
    const c = await draft('pc');
    await r.until(() => r.events().length === 1);
    expect(ids(r.events())).toEqual([c]);
    abort.abort();
    await r.done;
  });

  it('unsubscribes when the iteration ends', async () => {
    const watch = alice.inbox.watch({ mode: 'pull', events: ['CreatedEvent'], pollIntervalMs: 20 });
    const iterator = watch[Symbol.asyncIterator]();
    const first = iterator.next();
    for (let i = 0; i < 200 && watch.subscriptionId === undefined; i += 1)
      await new Promise((r) => setTimeout(r, 10));
    await draft('pd');
    expect((await first).value).toMatchObject({ type: 'CreatedEvent' });
    await iterator.return?.();
    const id = watch.subscriptionId as string;
    await expect(alice.notifications.getEvents(id, watch.watermark as string)).rejects.toMatchObject({
      responseCode: 'ErrorSubscriptionNotFound',
    });
  });
});

describe('watch options', () => {
  it('refuses options out of range, and a start watermark for streaming', () => {
    const bad = [
      { heartbeatMs: 0 },
      { retry: { maxAttempts: 0 } },
      { retry: { multiplier: 0 } },
      { retry: { initialDelayMs: -1 } },
      { pollIntervalMs: Number.NaN },
      { dedupeWindow: 0 },
      { watermark: 'x' },
      { mode: 'push' as never },
    ];
    for (const options of bad) {
      expect(() => alice.inbox.watch(options), JSON.stringify(options)).toThrow(
        expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' }) as EwsError,
      );
    }
  });

  it('backs off exponentially up to the cap', () => {
    const policy = resolveReconnectPolicy({ initialDelayMs: 100, maxDelayMs: 1_000, multiplier: 3 });
    expect([1, 2, 3, 4].map((n) => reconnectDelay(policy, n))).toEqual([100, 300, 900, 1_000]);
  });
});
