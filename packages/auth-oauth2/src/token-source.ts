import type { AccountInfo } from '@azure/msal-node';
import {
  type AccessToken,
  EwsAbortError,
  EwsAuthError,
  type GetAccessToken,
  raceAbort,
  type SendSideRequest,
} from '@ews/core';
import { throughClientTransport } from './client-routed-network.js';
import { toAuthError } from './msal-errors.js';

/** The part of MSAL's AuthenticationResult a token source needs. */
export interface TokenAnswer {
  readonly accessToken: string;
  readonly expiresOn: Date | null;
  readonly account: AccountInfo | null;
}

/** `force`: MSAL must not answer from its cache (the cached token was refused or is due). */
export type AcquireToken = (force: boolean, signal: AbortSignal) => Promise<TokenAnswer | null>;

/** What one consumer (a strategy, or direct getToken calls) was handed last. */
export interface TokenConsumer {
  last?: string | undefined;
}

/**
 * Adapts an MSAL flow to core's token source contract. When MSAL answers with the token
 * this consumer was handed last time, it needs a new one (a refusal or the refresh window),
 * so the source asks again with MSAL's cache bypassed. Consumers are tracked separately so
 * a second strategy's first token does not force a needless refresh.
 */
export class MsalTokenSource {
  readonly #acquire: AcquireToken;
  readonly #secrets: readonly string[];
  readonly #direct: TokenConsumer = {};
  #username: string | undefined;

  constructor(acquire: AcquireToken, secrets: readonly string[]) {
    this.#acquire = acquire;
    this.#secrets = secrets;
  }

  /** The signed-in user's name (UPN) once a delegated flow has run. */
  get username(): string | undefined {
    return this.#username;
  }

  async getToken(
    { signal, sideRequest }: Parameters<GetAccessToken>[0],
    consumer = this.#direct,
  ): Promise<AccessToken> {
    let answer = await this.#call(false, signal, sideRequest);
    if (answer.accessToken === consumer.last) answer = await this.#call(true, signal, sideRequest);
    consumer.last = answer.accessToken;
    if (answer.account?.username) this.#username = answer.account.username;
    return { token: answer.accessToken, expiresOnTimestamp: answer.expiresOn?.getTime() };
  }

  async #call(
    force: boolean,
    signal: AbortSignal,
    sideRequest: SendSideRequest | undefined,
  ): Promise<TokenAnswer> {
    let answer: TokenAnswer | null;
    // Start no MSAL flow (which may prompt the user) for a caller that has already gone.
    if (signal.aborted) throw new EwsAbortError('The operation was aborted', { cause: signal.reason });
    try {
      answer = await raceAbort(
        throughClientTransport(sideRequest, () => this.#acquire(force, signal)),
        signal,
      );
    } catch (error) {
      throw toAuthError(error, this.#secrets);
    }
    if (!answer?.accessToken) {
      throw new EwsAuthError('The identity provider returned no access token', { attemptedScheme: 'Bearer' });
    }
    return answer;
  }
}
