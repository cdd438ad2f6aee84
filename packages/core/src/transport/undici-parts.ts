import type { buildConnector as BuildConnector, Client as UndiciClient } from 'undici';
import connectFile from 'undici/lib/core/connect.js';
// Two files of undici, not its index (docs/decisions/0006-load-only-the-undici-we-use.md): the
// index loads everything undici offers (fetch, WebSocket, EventSource, caches, mocks, proxies),
// about 60% of what importing it costs, none of which the transport uses (it only dispatches
// through a Client). Static imports, so bundlers follow them as they followed `from 'undici'`.
// undici publishes no exports map, so the paths resolve; they are not its documented API, and a
// test checks they still hold the very classes its index exports.
import ClientFile from 'undici/lib/dispatcher/client.js';

/** The paths above, for the test that checks them against undici's index. */
export const UNDICI_PART_PATHS = {
  Client: 'undici/lib/dispatcher/client.js',
  buildConnector: 'undici/lib/core/connect.js',
} as const;

export const Client: typeof UndiciClient = ClientFile;
export const buildConnector: typeof BuildConnector = connectFile;
