import type { AccessToken, AuthStrategy, GetAccessToken } from '@ews/core';
import { EwsInvalidArgumentError, integerInRange } from '@ews/core';
import type { OAuth2CommonOptions } from './common-options.js';
import { publicFlow, silentFirst } from './delegated-flow.js';
import { delegatedStrategy } from './delegated-strategy.js';
import type { OAuth2TokenCredential } from './oauth2-auth.js';
import { MsalTokenSource } from './token-source.js';
import { optionalString, requireObject, requireString } from './validate.js';

export interface OAuth2InteractiveOptions extends OAuth2CommonOptions {
  /**
   * Opens the sign-in page (e.g. with the `open` package). MSAL listens on a loopback
   * redirect (`http://localhost:<port>`) for the answer; register that redirect URI.
   */
  readonly openBrowser: (url: string) => Promise<void>;
  /** Prefills the sign-in page, and picks this account from a persisted cache. */
  readonly loginHint?: string | undefined;
  /** A fixed loopback port, when the app registration needs an exact redirect URI. */
  readonly preferredPort?: number | undefined;
  /** HTML the browser shows after sign-in. */
  readonly successTemplate?: string | undefined;
  readonly errorTemplate?: string | undefined;
}

/** Delegated sign-in in the user's browser with PKCE, for desktop apps and CLIs. */
export class OAuth2InteractiveCredentials implements OAuth2TokenCredential {
  readonly clientId: string;
  readonly tenantId: string | undefined;
  readonly scopes: readonly string[];
  readonly #options: OAuth2InteractiveOptions;
  readonly #source: MsalTokenSource;

  constructor(options: OAuth2InteractiveOptions) {
    const fields = requireObject(options, 'OAuth2InteractiveCredentials');
    this.clientId = requireString(fields.clientId, 'clientId');
    this.tenantId = fields.tenantId;
    const loginHint = optionalString(fields.loginHint, 'loginHint');
    // A TCP port; 0 or NaN would not be the exact redirect URI the app registration names.
    if (fields.preferredPort !== undefined) integerInRange('preferredPort', fields.preferredPort, 1, 65_535);
    if (typeof fields.openBrowser !== 'function') {
      throw new EwsInvalidArgumentError('OAuth2InteractiveCredentials needs an openBrowser callback');
    }
    const flow = publicFlow(fields);
    this.scopes = flow.scopes;
    this.#options = fields;
    const signIn = () =>
      flow.app.acquireTokenInteractive({
        scopes: flow.scopes,
        openBrowser: (url) => fields.openBrowser(url),
        ...(loginHint === undefined ? {} : { loginHint }),
        ...(fields.preferredPort === undefined ? {} : { preferredPort: fields.preferredPort }),
        ...(fields.successTemplate === undefined ? {} : { successTemplate: fields.successTemplate }),
        ...(fields.errorTemplate === undefined ? {} : { errorTemplate: fields.errorTemplate }),
      });
    this.#source = new MsalTokenSource(
      silentFirst(flow, signIn, { username: loginHint, canSignInAgain: true }),
      [],
    );
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
