import { EwsError } from '@ews/core';
import { describe, expect, it } from 'vitest';
import type { Account, PollOptions } from '../src/index.js';
import { useHarness } from './helpers/harness.js';

/*
 * Issue 16: one name per concept at every layer. The pause between GetEvents polls is
 * `pollIntervalMs` in WatchOptions and in PollOptions (which called it `intervalMs`; that spelling
 * stays, deprecated). Both spellings give the same polling; both with different values is refused.
 */

let alice: Account;
const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
});

/** GetEvents calls made in `ms` while polling an idle subscription with `options`. */
async function pollsIn(ms: number, options: PollOptions): Promise<number> {
  const subscription = await alice.inbox.subscribeToPull({ events: ['NewMailEvent'] });
  const before = harness.operations.length;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  for await (const _event of subscription.events({ ...options, signal: controller.signal })) {
    // An idle subscription has nothing to hand out.
  }
  clearTimeout(timer);
  const polls = harness.operations.slice(before).filter((operation) => operation === 'GetEvents').length;
  await subscription.unsubscribe();
  return polls;
}

describe('PollOptions.pollIntervalMs (deprecated spelling intervalMs)', () => {
  it.each([
    ['pollIntervalMs', { pollIntervalMs: 0 }],
    ['intervalMs (deprecated)', { intervalMs: 0 }],
    ['both, the same value', { pollIntervalMs: 0, intervalMs: 0 }],
  ] as const)('%s: 0 polls again at once (the 10 s default would poll once)', async (_name, options) => {
    expect(await pollsIn(300, options)).toBeGreaterThan(2);
  });

  it('either spelling of a long pause polls once', async () => {
    expect(await pollsIn(300, { pollIntervalMs: 60_000 })).toBe(1);
    expect(await pollsIn(300, { intervalMs: 60_000 })).toBe(1);
  });

  it('both spellings with different values are refused before anything is sent', async () => {
    const subscription = await alice.inbox.subscribeToPull({ events: ['NewMailEvent'] });
    const before = harness.operations.length;
    const outcome = await subscription
      .events({ pollIntervalMs: 0, intervalMs: 1_000 })
      .next()
      .catch((error: unknown) => error);
    expect(EwsError.isInstance(outcome) && outcome.code).toBe('EWS_INVALID_ARGUMENT');
    expect(String(outcome)).toMatch(/pollIntervalMs or intervalMs/);
    expect(harness.operations.slice(before)).toEqual([]);
    await subscription.unsubscribe();
  });

  it('a bad value is refused under the name it was given', async () => {
    const subscription = await alice.inbox.subscribeToPull({ events: ['NewMailEvent'] });
    await expect(subscription.events({ intervalMs: -1 }).next()).rejects.toThrow(/intervalMs/);
    await expect(subscription.events({ pollIntervalMs: -1 }).next()).rejects.toThrow(/pollIntervalMs/);
    await subscription.unsubscribe();
  });
});
