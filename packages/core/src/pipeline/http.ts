import type { ConnectionLease } from '../transport/transport.js';

/** What the pipeline sends: one HTTP exchange with an EWS (or Autodiscover) endpoint. */
export interface EwsHttpRequest {
  readonly url: URL;
  readonly method: 'POST' | 'GET';
  /** Lower-case header names. Policies add to a copy; the caller's object is never mutated. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
  /** EWS operation name (`GetItem`, `CreateItem`…), used by retry tables and logs. */
  readonly operation: string;
  /** Aborts this exchange. Always present inside the pipeline. */
  readonly signal: AbortSignal;
  /** Per-attempt deadline for receiving the response headers, in milliseconds. */
  readonly headersTimeoutMs?: number | undefined;
  /** Per-attempt deadline between body chunks, in milliseconds. */
  readonly bodyTimeoutMs?: number | undefined;
  /**
   * A leased connection this exchange must use (set by the auth policy for
   * connection-bound schemes); the pipeline's last step sends through it.
   */
  readonly lease?: ConnectionLease | undefined;
  /** 1-based attempt number, set by the retry policy (logs report it). */
  readonly attempt?: number | undefined;
  /**
   * A body sent in pieces instead of `body` (large uploads, never held whole in memory). Called
   * once per attempt, so a re-send (retry, auth round) sends it again; a one-shot source throws
   * on the second call. Sent with chunked transfer encoding.
   */
  readonly bodyStream?: (() => AsyncIterable<Uint8Array>) | undefined;
  /** Hand a 2xx answer's body over as it arrives (`EwsHttpResponse.bodyStream`) instead of buffering it. */
  readonly streamResponse?: boolean | undefined;
  /**
   * The most bytes of an answer read whole (ReaderLimits.maxResponseBytes): the transport stops
   * reading past it and fails with EWS_PROTOCOL. Not applied to a streamed 2xx body. None if absent.
   */
  readonly maxResponseBytes?: number | undefined;
}

/** Identity of the TCP/TLS connection an exchange used (for connection-bound auth and tests). */
export interface ConnectionInfo {
  /**
   * Unique per socket within the process for core's transport (so a strategy shared by several
   * transports never confuses two sockets); a Transport of your own must not reuse an id either.
   */
  readonly id: number;
  /** DER bytes of the server's TLS certificate when the connection is TLS (RFC 5929 channel binding). */
  readonly peerCertificate?: Uint8Array | undefined;
}

export interface EwsHttpResponse {
  readonly status: number;
  /** Lower-case header names; repeated headers (e.g. several `www-authenticate`) are arrays. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: string;
  /**
   * Set when the request asked for `streamResponse` and the status is 2xx: the body as it
   * arrives, to be read once (`body` is then empty). Not reading it to the end stops the exchange.
   */
  readonly bodyStream?: AsyncIterable<Uint8Array> | undefined;
  /** The connection the response arrived on, when the transport can tell. */
  readonly connection?: ConnectionInfo | undefined;
  /**
   * Masks, in text quoted from this response, the secrets its request carried (the
   * Authorization value, a Basic password, cookies), for pages that echo them. Set by the
   * client's last pipeline step; error builders apply it to every text they keep.
   */
  readonly redact?: ((text: string) => string) | undefined;
}

/** Returns every value of a header, whatever shape the transport produced. */
export function headerValues(response: EwsHttpResponse, name: string): readonly string[] {
  const value = response.headers[name.toLowerCase()];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/** Returns a copy of the request with some fields replaced. */
export function withRequest(request: EwsHttpRequest, changes: Partial<EwsHttpRequest>): EwsHttpRequest {
  return { ...request, ...changes };
}

/** Returns a copy of the request with headers added (lower-cased) or replaced. */
export function withHeaders(
  request: EwsHttpRequest,
  headers: Readonly<Record<string, string>>,
): EwsHttpRequest {
  const merged: Record<string, string> = { ...request.headers };
  for (const [name, value] of Object.entries(headers)) merged[name.toLowerCase()] = value;
  return { ...request, headers: merged };
}
