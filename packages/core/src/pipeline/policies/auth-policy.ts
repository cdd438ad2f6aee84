import { describeOfferedSchemes, offeredSchemes } from '../../auth/offered-schemes.js';
import type {
  AuthContext,
  AuthHeaders,
  AuthRequest,
  AuthStrategy,
  SendSideRequest,
  SideRequest,
} from '../../auth/strategy.js';
import { parseWwwAuthenticate } from '../../auth/www-authenticate.js';
import { EwsAuthError, EwsInvalidArgumentError } from '../../errors/error-classes.js';
import type { Logger } from '../../logging/logger.js';
import { positiveInteger } from '../../options/numeric-options.js';
import type { ConnectionLease, Transport } from '../../transport/transport.js';
import {
  type ConnectionInfo,
  type EwsHttpRequest,
  type EwsHttpResponse,
  headerValues,
  withHeaders,
} from '../http.js';
import type { Policy, SendNext } from '../policy.js';
import { loggingPolicy } from './logging-policy.js';

export const AUTH_POLICY_NAME = 'auth';

/** The operation name side requests carry in logs and errors. */
export const SIDE_REQUEST_OPERATION = 'AuthSideRequest';

/** The most bytes of a side request's answer read (a token endpoint answers a few KiB). */
export const DEFAULT_SIDE_RESPONSE_BYTES = 1024 * 1024;

/**
 * 401 answers a single call may answer before giving up. NTLM needs 1 (plus a restart
 * after a dropped connection), Digest 1 (2 with `stale=true`): 3 leaves room for that
 * and still ends a wrong password after a handful of requests, never a retry storm.
 */
export const DEFAULT_MAX_AUTH_ROUNDS = 3;

export interface AuthPolicyOptions {
  readonly strategy: AuthStrategy;
  /** Leases connections for connection-bound schemes and carries side requests. */
  readonly transport: Transport;
  readonly logger: Logger;
  /** Allows schemes that send a replayable secret (Basic) over plain http. Off by default. */
  readonly allowInsecureHttp?: boolean | undefined;
  readonly maxRounds?: number | undefined;
}

/**
 * Runs an AuthStrategy around every exchange: `authorize` before sending, `onChallenge`
 * on each 401 (bounded), `onSuccess` on the final answer. For connection-bound schemes
 * it leases one connection so the handshake and the request it authorizes share a socket.
 */
export function authPolicy(options: AuthPolicyOptions): Policy {
  const { strategy, transport, logger } = options;
  const maxRounds = positiveInteger('maxRounds', options.maxRounds ?? DEFAULT_MAX_AUTH_ROUNDS, { max: 100 });

  // Side requests (token endpoints) take the client's transport (proxy, TLS, user agent) and are
  // logged like every exchange (credentials redacted), but carry no auth and no retry of their own.
  const sideLog = loggingPolicy({ logger });
  const sideRequest =
    (signal: AbortSignal): SendSideRequest =>
    (request: SideRequest): Promise<EwsHttpResponse> =>
      sideLog.send(
        {
          url: request.url,
          method: request.method,
          headers: lowerCaseKeys(request.headers ?? {}),
          body: request.body,
          operation: SIDE_REQUEST_OPERATION,
          signal: request.signal ?? signal,
          maxResponseBytes: request.maxResponseBytes ?? DEFAULT_SIDE_RESPONSE_BYTES,
        },
        (wire) => transport.send(wire),
      );

  const contextFor = (
    request: EwsHttpRequest,
    round: number,
    connection: ConnectionInfo | undefined,
  ): AuthContext => ({
    signal: request.signal,
    logger,
    connection,
    round,
    sideRequest: sideRequest(request.signal),
  });

  return {
    name: AUTH_POLICY_NAME,
    async send(request: EwsHttpRequest, next: SendNext): Promise<EwsHttpResponse> {
      if (strategy.sendsReusableSecret && request.url.protocol === 'http:' && !options.allowInsecureHttp) {
        throw new EwsInvalidArgumentError(
          `${strategy.scheme} authentication sends a reusable password; refusing to send it over plain http to ${request.url.host}. ` +
            'Use https, or set allowInsecureHttp: true for a test server.',
          { operation: request.operation },
        );
      }
      if (strategy.binding === 'request') return exchange(request, next, undefined);

      const lease = await transport.lease(new URL(request.url.origin), request.signal);
      let broken = true;
      let releasedByBody = false;
      try {
        const response = await exchange({ ...request, lease }, next, lease.connection);
        broken = false;
        if (response.bodyStream === undefined) return response;
        // A streamed body still arrives on the leased connection: it goes back to the pool
        // only once the body has been read (broken if it was not read to the end).
        releasedByBody = true;
        return { ...response, bodyStream: releaseAfterBody(response.bodyStream, lease) };
      } finally {
        if (!releasedByBody) lease.release(broken);
      }
    },
  };

  async function exchange(
    request: EwsHttpRequest,
    next: SendNext,
    initialConnection: ConnectionInfo | undefined,
  ): Promise<EwsHttpResponse> {
    const authRequest = toAuthRequest(request);
    let round = 0;
    let sent = 0; // requests this call put on the wire, for the error
    let headers: AuthHeaders | undefined = await strategy.authorize(
      authRequest,
      contextFor(request, round, initialConnection),
    );
    for (;;) {
      sent += 1;
      const response = await next(headers ? withHeaders(request, headers) : request);
      if (response.status !== 401) {
        await strategy.onSuccess?.(response, contextFor(request, round, response.connection));
        return response;
      }
      if (round >= maxRounds || !strategy.onChallenge) throw rejected(request, response, sent);
      round += 1;
      headers = await strategy.onChallenge(
        {
          request: authRequest,
          response,
          challenges: parseWwwAuthenticate(headerValues(response, 'www-authenticate')),
        },
        contextFor(request, round, response.connection),
      );
      if (!headers) throw rejected(request, response, sent);
    }
  }

  function rejected(request: EwsHttpRequest, response: EwsHttpResponse, sent: number): EwsAuthError {
    const offered = offeredSchemes(response.headers);
    return new EwsAuthError(
      `The server at ${request.url.host} refused ${strategy.scheme} authentication after ${sent} ` +
        `request(s); it offers: ${describeOfferedSchemes(offered)}.`,
      { offeredSchemes: offered, attemptedScheme: strategy.scheme, operation: request.operation },
    );
  }
}

function toAuthRequest(request: EwsHttpRequest): AuthRequest {
  return {
    url: request.url,
    method: request.method,
    headers: request.headers,
    body: request.body,
    operation: request.operation,
  };
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}

/** Yields the body, then releases the lease: healthy after the last chunk, broken otherwise. */
async function* releaseAfterBody(
  body: AsyncIterable<Uint8Array>,
  lease: Pick<ConnectionLease, 'release'>,
): AsyncGenerator<Uint8Array, void, undefined> {
  let broken = true;
  try {
    yield* body;
    broken = false;
  } finally {
    lease.release(broken);
  }
}
