import type { ConnectionInfo, EwsHttpRequest, EwsHttpResponse } from '../pipeline/http.js';

/**
 * A leased single connection: every request sent through it uses the same socket
 * until the server closes it. Connection-bound auth (NTLM, Negotiate) runs its
 * handshake and the requests it authorizes on one lease.
 */
export interface ConnectionLease {
  /** The current socket, or undefined before the first request. */
  readonly connection: ConnectionInfo | undefined;
  send(request: EwsHttpRequest): Promise<EwsHttpResponse>;
  /** Returns the lease to the pool; `broken` drops it (its socket state is unknown). */
  release(broken?: boolean): void;
}

/** The innermost step of the pipeline: puts bytes on the wire. */
export interface Transport {
  send(request: EwsHttpRequest): Promise<EwsHttpResponse>;
  /** Leases one connection to an origin from a pool of dedicated connections. */
  lease(origin: URL, signal: AbortSignal): Promise<ConnectionLease>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
  /**
   * Tells `listener` of every socket of this transport that closes, once per socket and
   * synchronously from its `close` event, until the function returned is called. EwsClient
   * subscribes its auth strategy (`AuthStrategy.onConnectionClosed`) with it, so a
   * connection-bound scheme (NTLM, Negotiate) forgets a socket's handshake when the socket goes.
   * Optional: a transport without it cannot be combined with a strategy that keeps per-socket
   * state (EwsClient refuses that pair with EWS_INVALID_ARGUMENT). Ids must be those the
   * transport reported in `ConnectionInfo` (responses and leases).
   */
  addConnectionClosedListener?(listener: (connection: ConnectionInfo) => void): () => void;
}
