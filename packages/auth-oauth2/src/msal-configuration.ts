import type { Configuration, NodeAuthOptions } from '@azure/msal-node';
import { nonNegativeDuration } from '@ews/core';
import { createClientRoutedNetworkClient } from './client-routed-network.js';
import type { OAuth2CommonOptions } from './common-options.js';
import { authorityUrl, DEFAULT_AUTHORITY_HOST } from './exchange-defaults.js';
import { createHttpsNetworkClient } from './https-network-client.js';
import { cachePluginFor, createMemoryTokenCacheStore } from './token-cache-store.js';

/**
 * Builds MSAL's configuration; only options the caller set are passed on. Every credential comes
 * here from its constructor, so the common numeric options are checked here, when they are given
 * (`refreshBeforeExpiryMs` with core's rule: milliseconds from 0, NaN and negatives refused).
 */
export function msalConfiguration(
  options: OAuth2CommonOptions,
  defaultTenant: string,
  clientAuth: Omit<NodeAuthOptions, 'clientId' | 'authority'> = {},
): Configuration {
  if (options.refreshBeforeExpiryMs !== undefined)
    nonNegativeDuration('refreshBeforeExpiryMs', options.refreshBeforeExpiryMs);
  const auth: NodeAuthOptions = {
    ...clientAuth,
    clientId: options.clientId,
    authority: authorityUrl(
      options.authorityHost ?? DEFAULT_AUTHORITY_HOST,
      options.tenantId ?? defaultTenant,
    ),
  };
  if (options.knownAuthorities) auth.knownAuthorities = [...options.knownAuthorities];
  if (options.authorityMetadata !== undefined) auth.authorityMetadata = options.authorityMetadata;
  if (options.cloudDiscoveryMetadata !== undefined)
    auth.cloudDiscoveryMetadata = options.cloudDiscoveryMetadata;
  return {
    auth,
    cache: { cachePlugin: cachePluginFor(options.tokenCache ?? createMemoryTokenCacheStore()) },
    system: {
      // MSAL logs nothing of ours: PII logging stays off, and its logger is silenced.
      loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => undefined },
      // A network module of the caller's is used as given; otherwise identity requests go through
      // the EwsClient whose call needs the token (its proxy, TLS and logger), else node:https.
      networkClient: options.networkClient ?? createClientRoutedNetworkClient(createHttpsNetworkClient()),
    },
  };
}
