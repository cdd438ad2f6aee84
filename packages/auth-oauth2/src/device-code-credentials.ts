import type { AccessToken, AuthStrategy, GetAccessToken } from '@ews/core';
import { EwsInvalidArgumentError } from '@ews/core';
import type { OAuth2CommonOptions } from './common-options.js';
import { publicFlow, silentFirst } from './delegated-flow.js';
import { delegatedStrategy } from './delegated-strategy.js';
import type { OAuth2TokenCredential } from './oauth2-auth.js';
import { MsalTokenSource } from './token-source.js';
import { optionalString, requireObject, requireString } from './validate.js';

/** What to show the user: open `verificationUri` and enter `userCode` (`message` says both). */
export interface DeviceCodePrompt {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly message: string;
  /** Seconds until the code expires. */
  readonly expiresIn: number;
}

export interface OAuth2DeviceCodeOptions extends OAuth2CommonOptions {
  /** Called once per sign-in with the code to show; sign-in waits until the user finishes. */
  readonly onDeviceCode: (prompt: DeviceCodePrompt) => void;
  /** Pick this account from a persisted cache instead of asking again. */
  readonly username?: string | undefined;
}

/** Delegated sign-in for CLIs and devices without a browser (OAuth2 device authorization grant). */
export class OAuth2DeviceCodeCredentials implements OAuth2TokenCredential {
  readonly clientId: string;
  readonly tenantId: string | undefined;
  readonly scopes: readonly string[];
  readonly #options: OAuth2DeviceCodeOptions;
  readonly #source: MsalTokenSource;

  constructor(options: OAuth2DeviceCodeOptions) {
    const fields = requireObject(options, 'OAuth2DeviceCodeCredentials');
    this.clientId = requireString(fields.clientId, 'clientId');
    this.tenantId = fields.tenantId;
    const username = optionalString(fields.username, 'username');
    if (typeof fields.onDeviceCode !== 'function') {
      throw new EwsInvalidArgumentError('OAuth2DeviceCodeCredentials needs an onDeviceCode callback');
    }
    const flow = publicFlow(fields);
    this.scopes = flow.scopes;
    this.#options = fields;
    const signIn = (signal: AbortSignal) => {
      const request = {
        scopes: flow.scopes,
        deviceCodeCallback: ({ userCode, verificationUri, message, expiresIn }: DeviceCodePrompt) =>
          fields.onDeviceCode({ userCode, verificationUri, message, expiresIn }),
        // MSAL polls until `cancel` turns true: an abort (even an earlier one) stops the polling.
        cancel: signal.aborted,
      };
      signal.addEventListener(
        'abort',
        () => {
          request.cancel = true;
        },
        { once: true },
      );
      return flow.app.acquireTokenByDeviceCode(request);
    };
    this.#source = new MsalTokenSource(silentFirst(flow, signIn, { username, canSignInAgain: true }), []);
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
