import { type AuthStrategy, EwsInvalidArgumentError } from '@ews/core';
import { authTypeKey, createAuthFor, type TokenCredentials } from './auth-types.js';
import type { ConfigurationOptions } from './configuration.js';
import { Credentials } from './credentials.js';

/** The strategy discovery signs in with, and whether it was made here (and so is disposed here). */
export interface DiscoveryAuth {
  readonly strategy: AuthStrategy;
  readonly owned: boolean;
}

/**
 * How to sign in to Autodiscover endpoints, whose URLs (and so WWW-Authenticate offers) are not
 * known beforehand: a ready `auth`, else `authType`, else Basic for a user name and password
 * (over https, and only to hosts the redirect policy trusts), OAuth2 for token credentials.
 */
export async function discoveryAuth(
  credentials: Credentials | TokenCredentials | undefined,
  options: Pick<ConfigurationOptions, 'auth' | 'authType' | 'loadModule'>,
): Promise<DiscoveryAuth> {
  if (options.auth !== undefined) return { strategy: options.auth, owned: false };
  if (credentials === undefined) {
    throw new EwsInvalidArgumentError(
      'autodiscover needs credentials: new Credentials(username, password) or OAuth2 credentials (or configuration.auth)',
    );
  }
  const key =
    options.authType !== undefined
      ? authTypeKey(options.authType)
      : credentials instanceof Credentials
        ? 'basic'
        : 'oauth2';
  return { strategy: await createAuthFor(key, credentials, options.loadModule), owned: true };
}
