import { EwsAuthError, EwsInvalidArgumentError } from '../errors/error-classes.js';
import { nonNegativeDuration } from '../options/numeric-options.js';
import { throwIfAborted } from './abort.js';
import type { AuthChallenge, AuthContext, AuthHeaders, AuthRequest, AuthStrategy } from './strategy.js';
import { AUTH_SPEC_VERSION } from './strategy.js';
import {
  type AccessToken,
  createTokenCycler,
  type GetAccessToken,
  type TokenCycler,
} from './token-cycler.js';
import { requireCredentialString, requireOptionsObject } from './validate-credentials.js';

export type { AccessToken, GetAccessToken } from './token-cycler.js';

/** A fixed token (it cannot be refreshed, so a 401 ends the call). */
export interface StaticBearerAuthOptions {
  readonly token: string;
}

/** A token source, e.g. an MSAL or @azure/identity credential wrapped in a function. */
export interface RefreshingBearerAuthOptions {
  readonly getToken: GetAccessToken;
  /** Refresh this long before the token expires. Default 2 minutes. */
  readonly refreshBeforeExpiryMs?: number | undefined;
}

export type BearerAuthOptions = StaticBearerAuthOptions | RefreshingBearerAuthOptions;

export const DEFAULT_REFRESH_BEFORE_EXPIRY_MS = 2 * 60_000;

// RFC 6750 b64token: what may follow `Bearer ` in the header.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * OAuth2 Bearer (RFC 6750). With `getToken`, tokens are cached and refreshed before they
 * expire; on a 401 the strategy fetches a new token once and retries once.
 */
class BearerAuth implements AuthStrategy {
  readonly specVersion = AUTH_SPEC_VERSION;
  readonly scheme = 'Bearer';
  readonly binding = 'request';
  // A bearer token is as replayable as a password: keep it off plain http.
  readonly sendsReusableSecret = true;
  readonly #cycler: TokenCycler;
  readonly #canRefresh: boolean;
  readonly #retried = new WeakSet<AuthRequest>();

  constructor(cycler: TokenCycler, canRefresh: boolean) {
    this.#cycler = cycler;
    this.#canRefresh = canRefresh;
  }

  async authorize(request: AuthRequest, context: AuthContext): Promise<AuthHeaders> {
    throwIfAborted(context.signal);
    this.#retried.delete(request);
    return {
      authorization: `Bearer ${await this.#cycler.token(context.signal, false, context.sideRequest)}`,
    };
  }

  async onChallenge(challenge: AuthChallenge, context: AuthContext): Promise<AuthHeaders | undefined> {
    throwIfAborted(context.signal);
    const offersBearer = challenge.challenges.some((c) => c.scheme.toLowerCase() === 'bearer');
    if (!offersBearer || !this.#canRefresh || this.#retried.has(challenge.request)) return undefined;
    this.#retried.add(challenge.request);
    context.logger.debug('Bearer token refused; fetching a new one and retrying once');
    return { authorization: `Bearer ${await this.#cycler.token(context.signal, true, context.sideRequest)}` };
  }

  dispose(): void {
    this.#cycler.clear();
  }

  toJSON(): Record<string, string> {
    return { specVersion: this.specVersion, scheme: this.scheme };
  }
}

function validateToken(token: AccessToken): void {
  if (
    typeof token !== 'object' ||
    token === null ||
    typeof token.token !== 'string' ||
    !B64TOKEN.test(token.token)
  ) {
    throw new EwsAuthError('The token source returned no usable Bearer token (empty or not a b64token)', {
      attemptedScheme: 'Bearer',
    });
  }
  const expires = token.expiresOnTimestamp;
  if (expires !== undefined && (typeof expires !== 'number' || !Number.isFinite(expires))) {
    throw new EwsAuthError('The token source returned an invalid expiresOnTimestamp', {
      attemptedScheme: 'Bearer',
    });
  }
}

/** Creates a Bearer auth strategy. Throws EwsInvalidArgumentError for unusable options. */
export function createBearerAuth(options: BearerAuthOptions): AuthStrategy {
  const fields = requireOptionsObject(options, 'createBearerAuth');
  if ('token' in fields && 'getToken' in fields) {
    throw new EwsInvalidArgumentError('createBearerAuth() takes either token or getToken, not both');
  }
  if ('token' in fields) {
    const token = requireCredentialString(fields.token, 'token');
    if (!B64TOKEN.test(token)) throw new EwsInvalidArgumentError('token must be an RFC 6750 b64token');
    const cycler = createTokenCycler({
      getToken: async () => ({ token }),
      refreshBeforeExpiryMs: 0,
      validate: validateToken,
    });
    return new BearerAuth(cycler, false);
  }
  if (typeof fields.getToken !== 'function') {
    throw new EwsInvalidArgumentError('createBearerAuth() needs token (a string) or getToken (a function)');
  }
  const refreshBeforeExpiryMs = nonNegativeDuration(
    'refreshBeforeExpiryMs',
    fields.refreshBeforeExpiryMs ?? DEFAULT_REFRESH_BEFORE_EXPIRY_MS,
  );
  const cycler = createTokenCycler({
    getToken: fields.getToken as GetAccessToken,
    refreshBeforeExpiryMs,
    validate: validateToken,
  });
  return new BearerAuth(cycler, true);
}
