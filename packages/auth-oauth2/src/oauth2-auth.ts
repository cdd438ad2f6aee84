import {
  type AccessToken,
  AUTH_SPEC_VERSION,
  type AuthChallenge,
  type AuthContext,
  type AuthHeaders,
  type AuthRequest,
  type AuthStrategy,
  createBearerAuth,
  type GetAccessToken,
} from '@ews/core';

/** What every OAuth2 credential in this package offers. */
export interface OAuth2TokenCredential {
  /**
   * A token for the configured scopes, from MSAL's cache or the identity provider. With
   * `sideRequest` (an EwsClient's, as its calls pass it), identity requests go through that client.
   */
  getToken(options: Parameters<GetAccessToken>[0]): Promise<AccessToken>;
  /** An auth strategy for `new EwsClient({ auth })`. */
  toAuthStrategy(): AuthStrategy;
}

export interface OAuth2StrategyOptions {
  readonly getToken: GetAccessToken;
  readonly refreshBeforeExpiryMs?: number | undefined;
  /** The mailbox to route to when the request names none. */
  readonly anchorMailbox: () => string | undefined;
}

/**
 * Core's Bearer strategy (token cache, refresh before expiry, one shared refresh, one retry
 * after a 401) plus the `X-AnchorMailbox` Exchange Online uses to route a request to the
 * mailbox's server. Requests that carry their own anchor (impersonation) keep it.
 */
class OAuth2Auth implements AuthStrategy {
  readonly specVersion = AUTH_SPEC_VERSION;
  readonly scheme = 'Bearer';
  readonly binding = 'request';
  readonly sendsReusableSecret = true;
  readonly #bearer: AuthStrategy;
  readonly #anchorMailbox: () => string | undefined;

  constructor(options: OAuth2StrategyOptions) {
    this.#bearer = createBearerAuth({
      getToken: options.getToken,
      ...(options.refreshBeforeExpiryMs === undefined
        ? {}
        : { refreshBeforeExpiryMs: options.refreshBeforeExpiryMs }),
    });
    this.#anchorMailbox = options.anchorMailbox;
  }

  async authorize(request: AuthRequest, context: AuthContext): Promise<AuthHeaders | undefined> {
    return this.#withAnchor(request, await this.#bearer.authorize(request, context));
  }

  async onChallenge(challenge: AuthChallenge, context: AuthContext): Promise<AuthHeaders | undefined> {
    return this.#withAnchor(challenge.request, await this.#bearer.onChallenge?.(challenge, context));
  }

  async dispose(): Promise<void> {
    await this.#bearer.dispose?.();
  }

  toJSON(): Record<string, string> {
    return { specVersion: this.specVersion, scheme: this.scheme, plugin: '@ews/auth-oauth2' };
  }

  #withAnchor(request: AuthRequest, headers: AuthHeaders | undefined): AuthHeaders | undefined {
    if (headers === undefined) return undefined;
    const hasAnchor = Object.keys(request.headers).some((name) => name.toLowerCase() === 'x-anchormailbox');
    const anchor = hasAnchor ? undefined : this.#anchorMailbox();
    return anchor === undefined ? headers : { ...headers, 'x-anchormailbox': anchor };
  }
}

/** Makes the Bearer strategy of an OAuth2 credential. */
export function createOAuth2Strategy(options: OAuth2StrategyOptions): AuthStrategy {
  return new OAuth2Auth(options);
}

/** `createOAuth2Auth(credentials)` is `credentials.toAuthStrategy()`, for those who prefer factories. */
export function createOAuth2Auth(credentials: OAuth2TokenCredential): AuthStrategy {
  return credentials.toAuthStrategy();
}
