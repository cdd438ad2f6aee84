import { describe, expect, it } from 'vitest';
import { createMemoryCache, readCachedEndpoint } from './cache.js';

describe('memory cache', () => {
  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    for (const key of ['a', 'b', 'c'])
      await cache.set(key, { url: `https://${key}.test/`, protocol: 'soap', expiresAt: 10 });
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('c')).toMatchObject({ url: 'https://c.test/' });
  });
});

describe('readCachedEndpoint', () => {
  it('accepts only well-formed, unexpired https entries', () => {
    const good = {
      url: 'https://contoso.test/autodiscover/autodiscover.svc',
      protocol: 'soap',
      expiresAt: 2_000,
    };
    expect(readCachedEndpoint(good, 1_000)).toEqual(good);
    expect(readCachedEndpoint(good, 2_000)).toBeUndefined();
    expect(readCachedEndpoint({ ...good, url: 'http://contoso.test/' }, 1_000)).toBeUndefined();
    expect(readCachedEndpoint({ ...good, url: 'not a url' }, 1_000)).toBeUndefined();
    expect(readCachedEndpoint({ ...good, protocol: 'rest' }, 1_000)).toBeUndefined();
    expect(readCachedEndpoint({ ...good, expiresAt: '3000' }, 1_000)).toBeUndefined();
    expect(readCachedEndpoint(null, 1_000)).toBeUndefined();
  });
});
