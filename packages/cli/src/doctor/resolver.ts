import { lookup, Resolver } from 'node:dns/promises';
import { raceAbort } from '@ews/core';
import type { DoctorAddress, DoctorResolver, DoctorSrvRecord } from './types.js';

/** DNS answers that mean "no such record", not "the lookup failed". */
const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);

/**
 * The system's resolver: `dns.lookup` (hosts file, then DNS, as connections do) for addresses,
 * a c-ares query for SRV, both ended by the signal.
 */
export function systemResolver(): DoctorResolver {
  return {
    async lookup(host, { signal }): Promise<readonly DoctorAddress[]> {
      // getaddrinfo cannot be cancelled: the race ends the wait, the lookup finishes unheard.
      const found = await raceAbort(lookup(host, { all: true }), signal);
      return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
    },
    async resolveSrv(name, { signal }): Promise<readonly DoctorSrvRecord[]> {
      const resolver = new Resolver({ timeout: 2_000, tries: 1 });
      const cancel = () => resolver.cancel();
      signal.addEventListener('abort', cancel, { once: true });
      try {
        return await raceAbort(resolver.resolveSrv(name), signal);
      } catch (error) {
        if (isCode(error, NO_RECORD)) return [];
        throw error;
      } finally {
        signal.removeEventListener('abort', cancel);
      }
    },
  };
}

function isCode(error: unknown, codes: ReadonlySet<string>): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    codes.has(error.code)
  );
}
