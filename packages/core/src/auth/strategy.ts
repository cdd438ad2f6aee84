import type { Logger } from '../logging/logger.js';
import type { ConnectionInfo, EwsHttpResponse } from '../pipeline/http.js';
import type { TlsOptions } from '../transport/tls-options.js';
import type { AuthChallengeParam } from './www-authenticate.js';

/** The version of the auth plugin contract. Core refuses strategies with another version. */
export const AUTH_SPEC_VERSION: 'ews.auth.v1' = 'ews.auth.v1';

/** Headers an auth strategy adds to a request (lower- or mixed-case names). */
export type AuthHeaders = Readonly<Record<string, string>>;

/**
 * What a strategy sees of the request it authorizes.
 *
 * **Identity rule.** Core makes ONE AuthRequest object per attempt of a call and hands that same
 * object to `authorize` and to every `onChallenge` of the attempt (`challenge.request`); a retry
 * or a new call gets a new object. Keep per-call state (a handshake phase, a nonce count, "already
 * retried once") in a `WeakMap`/`WeakSet` keyed by this object: it is unique to the call, it is
 * never shared by overlapping calls, and the entry goes away with the call. NTLM, Negotiate,
 * Digest, Bearer and the client's auth detection rely on it. Never key such state by URL,
 * operation or a field of the strategy: calls overlap.
 */
export interface AuthRequest {
  readonly url: URL;
  readonly method: 'POST' | 'GET';
  /** Lower-case names; the SOAP and routing headers the request goes out with (not the auth ones). */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The whole body, or `undefined` when the body is streamed in pieces (`sendStream` uploads):
   * a scheme that must sign the body refuses such a request (EwsUnsupportedError).
   */
  readonly body?: string | undefined;
  /** EWS operation name, e.g. `GetItem`. */
  readonly operation: string;
}

/** A 401 answer, with its `WWW-Authenticate` challenges parsed. */
export interface AuthChallenge {
  readonly request: AuthRequest;
  readonly response: EwsHttpResponse;
  /** Every challenge offered, in header order. */
  readonly challenges: readonly AuthChallengeParam[];
}

/** A request a strategy needs to make on the side, such as a token endpoint call. */
export interface SideRequest {
  readonly url: URL;
  readonly method: 'POST' | 'GET';
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly body?: string | undefined;
  /**
   * Replaces the call's signal, for work several calls share (one token refresh that outlives
   * the call that started it). Default: the signal of the call whose context made the request.
   */
  readonly signal?: AbortSignal | undefined;
  /** The most bytes of the answer read (then EWS_PROTOCOL). Default 1 MiB. */
  readonly maxResponseBytes?: number | undefined;
}

/**
 * Sends a side request through the client's transport (its proxy, TLS options such as a private
 * CA, user agent and dispatcher), logged at debug level with credentials redacted, without auth.
 */
export type SendSideRequest = (request: SideRequest) => Promise<EwsHttpResponse>;

/** What core hands a strategy on every call. */
export interface AuthContext {
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /**
   * The connection of this exchange, for connection-bound strategies. In `authorize` it is the
   * leased socket when it is already open (undefined for a new one); in `onChallenge` and
   * `onSuccess`, the socket the answer came on.
   */
  readonly connection: ConnectionInfo | undefined;
  /** How many 401 challenges this call has already answered. Core stops at its own bound. */
  readonly round: number;
  /** Sends a request through the client's transport (same proxy, TLS and user agent), without auth. */
  readonly sideRequest: SendSideRequest;
}

/**
 * An authentication scheme. Built-ins (Basic, Digest, Bearer, client certificate) and
 * plugins (NTLM, Negotiate, OAuth2) implement exactly this; make one with a factory
 * (`createBasicAuth(...)`) and pass the object to the client. The full contract, with the
 * rules below explained: docs/writing-an-auth-plugin.md.
 *
 * The flow core drives for every attempt of every call (a retry is a new attempt):
 * 1. `authorize` once, before the first send (pre-emptively when the scheme can);
 * 2. on each 401, `onChallenge` once with the same AuthRequest, returning headers to send the
 *    request again, or `undefined` (or an EwsAuthError) to give up; core stops after DEFAULT_MAX_AUTH_ROUNDS (3)
 *    rounds and throws an `EwsAuthError` naming the offered schemes;
 * 3. on the final non-401 answer, `onSuccess` once (mutual auth, or noting an authenticated socket).
 * Separately, `onConnectionClosed` whenever a socket of the client's transport closes
 * (through `Transport.addConnectionClosedListener`), and
 * `dispose` when the client closes. Calls overlap: several attempts may be between steps at once.
 *
 * Cancellation: `context.signal` aborts with the call; honour it in every await (core's
 * `raceAbort`/`throwIfAborted`). Errors: throw EwsError subclasses (EwsAuthError,
 * EwsInvalidArgumentError, EwsUnsupportedError), never with a secret in the message.
 */
export interface AuthStrategy {
  readonly specVersion: typeof AUTH_SPEC_VERSION;
  /** Scheme name as in `WWW-Authenticate` (`Basic`, `Digest`, `Bearer`, `NTLM`, `Negotiate`), or a label for TLS-only schemes. */
  readonly scheme: string;
  /**
   * `request`: any connection will do. `connection`: the handshake and the requests it
   * authorizes must share one socket; core leases a dedicated connection for it.
   */
  readonly binding: 'request' | 'connection';
  /** True when the scheme sends a replayable secret (Basic): core refuses plain http unless allowed. */
  readonly sendsReusableSecret?: boolean | undefined;
  /** TLS material this scheme contributes to the connections (client certificates). */
  readonly tls?: TlsOptions | undefined;
  authorize(
    request: AuthRequest,
    context: AuthContext,
  ): AuthHeaders | undefined | Promise<AuthHeaders | undefined>;
  onChallenge?(
    challenge: AuthChallenge,
    context: AuthContext,
  ): AuthHeaders | undefined | Promise<AuthHeaders | undefined>;
  onSuccess?(response: EwsHttpResponse, context: AuthContext): void | Promise<void>;
  /**
   * A socket of the client's transport has closed: forget every state kept for it (NTLM: that it
   * completed a handshake). Core calls it once per socket, for every socket of the transport (also
   * ones this strategy never saw), synchronously from the socket's `close` event; it must be cheap
   * and must not throw (a throw is swallowed). EwsClient subscribes it through
   * `Transport.addConnectionClosedListener`, and refuses (EWS_INVALID_ARGUMENT) a Transport of
   * yours that lacks that method, since this strategy's per-socket state would then only grow.
   * Implement `trackedConnections` with it (the conformance kit requires the pair).
   */
  onConnectionClosed?(connection: ConnectionInfo): void;
  /**
   * How many sockets this strategy holds state for; required beside `onConnectionClosed`. Once
   * every socket it saw has been reported closed, this is 0 (the conformance kit checks it).
   */
  trackedConnections?(): number;
  /** Releases timers or caches the strategy holds. */
  dispose?(): void | Promise<void>;
}

/** True for objects that implement this version of the auth contract. */
export function isAuthStrategy(value: unknown): value is AuthStrategy {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<AuthStrategy>;
  return (
    candidate.specVersion === AUTH_SPEC_VERSION &&
    typeof candidate.scheme === 'string' &&
    (candidate.binding === 'request' || candidate.binding === 'connection') &&
    typeof candidate.authorize === 'function'
  );
}
