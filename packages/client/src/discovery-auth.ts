import {
  type AuthStrategy,
  createOfferDetectingAuth,
  EwsInvalidArgumentError,
  type OfferDetectingAuth,
  type PasswordAuthType,
} from '@ews/core';
import {
  type AuthType,
  authTypeKey,
  createAuthFor,
  type ModuleLoader,
  type TokenCredentials,
} from './auth-types.js';
import type { ConfigurationOptions } from './configuration.js';
import { Credentials } from './credentials.js';

/** The strategy discovery signs in with, and whether it was made here (and so is disposed here). */
export interface DiscoveryAuth {
  readonly strategy: AuthStrategy;
  readonly owned: boolean;
  /** The auth type detected at the origin of an Autodiscover URL (with Credentials and no authType). */
  detectedAuthType(autodiscoverUrl: string): AuthType | undefined;
}

const NOTHING_DETECTED = (): undefined => undefined;

/**
 * How to sign in to Autodiscover endpoints, whose URLs (and so WWW-Authenticate offers) are not
 * known beforehand: a ready `auth`, else `authType`, else for a user name and password the
 * scheme each endpoint offers (Basic, Digest or NTLM; only to hosts the redirect policy trusts,
 * Basic never over http), OAuth2 for token credentials.
 */
export async function discoveryAuth(
  credentials: Credentials | TokenCredentials | undefined,
  options: Pick<ConfigurationOptions, 'auth' | 'authType' | 'loadModule'>,
): Promise<DiscoveryAuth> {
  if (options.auth !== undefined) {
    return { strategy: options.auth, owned: false, detectedAuthType: NOTHING_DETECTED };
  }
  if (credentials === undefined) {
    throw new EwsInvalidArgumentError(
      'autodiscover needs credentials: new Credentials(username, password) or OAuth2 credentials (or configuration.auth)',
    );
  }
  if (options.authType === undefined && credentials instanceof Credentials) {
    const strategy = offerDetectingAuth(credentials, options.loadModule);
    return { strategy, owned: true, detectedAuthType: (url) => strategy.authTypeFor(url) };
  }
  const key = options.authType !== undefined ? authTypeKey(options.authType) : 'oauth2';
  return {
    strategy: await createAuthFor(key, credentials, options.loadModule),
    owned: true,
    detectedAuthType: NOTHING_DETECTED,
  };
}

/** Core's offer detection, each scheme made from the password (NTLM's package loaded on demand). */
export function offerDetectingAuth(credentials: Credentials, load?: ModuleLoader): OfferDetectingAuth {
  const make = (type: PasswordAuthType) => () => createAuthFor(type, credentials, load);
  return createOfferDetectingAuth({
    factories: { basic: make('basic'), digest: make('digest'), ntlm: make('ntlm') },
  });
}
