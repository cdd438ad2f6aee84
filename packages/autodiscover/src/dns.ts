import { Resolver } from 'node:dns/promises';
import { MAX_TIMER_MS, positiveInteger } from '@ews/core';
import type { SrvRecord } from './srv.js';

/** Looks up SRV records; inject your own to test without DNS or to use a DNS-over-HTTPS client. */
export interface SrvResolver {
  /** Resolves to no records (not a rejection) when the name does not exist. */
  resolveSrv(name: string, options: { readonly signal: AbortSignal }): Promise<readonly SrvRecord[]>;
}

export interface SystemSrvResolverOptions {
  /** DNS servers to ask (`'10.0.0.53'`, `'[::1]:5353'`). Default: the system's. */
  readonly servers?: readonly string[] | undefined;
  /**
   * Per-query timeout in milliseconds (c-ares retries within it). Default: c-ares' own. A whole
   * number from 1 to 2^31 − 1: 0, negatives, fractions and NaN are refused (EwsInvalidArgumentError).
   */
  readonly timeoutMs?: number | undefined;
}

/** "No such name" and "no records of this type": an empty answer, not a failure. */
const NO_RECORDS = new Set(['ENOTFOUND', 'ENODATA', 'ENONAME', 'NXDOMAIN']);

/** The node:dns resolver, one Resolver per lookup so that aborting cancels only that lookup. */
export function systemSrvResolver(options: SystemSrvResolverOptions = {}): SrvResolver {
  if (options.timeoutMs !== undefined) positiveInteger('timeoutMs', options.timeoutMs, { max: MAX_TIMER_MS });
  return {
    async resolveSrv(name, { signal }) {
      signal.throwIfAborted();
      const resolver = new Resolver(
        options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs, tries: 2 },
      );
      if (options.servers !== undefined) resolver.setServers([...options.servers]);
      const cancel = (): void => resolver.cancel();
      signal.addEventListener('abort', cancel, { once: true });
      try {
        return await resolver.resolveSrv(name);
      } catch (error) {
        signal.throwIfAborted();
        if (NO_RECORDS.has((error as NodeJS.ErrnoException).code ?? '')) return [];
        throw error;
      } finally {
        signal.removeEventListener('abort', cancel);
      }
    },
  };
}
