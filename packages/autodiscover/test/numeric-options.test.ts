import { fileURLToPath } from 'node:url';
import { describeValue, EwsError, NO_DEADLINE } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { expectNumericProbe, numericInputsOf } from '../../../tools/numeric-options.mjs';
import { Autodiscover, createMemoryCache, systemSrvResolver } from '../src/index.js';

/*
 * Issue 12's numeric options, for @ews/autodiscover: every number the public API takes is checked
 * with @ews/core's rules (deadlineMs, positiveInteger…) when it is given; autodiscover no longer
 * keeps its own copy of them. Before, `createMemoryCache({ maxEntries: NaN })` never evicted (and
 * 0 or −1 were taken), and `systemSrvResolver({ timeoutMs })` took anything. The table must cover
 * every numeric input the TypeScript checker finds in src/index.ts.
 */

const MAX_TIMER_MS = 2_147_483_647;
const PROBES = [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1.5, -0.5, MAX_TIMER_MS + 1];

const count = (v: number) => Number.isSafeInteger(v) && v >= 1;
const countFrom0 = (v: number) => Number.isSafeInteger(v) && v >= 0;
const deadline = (v: number) => v === NO_DEADLINE || (Number.isFinite(v) && v > 0 && v <= MAX_TIMER_MS);
const timerInteger = (v: number) => Number.isSafeInteger(v) && v >= 1 && v <= MAX_TIMER_MS;

interface Row {
  readonly option: string;
  readonly accepts: (value: number) => boolean;
  readonly apply: (value: number) => unknown;
}

const discovery = (option: string, accepts: Row['accepts']): Row => ({
  option,
  accepts,
  apply: (value) => void new Autodiscover({ [option]: value }).close(),
});

const ROWS: Readonly<Record<string, Row>> = {
  'AutodiscoverOptions.cacheTtlMs': discovery('cacheTtlMs', count),
  'AutodiscoverOptions.maxRedirects': discovery('maxRedirects', countFrom0),
  'AutodiscoverOptions.maxResponseBytes': discovery('maxResponseBytes', count),
  'AutodiscoverOptions.stepTimeoutMs': discovery('stepTimeoutMs', deadline),
  'AutodiscoverOptions.timeoutMs': discovery('timeoutMs', deadline),
  'MemoryCacheOptions.maxEntries': {
    option: 'maxEntries',
    accepts: count,
    apply: (maxEntries) => createMemoryCache({ maxEntries }),
  },
  'SystemSrvResolverOptions.timeoutMs': {
    option: 'timeoutMs',
    accepts: timerInteger,
    apply: (timeoutMs) => systemSrvResolver({ timeoutMs }),
  },
};

/** The refusal every numeric check gives. */
const invalidArgument = (error: unknown) =>
  EwsError.isInstance(error) && error.code === 'EWS_INVALID_ARGUMENT';

describe('every numeric option of @ews/autodiscover', () => {
  it('the table has a row for every numeric input of the public API, and no other', () => {
    const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
    expect(Object.keys(ROWS).sort()).toEqual(numericInputsOf(entry, { ownOnly: true }));
  }, 60_000);

  for (const [key, row] of Object.entries(ROWS)) {
    it.each(PROBES)(`${key} = %s`, async (value) => {
      await expectNumericProbe(row, value, {
        isInvalidArgument: invalidArgument,
        describeValue,
        strict: true,
      });
    });
  }
});

describe('the memory cache keeps at most maxEntries', () => {
  it('drops the oldest entry past the limit', async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    const entry = {
      url: 'https://a.test/autodiscover/autodiscover.svc',
      protocol: 'soap' as const,
      expiresAt: 1,
    };
    for (const key of ['a', 'b', 'c']) await cache.set(key, entry);
    expect([await cache.get('a'), await cache.get('b'), await cache.get('c')].map(Boolean)).toEqual([
      false,
      true,
      true,
    ]);
  });
});
