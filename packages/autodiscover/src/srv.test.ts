import { describe, expect, it } from 'vitest';
import { orderSrvRecords, parseSrvRecord, type SrvRecord } from './srv.js';

const record = (priority: number, weight: number, name: string, port = 443): SrvRecord => ({
  priority,
  weight,
  port,
  name,
});

/** A small deterministic generator, so the draw below is repeatable. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('orderSrvRecords (RFC 2782)', () => {
  it('tries lower priority values first, whatever the weights', () => {
    const ordered = orderSrvRecords(
      [record(20, 100, 'c'), record(10, 0, 'a'), record(10, 0, 'b'), record(30, 1, 'd')],
      () => 0.99,
    );
    expect(ordered.map((r) => r.priority)).toEqual([10, 10, 20, 30]);
  });

  it('draws within one priority in proportion to the weights', () => {
    const random = seeded(7);
    let heavyFirst = 0;
    const draws = 2_000;
    for (let i = 0; i < draws; i += 1) {
      if (orderSrvRecords([record(0, 1, 'light'), record(0, 3, 'heavy')], random)[0]?.name === 'heavy')
        heavyFirst += 1;
    }
    // RFC 2782 draws from [0, sum] inclusive: 0..1 land on light, 2..4 on heavy, so heavy leads 3/5 of the time.
    expect(heavyFirst / draws).toBeGreaterThan(0.55);
    expect(heavyFirst / draws).toBeLessThan(0.65);
  });

  it('follows the draw: a low number picks the first (zero-weight first) record', () => {
    expect(orderSrvRecords([record(0, 5, 'five'), record(0, 0, 'zero')], () => 0).map((r) => r.name)).toEqual(
      ['zero', 'five'],
    );
    expect(
      orderSrvRecords([record(0, 5, 'five'), record(0, 0, 'zero')], () => 0.99).map((r) => r.name),
    ).toEqual(['five', 'zero']);
  });

  it('drops "." targets (service not offered) and port 0', () => {
    expect(orderSrvRecords([record(0, 0, '.'), record(0, 0, 'x', 0), record(1, 0, 'ok')])).toEqual([
      record(1, 0, 'ok'),
    ]);
  });
});

describe('parseSrvRecord', () => {
  it('reads presentation form and rejects out-of-range numbers', () => {
    expect(parseSrvRecord('0 5 8443 ad.contoso.test.')).toEqual(record(0, 5, 'ad.contoso.test', 8443));
    expect(parseSrvRecord('0 5 70000 ad.contoso.test')).toBeUndefined();
    expect(parseSrvRecord('0 5 443')).toBeUndefined();
  });
});
