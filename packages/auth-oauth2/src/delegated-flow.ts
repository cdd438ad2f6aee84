import {
  type AccountInfo,
  AuthError,
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  PublicClientApplication,
} from '@azure/msal-node';
import {
  type ClientAuthentication,
  type ConfidentialClientOptions,
  clientAuthentication,
} from './client-authentication.js';
import type { OAuth2CommonOptions } from './common-options.js';
import { EXCHANGE_DELEGATED_SCOPES } from './exchange-defaults.js';
import { msalConfiguration } from './msal-configuration.js';
import type { AcquireToken, TokenAnswer } from './token-source.js';

/** Delegated flows sign in work or school accounts unless a tenant is named. */
export const DEFAULT_DELEGATED_TENANT = 'organizations';

export interface DelegatedFlow<App> {
  readonly app: App;
  readonly scopes: string[];
  readonly client: ClientAuthentication | undefined;
}

/** A public client, or a confidential one when the options carry a client credential. */
export function delegatedFlow(
  options: OAuth2CommonOptions & ConfidentialClientOptions,
): DelegatedFlow<PublicClientApplication | ConfidentialClientApplication> {
  const client = clientAuthentication(options);
  const config = msalConfiguration(options, DEFAULT_DELEGATED_TENANT, client?.msal);
  const app = client ? new ConfidentialClientApplication(config) : new PublicClientApplication(config);
  return { app, scopes: [...(options.scopes ?? EXCHANGE_DELEGATED_SCOPES)], client };
}

/** Device code and interactive sign-in exist only for public clients. */
export function publicFlow(options: OAuth2CommonOptions): DelegatedFlow<PublicClientApplication> {
  const app = new PublicClientApplication(msalConfiguration(options, DEFAULT_DELEGATED_TENANT));
  return { app, scopes: [...(options.scopes ?? EXCHANGE_DELEGATED_SCOPES)], client: undefined };
}

/**
 * The shared shape of delegated flows: once a user has signed in (now, or in an earlier
 * run whose cache the store kept), tokens come silently from MSAL's cache or its refresh
 * token; `signIn` runs only when there is no account yet, or when the refresh token no
 * longer works and `signIn` can ask again (`null` when it cannot).
 */
export function silentFirst(
  flow: DelegatedFlow<PublicClientApplication | ConfidentialClientApplication>,
  signIn: (signal: AbortSignal) => Promise<TokenAnswer | null>,
  options: { readonly username?: string | undefined; readonly canSignInAgain: boolean },
): AcquireToken {
  let account: AccountInfo | undefined;
  const remember = (answer: TokenAnswer | null): TokenAnswer | null => {
    if (answer?.account) account = answer.account;
    return answer;
  };
  return async (force, signal) => {
    account ??= await cachedAccount(flow.app, options.username);
    if (account === undefined) return remember(await signIn(signal));
    try {
      return remember(
        await flow.app.acquireTokenSilent({ account, scopes: flow.scopes, forceRefresh: force }),
      );
    } catch (error) {
      if (!needsSignIn(error) || !options.canSignInAgain) throw error;
      return remember(await signIn(signal));
    }
  };
}

// A revoked or expired refresh token comes back as invalid_grant, not always as InteractionRequired.
function needsSignIn(error: unknown): boolean {
  return (
    error instanceof InteractionRequiredAuthError ||
    (error instanceof AuthError && error.errorCode === 'invalid_grant')
  );
}

async function cachedAccount(
  app: PublicClientApplication | ConfidentialClientApplication,
  username: string | undefined,
): Promise<AccountInfo | undefined> {
  const accounts = await app.getTokenCache().getAllAccounts();
  if (username !== undefined) {
    return accounts.find((candidate) => candidate.username.toLowerCase() === username.toLowerCase());
  }
  return accounts.length === 1 ? accounts[0] : undefined;
}
