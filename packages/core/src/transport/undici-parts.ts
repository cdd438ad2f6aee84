import { createRequire } from 'node:module';
import type { buildConnector as BuildConnector, Client as UndiciClient } from 'undici';

/** The two parts of undici the transport uses. */
export interface UndiciParts {
  readonly Client: typeof UndiciClient;
  readonly buildConnector: typeof BuildConnector;
}

/**
 * Where those parts live inside undici. Its index loads everything it offers (fetch, WebSocket,
 * EventSource, caches, mocks, proxies): about 60% of what importing it costs, none of which the
 * transport uses (we only dispatch through a Client). undici publishes no exports map, so the
 * files are reachable, but their paths are not its documented API.
 */
export const UNDICI_PART_PATHS = {
  Client: 'undici/lib/dispatcher/client.js',
  buildConnector: 'undici/lib/core/connect.js',
} as const;

/**
 * The parts from their own files; when a release of undici moves or reshapes them, from its index
 * instead: the same classes, only a slower start (issue 16's cold-import measure).
 */
export function loadUndiciParts(load: (specifier: string) => unknown): UndiciParts {
  try {
    const Client = load(UNDICI_PART_PATHS.Client);
    const buildConnector = load(UNDICI_PART_PATHS.buildConnector);
    if (typeof Client === 'function' && typeof buildConnector === 'function') {
      return {
        Client: Client as typeof UndiciClient,
        buildConnector: buildConnector as typeof BuildConnector,
      };
    }
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'MODULE_NOT_FOUND') throw error;
  }
  return load('undici') as UndiciParts;
}

const undici = loadUndiciParts(createRequire(import.meta.url));

export const Client: typeof UndiciClient = undici.Client;
export const buildConnector: typeof BuildConnector = undici.buildConnector;
