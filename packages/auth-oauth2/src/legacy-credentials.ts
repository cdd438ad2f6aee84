import type { AccessToken, AuthStrategy, GetAccessToken } from '@ews/core';
import type { ConfidentialClientOptions } from './client-authentication.js';
import type { OAuth2CommonOptions } from './common-options.js';
import { delegatedFlow, silentFirst } from './delegated-flow.js';
import { delegatedStrategy } from './delegated-strategy.js';
import type { OAuth2TokenCredential } from './oauth2-auth.js';
import { MsalTokenSource } from './token-source.js';
import { requireObject, requireString } from './validate.js';

export interface OAuth2LegacyOptions extends OAuth2CommonOptions, ConfidentialClientOptions {
  /** The user's UPN, usually the email address. */
  readonly username: string;
  readonly password: string;
}

/**
 * exchangelib's `OAuth2LegacyCredentials`: the resource owner password grant (ROPC) for
 * `EWS.AccessAsUser.All`. Microsoft discourages it and it fails for accounts with MFA;
 * prefer the device code or interactive flow for new code.
 */
export class OAuth2LegacyCredentials implements OAuth2TokenCredential {
  readonly clientId: string;
  readonly tenantId: string | undefined;
  readonly username: string;
  readonly scopes: readonly string[];
  readonly #options: OAuth2LegacyOptions;
  readonly #source: MsalTokenSource;

  constructor(options: OAuth2LegacyOptions) {
    const fields = requireObject(options, 'OAuth2LegacyCredentials');
    this.clientId = requireString(fields.clientId, 'clientId');
    this.tenantId = fields.tenantId;
    this.username = requireString(fields.username, 'username');
    const password = requireString(fields.password, 'password');
    const flow = delegatedFlow(fields);
    this.scopes = flow.scopes;
    this.#options = fields;
    const username = this.username;
    const signIn = () => flow.app.acquireTokenByUsernamePassword({ username, password, scopes: flow.scopes });
    this.#source = new MsalTokenSource(silentFirst(flow, signIn, { username, canSignInAgain: true }), [
      password,
      ...(flow.client?.secrets ?? []),
    ]);
  }

  getToken(options: Parameters<GetAccessToken>[0]): Promise<AccessToken> {
    return this.#source.getToken(options);
  }

  toAuthStrategy(): AuthStrategy {
    // The user is known up front, so the anchor does not wait for the first token.
    return delegatedStrategy(this.#source, {
      ...this.#options,
      anchorMailbox: this.#options.anchorMailbox ?? this.username,
    });
  }

  toJSON(): Record<string, unknown> {
    return { clientId: this.clientId, tenantId: this.tenantId, username: this.username, scopes: this.scopes };
  }
}
