import { describe, expect, it } from 'vitest';
import { EwsError } from '../../src/errors/ews-error.js';
import { backoffDelayMs } from '../../src/retry/backoff.js';
import { FAULT_TOLERANT_DEFAULTS, failFast, faultTolerant } from '../../src/retry/retry-policy-options.js';

describe('backoffDelayMs', () => {
  const base = { baseDelayMs: 100, maxDelayMs: 1_000 };

  it('picks uniformly within a window that doubles per retry up to the cap (full jitter)', () => {
    const windows = [1, 2, 3, 4, 5, 6].map((retry) =>
      backoffDelayMs({ ...base, retry, random: () => 0.999999 }),
    );
    expect(windows).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelayMs({ ...base, retry: 3, random: () => 0.5 })).toBe(200);
    expect(backoffDelayMs({ ...base, retry: 3, random: () => 0 })).toBe(0);
  });

  it("never goes below the server's request, even above the cap", () => {
    expect(backoffDelayMs({ ...base, retry: 1, random: () => 0.5, serverDelayMs: 300 })).toBe(300);
    expect(backoffDelayMs({ ...base, retry: 4, random: () => 0.5, serverDelayMs: 300 })).toBe(400);
    expect(backoffDelayMs({ ...base, retry: 1, random: () => 0, serverDelayMs: 30_000 })).toBe(30_000);
    expect(backoffDelayMs({ ...base, retry: 1, random: () => 0, serverDelayMs: 0.2 })).toBe(1);
  });

  it('survives a misbehaving random source', () => {
    expect(backoffDelayMs({ ...base, retry: 2, random: () => -3 })).toBe(0);
    expect(backoffDelayMs({ ...base, retry: 2, random: () => 7 })).toBe(200);
    expect(backoffDelayMs({ ...base, retry: 2, random: () => Number.NaN })).toBe(0);
  });
});

describe('retry policy options', () => {
  it('fail-fast is plain frozen data', () => {
    expect(failFast()).toEqual({ kind: 'fail-fast' });
    expect(Object.isFrozen(failFast())).toBe(true);
  });

  it('fault-tolerant fills in documented defaults', () => {
    expect(faultTolerant({ maxTotalWaitMs: 3_600_000 })).toEqual({
      kind: 'fault-tolerant',
      maxTotalWaitMs: 3_600_000,
      ...FAULT_TOLERANT_DEFAULTS,
    });
    expect(faultTolerant({ maxTotalWaitMs: 5, maxAttempts: Number.POSITIVE_INFINITY }).kind).toBe(
      'fault-tolerant',
    );
  });

  it.each([
    [{ maxTotalWaitMs: -1 }, /maxTotalWaitMs/],
    [
      { maxTotalWaitMs: Number.POSITIVE_INFINITY },
      /maxTotalWaitMs must be a finite number of milliseconds from 0 to 2147483647, got Infinity/,
    ],
    [{ maxTotalWaitMs: Number.NaN }, /maxTotalWaitMs/],
    [{ maxTotalWaitMs: 10, maxAttempts: 0 }, /maxAttempts/],
    [{ maxTotalWaitMs: 10, maxAttempts: 2.5 }, /whole number/],
    [{ maxTotalWaitMs: 10, baseDelayMs: 500, maxDelayMs: 100 }, /maxDelayMs/],
  ])('rejects %o', (options, message) => {
    let error: unknown;
    try {
      faultTolerant(options);
    } catch (caught) {
      error = caught;
    }
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_INVALID_ARGUMENT');
    expect(String(error)).toMatch(message);
  });
});
