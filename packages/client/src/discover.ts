import type { AutodiscoverResult } from '@ews/autodiscover';
import type { CallOptions } from '@ews/core';
import { type AccountDiscoveryOptions, openAutodiscover } from './account-discovery.js';
import type { TokenCredentials } from './auth-types.js';
import type { Credentials } from './credentials.js';

/**
 * exchangelib's `discover(email, credentials)`: the EWS URL, server version and settings the
 * server offered for `email`, found with @ews/autodiscover (loaded on first use). Signs in as
 * `Account.create` does: `configuration.auth`, else `configuration.authType`, else for a user
 * name and password the scheme each endpoint offers (Basic, Digest or NTLM), OAuth2 for token
 * credentials. Rejects with an AutodiscoverError whose message lists every step tried and why
 * it failed.
 */
export async function discover(
  email: string,
  credentials?: Credentials | TokenCredentials,
  options: AccountDiscoveryOptions & CallOptions = {},
): Promise<AutodiscoverResult> {
  const { signal, timeoutMs, ...discoveryOptions } = options;
  const { autodiscover, auth } = await openAutodiscover(discoveryOptions, credentials);
  try {
    return await autodiscover.discover(email, {
      ...(signal === undefined ? {} : { signal }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
  } finally {
    await autodiscover.close();
    if (auth.owned) await auth.strategy.dispose?.();
  }
}
