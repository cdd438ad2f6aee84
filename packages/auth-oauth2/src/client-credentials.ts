import { ConfidentialClientApplication } from '@azure/msal-node';
import type { AccessToken, AuthStrategy, GetAccessToken } from '@ews/core';
import { EwsInvalidArgumentError } from '@ews/core';
import { type ConfidentialClientOptions, clientAuthentication } from './client-authentication.js';
import type { OAuth2CommonOptions } from './common-options.js';
import { EXCHANGE_APP_SCOPES } from './exchange-defaults.js';
import { msalConfiguration } from './msal-configuration.js';
import { createOAuth2Strategy, type OAuth2TokenCredential } from './oauth2-auth.js';
import { MsalTokenSource, type TokenConsumer } from './token-source.js';
import { requireObject, requireString } from './validate.js';

/** The mailbox an app-only credential acts for (sets the default `X-AnchorMailbox`). */
export interface OAuth2Identity {
  readonly primarySmtpAddress: string;
}

export interface OAuth2CredentialsOptions extends OAuth2CommonOptions, ConfidentialClientOptions {
  /** Required: app-only tokens come from the app's home tenant. */
  readonly tenantId: string;
  /** The impersonated mailbox, like exchangelib's `identity`. */
  readonly identity?: OAuth2Identity | undefined;
}

/**
 * App-only access (OAuth2 client credentials), exchangelib's `OAuth2Credentials`: the app
 * authenticates with a secret, a certificate or an assertion and gets
 * `https://outlook.office365.com/.default`. Pair it with impersonation
 * (`full_access_as_app` / ApplicationImpersonation) to reach mailboxes.
 */
export class OAuth2Credentials implements OAuth2TokenCredential {
  readonly clientId: string;
  readonly tenantId: string;
  readonly scopes: readonly string[];
  readonly identity: OAuth2Identity | undefined;
  readonly #options: OAuth2CredentialsOptions;
  readonly #source: MsalTokenSource;

  constructor(options: OAuth2CredentialsOptions) {
    const fields = requireObject(options, 'OAuth2Credentials');
    this.clientId = requireString(fields.clientId, 'clientId');
    this.tenantId = requireString(fields.tenantId, 'tenantId');
    this.scopes = [...(fields.scopes ?? EXCHANGE_APP_SCOPES)];
    this.identity = fields.identity;
    if (this.identity !== undefined)
      requireString(this.identity.primarySmtpAddress, 'identity.primarySmtpAddress');
    const client = clientAuthentication(fields);
    if (client === undefined) {
      throw new EwsInvalidArgumentError(
        'OAuth2Credentials needs clientSecret, clientCertificate or clientAssertion',
      );
    }
    this.#options = fields;
    const app = new ConfidentialClientApplication(msalConfiguration(fields, this.tenantId, client.msal));
    const scopes = [...this.scopes];
    this.#source = new MsalTokenSource(
      (force) => app.acquireTokenByClientCredential({ scopes, skipCache: force }),
      client.secrets,
    );
  }

  getToken(options: Parameters<GetAccessToken>[0]): Promise<AccessToken> {
    return this.#source.getToken(options);
  }

  toAuthStrategy(): AuthStrategy {
    const consumer: TokenConsumer = {};
    return createOAuth2Strategy({
      getToken: (options) => this.#source.getToken(options, consumer),
      refreshBeforeExpiryMs: this.#options.refreshBeforeExpiryMs,
      anchorMailbox: () => this.#options.anchorMailbox ?? this.identity?.primarySmtpAddress,
    });
  }

  toJSON(): Record<string, unknown> {
    return { clientId: this.clientId, tenantId: this.tenantId, scopes: this.scopes, identity: this.identity };
  }
}
