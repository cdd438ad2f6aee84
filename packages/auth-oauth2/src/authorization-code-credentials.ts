import type { AccessToken, AuthStrategy, GetAccessToken } from '@ews/core';
import { EwsAuthError, EwsInvalidArgumentError, nonNegativeInteger } from '@ews/core';
import type { ConfidentialClientOptions } from './client-authentication.js';
import type { OAuth2CommonOptions } from './common-options.js';
import { delegatedFlow, silentFirst } from './delegated-flow.js';
import { delegatedStrategy } from './delegated-strategy.js';
import type { OAuth2TokenCredential } from './oauth2-auth.js';
import { MsalTokenSource, type TokenAnswer } from './token-source.js';
import { optionalString, requireObject, requireString } from './validate.js';

export interface OAuth2AuthorizationCodeOptions extends OAuth2CommonOptions, ConfidentialClientOptions {
  /** A code your redirect handler received; it is redeemed once. Needs `redirectUri`. */
  readonly authorizationCode?: string | undefined;
  /** The redirect URI the code was issued for. */
  readonly redirectUri?: string | undefined;
  /** The PKCE verifier, when the authorization request carried a code challenge. */
  readonly codeVerifier?: string | undefined;
  /** A token you already hold (used until it is due, then `refreshToken` takes over). */
  readonly accessToken?: string | undefined;
  readonly expiresOnTimestamp?: number | undefined;
  /** A refresh token from an earlier sign-in. */
  readonly refreshToken?: string | undefined;
}

/** The last epoch millisecond a Date can hold. */
const MAX_DATE_MS = 8.64e15;

/**
 * Delegated access from the authorization code flow, exchangelib's
 * `OAuth2AuthorizationCodeCredentials`: start from a code, or from tokens saved earlier.
 * Later tokens come from MSAL's refresh token; the code itself is used once.
 */
export class OAuth2AuthorizationCodeCredentials implements OAuth2TokenCredential {
  readonly clientId: string;
  readonly tenantId: string | undefined;
  readonly scopes: readonly string[];
  readonly #options: OAuth2AuthorizationCodeOptions;
  readonly #source: MsalTokenSource;

  constructor(options: OAuth2AuthorizationCodeOptions) {
    const fields = requireObject(options, 'OAuth2AuthorizationCodeCredentials');
    this.clientId = requireString(fields.clientId, 'clientId');
    this.tenantId = optionalString(fields.tenantId, 'tenantId');
    const code = optionalString(fields.authorizationCode, 'authorizationCode');
    const redirectUri = optionalString(fields.redirectUri, 'redirectUri');
    let accessToken = optionalString(fields.accessToken, 'accessToken');
    let refreshToken = optionalString(fields.refreshToken, 'refreshToken');
    if (code === undefined && refreshToken === undefined && accessToken === undefined) {
      throw new EwsInvalidArgumentError(
        'OAuth2AuthorizationCodeCredentials needs authorizationCode, refreshToken or accessToken',
      );
    }
    if (code !== undefined && redirectUri === undefined) {
      throw new EwsInvalidArgumentError('authorizationCode needs the redirectUri it was issued for');
    }
    // Epoch milliseconds of a real date: NaN or a value past Date's range would be an Invalid Date.
    if (fields.expiresOnTimestamp !== undefined)
      nonNegativeInteger('expiresOnTimestamp', fields.expiresOnTimestamp, { max: MAX_DATE_MS });
    const flow = delegatedFlow(fields);
    this.scopes = flow.scopes;
    this.#options = fields;
    let pendingCode = code;
    const secrets = [
      ...(flow.client?.secrets ?? []),
      ...[code, accessToken, refreshToken, fields.codeVerifier].filter((value) => value !== undefined),
    ];
    const signIn = async (): Promise<TokenAnswer | null> => {
      if (accessToken !== undefined) {
        const answer = {
          accessToken,
          expiresOn: fields.expiresOnTimestamp === undefined ? null : new Date(fields.expiresOnTimestamp),
          account: null,
        };
        accessToken = undefined;
        return answer;
      }
      if (refreshToken !== undefined) {
        const token = refreshToken;
        refreshToken = undefined;
        return flow.app.acquireTokenByRefreshToken({
          refreshToken: token,
          scopes: flow.scopes,
          forceCache: true,
        });
      }
      if (pendingCode !== undefined && redirectUri !== undefined) {
        const once = pendingCode;
        pendingCode = undefined; // like exchangelib: a code is redeemed at most once
        return flow.app.acquireTokenByCode({
          code: once,
          redirectUri,
          scopes: flow.scopes,
          ...(fields.codeVerifier === undefined ? {} : { codeVerifier: fields.codeVerifier }),
        });
      }
      throw new EwsAuthError(
        'The authorization code and refresh token are used up: the user must sign in again',
        {
          attemptedScheme: 'Bearer',
        },
      );
    };
    this.#source = new MsalTokenSource(silentFirst(flow, signIn, { canSignInAgain: false }), secrets);
  }

  getToken(options: Parameters<GetAccessToken>[0]): Promise<AccessToken> {
    return this.#source.getToken(options);
  }

  toAuthStrategy(): AuthStrategy {
    return delegatedStrategy(this.#source, this.#options);
  }

  toJSON(): Record<string, unknown> {
    return { clientId: this.clientId, tenantId: this.tenantId, scopes: this.scopes };
  }
}
