import { EwsAbortError, EwsAuthError } from '../errors/error-classes.js';
import { raceAbort, throwIfAborted } from './abort.js';
import type { SendSideRequest } from './strategy.js';

/** What a token source returns. `expiresOnTimestamp` is milliseconds since the epoch. */
export interface AccessToken {
  readonly token: string;
  readonly expiresOnTimestamp?: number | undefined;
}

/**
 * A token source. `sideRequest` is the client's transport for the token endpoint call (its proxy,
 * TLS options, logger), present when an EwsClient call asked for the token and bound to the
 * refresh's own signal; a source that can route its HTTP through it should (see @ews/auth-oauth2).
 * The signal carries the call's deadline.
 */
export type GetAccessToken = (options: {
  readonly signal: AbortSignal;
  readonly sideRequest?: SendSideRequest | undefined;
}) => Promise<AccessToken>;

export interface TokenCyclerOptions {
  readonly getToken: GetAccessToken;
  /** Refresh this long before `expiresOnTimestamp`. */
  readonly refreshBeforeExpiryMs: number;
  /** Checks a token before it is cached (throws when unusable). */
  readonly validate: (token: AccessToken) => void;
  /** Clock, in milliseconds since the epoch (tests pass a fake one). */
  readonly now?: () => number;
}

export interface TokenCycler {
  /**
   * A token that is not about to expire; `force` fetches a new one even if the cached one looks
   * fine. `sideRequest` (the calling client's) is handed to the source if a refresh starts.
   */
  token(signal: AbortSignal, force?: boolean, sideRequest?: SendSideRequest): Promise<string>;
  /** Forgets the cached token. */
  clear(): void;
}

interface InFlight {
  readonly promise: Promise<AccessToken>;
  readonly controller: AbortController;
  waiters: number;
}

/**
 * Caches an access token and refreshes it before it expires. Concurrent callers share one
 * in-flight refresh; a caller's abort only abandons its own wait, and the refresh itself is
 * aborted once every waiter has gone. A failed refresh falls back to the cached token while
 * that is still valid, otherwise it surfaces as EwsAuthError (cause: the source's error).
 */
export function createTokenCycler(options: TokenCyclerOptions): TokenCycler {
  const now = options.now ?? Date.now;
  let cached: AccessToken | undefined;
  let inFlight: InFlight | undefined;

  const isUsable = (token: AccessToken | undefined, margin: number): token is AccessToken =>
    token !== undefined &&
    (token.expiresOnTimestamp === undefined || now() < token.expiresOnTimestamp - margin);

  function startRefresh(sideRequest: SendSideRequest | undefined): InFlight {
    const controller = new AbortController();
    // The refresh is shared by every waiter: its side requests follow the refresh's signal,
    // not the signal of the call that happened to start it.
    const side: SendSideRequest | undefined =
      sideRequest && ((request) => sideRequest({ ...request, signal: request.signal ?? controller.signal }));
    const promise = (async () => {
      const fresh = await options.getToken(
        side ? { signal: controller.signal, sideRequest: side } : { signal: controller.signal },
      );
      options.validate(fresh);
      cached = { token: fresh.token, expiresOnTimestamp: fresh.expiresOnTimestamp };
      return cached;
    })();
    const entry: InFlight = { promise, controller, waiters: 0 };
    const clearEntry = (): void => {
      if (inFlight === entry) inFlight = undefined;
    };
    promise.then(clearEntry, clearEntry);
    return entry;
  }

  async function waitFor(entry: InFlight, signal: AbortSignal): Promise<AccessToken> {
    entry.waiters += 1;
    try {
      return await raceAbort(entry.promise, signal);
    } finally {
      entry.waiters -= 1;
      if (entry.waiters === 0 && signal.aborted) entry.controller.abort(signal.reason);
    }
  }

  return {
    async token(signal: AbortSignal, force = false, sideRequest?: SendSideRequest): Promise<string> {
      throwIfAborted(signal);
      if (!force && isUsable(cached, options.refreshBeforeExpiryMs)) return cached.token;
      const previous = cached;
      inFlight ??= startRefresh(sideRequest);
      try {
        return (await waitFor(inFlight, signal)).token;
      } catch (error) {
        if (error instanceof EwsAbortError) throw error;
        // A token inside its refresh window is still valid: keep using it this time.
        if (!force && isUsable(previous, 0)) return previous.token;
        if (error instanceof EwsAuthError) throw error;
        throw new EwsAuthError('Could not get a Bearer access token: the token source failed', {
          cause: error,
          attemptedScheme: 'Bearer',
        });
      }
    },
    clear(): void {
      cached = undefined;
    },
  };
}
