/**
 * Socket ids, unique within the process rather than within one transport: a strategy is often
 * shared (the app hands the one it gave Autodiscover to its EwsClient, or to several clients),
 * and per-transport numbering would let one transport's socket 1 closing make the strategy forget
 * another transport's socket 1 (for Negotiate, mid-handshake). A counter, never reset; 2^53 ids.
 *
 * The counter lives under a registry symbol on `globalThis`, not in this module: core ships as
 * several bundles (the main entry and `@ews/core/testing`, each in ESM and CJS) and an app may load
 * two copies of core; a module-level counter would restart at 1 in each copy and their ids collide.
 */
const COUNTER_KEY = Symbol.for('@ews/core.connection-ids');

interface ConnectionIdCounter {
  last: number;
}

function sharedCounter(): ConnectionIdCounter {
  const holder = globalThis as { [COUNTER_KEY]?: ConnectionIdCounter };
  let found = holder[COUNTER_KEY];
  if (found === undefined) {
    found = { last: 0 };
    Object.defineProperty(holder, COUNTER_KEY, { value: found, enumerable: false });
  }
  return found;
}

const shared = sharedCounter();

/**
 * A new socket id, unique within the process: never handed out before, by this call or by core's
 * own transport (`createUndiciTransport`), whichever copy of `@ews/core` minted it. A custom
 * `Transport` numbers its sockets with it, so the `ConnectionInfo.id` it reports (on answers,
 * and to `addConnectionClosedListener` listeners) never names another transport's socket: auth
 * strategies shared by several transports key per-socket state by this id.
 *
 * @example
 * ```ts
 * // In a custom Transport: one id per socket, taken when the socket opens.
 * socket.once('connect', () => ids.set(socket, nextConnectionId()));
 * ```
 */
export function nextConnectionId(): number {
  shared.last += 1;
  return shared.last;
}
