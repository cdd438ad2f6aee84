import type { Dispatcher } from 'undici';
import type { Logger } from '../logging/logger.js';
import type { ConnectionInfo } from '../pipeline/http.js';
import type { TlsOptions } from './tls-options.js';

/** A proxy given with its credentials apart from the URL (they are never logged). */
export interface ProxyWithCredentials {
  readonly url: string | URL;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
}

/**
 * Where requests go through: a proxy URL, a proxy with credentials, `'env'` (read
 * HTTPS_PROXY/HTTP_PROXY/NO_PROXY from `env`), or `false` for direct connections.
 */
export type ProxyOption = string | URL | ProxyWithCredentials | 'env' | false;

export interface UndiciTransportOptions {
  /** Connections per origin (the keep-alive pool size and the lease limit). Default 8. */
  readonly connections?: number | undefined;
  /** How long an idle keep-alive socket stays open, in milliseconds. Default 4 s (undici's). */
  readonly keepAliveTimeoutMs?: number | undefined;
  /** Deadline for TCP connect plus TLS handshake (and proxy CONNECT), in milliseconds. Default 10 s. */
  readonly connectTimeoutMs?: number | undefined;
  /** Default deadline for the response headers; a request may override it. Default 120 s. */
  readonly headersTimeoutMs?: number | undefined;
  /** Default deadline between body chunks; a request may override it. Default 120 s. */
  readonly bodyTimeoutMs?: number | undefined;
  /** How long close() lets in-flight requests finish before destroying sockets. Default 1 s. */
  readonly closeGraceMs?: number | undefined;
  readonly tls?: TlsOptions | undefined;
  /** Default `'env'`. */
  readonly proxy?: ProxyOption | undefined;
  /** Environment read when `proxy` is `'env'`. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Sent when the request has no `user-agent` header. Default `ews-ts/<version> node/<version>`. */
  readonly userAgent?: string | undefined;
  /**
   * Your own undici dispatcher for `send()`: used as is and never closed by the
   * transport. Leases (connection-bound auth) still use dedicated clients built from
   * this transport's TLS and proxy options, because they need one known socket.
   */
  readonly dispatcher?: Dispatcher | undefined;
  /** Receives the insecure-TLS warning. Silent by default. */
  readonly logger?: Logger | undefined;
  /** Called when a socket opened by this transport closes (auth state bound to it is gone). */
  readonly onConnectionClosed?: ((info: ConnectionInfo) => void) | undefined;
}

/** The defaults, in one table. */
export const undiciTransportDefaults = {
  connections: 8,
  keepAliveTimeoutMs: 4_000,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 120_000,
  bodyTimeoutMs: 120_000,
  closeGraceMs: 1_000,
} as const;
