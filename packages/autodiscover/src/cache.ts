import { positiveInteger } from '@ews/core';
import { MAX_URL_LENGTH } from './limits.js';
import type { AutodiscoverProtocol } from './protocol.js';

/** What is cached per domain: the Autodiscover endpoint that answered, not the user's settings. */
export interface CachedEndpoint {
  readonly url: string;
  readonly protocol: AutodiscoverProtocol;
  /** Epoch milliseconds after which the entry is ignored (checked on read, whatever the store). */
  readonly expiresAt: number;
}

/**
 * A cache store. Methods may be sync or async, so a file, Redis or database store fits.
 * Entries read back are treated as untrusted input: they are validated and must pass the
 * redirect policy before any credentials are sent to them.
 */
export interface AutodiscoverCache {
  get(key: string): CachedEndpoint | undefined | Promise<CachedEndpoint | undefined>;
  set(key: string, value: CachedEndpoint): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

export interface MemoryCacheOptions {
  /**
   * Entries kept at most; the oldest is dropped first. Default 1000. A whole number of at least 1:
   * 0, negatives and NaN (which once meant "never evict") are refused with EwsInvalidArgumentError.
   */
  readonly maxEntries?: number | undefined;
}

/** An in-memory store owned by one Autodiscover instance (there is no process-wide cache). */
export function createMemoryCache(options: MemoryCacheOptions = {}): AutodiscoverCache {
  const maxEntries = positiveInteger('maxEntries', options.maxEntries ?? 1000);
  const entries = new Map<string, CachedEndpoint>();
  return {
    get: (key) => entries.get(key),
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    delete(key) {
      entries.delete(key);
    },
  };
}

/**
 * Checks a value read from a store: the right shape, an https URL of at most MAX_URL_LENGTH
 * characters, a known protocol, not expired.
 */
export function readCachedEndpoint(value: unknown, now: number): CachedEndpoint | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { url, protocol, expiresAt } = value as Record<string, unknown>;
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return undefined;
  if (protocol !== 'soap' && protocol !== 'pox') return undefined;
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt) || expiresAt <= now) return undefined;
  try {
    if (new URL(url).protocol !== 'https:') return undefined;
  } catch {
    return undefined;
  }
  return { url, protocol, expiresAt };
}
