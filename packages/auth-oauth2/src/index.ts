// @ews/auth-oauth2 public surface. Named exports only; importing has no side effects.
export type { INetworkModule } from '@azure/msal-node';
export {
  OAuth2AuthorizationCodeCredentials,
  type OAuth2AuthorizationCodeOptions,
} from './authorization-code-credentials.js';
export type { ClientCertificate, ConfidentialClientOptions } from './client-authentication.js';
export {
  OAuth2Credentials,
  type OAuth2CredentialsOptions,
  type OAuth2Identity,
} from './client-credentials.js';
export type { OAuth2CommonOptions } from './common-options.js';
export { DEFAULT_DELEGATED_TENANT } from './delegated-flow.js';
export {
  type DeviceCodePrompt,
  OAuth2DeviceCodeCredentials,
  type OAuth2DeviceCodeOptions,
} from './device-code-credentials.js';
export {
  authorityUrl,
  DEFAULT_AUTHORITY_HOST,
  EXCHANGE_APP_SCOPES,
  EXCHANGE_DELEGATED_SCOPES,
  EXCHANGE_ONLINE_RESOURCE,
} from './exchange-defaults.js';
export { createHttpsNetworkClient, type HttpsNetworkClientOptions } from './https-network-client.js';
export { OAuth2InteractiveCredentials, type OAuth2InteractiveOptions } from './interactive-credentials.js';
export { OAuth2LegacyCredentials, type OAuth2LegacyOptions } from './legacy-credentials.js';
export { createOAuth2Auth, type OAuth2TokenCredential } from './oauth2-auth.js';
export { cachePluginFor, createMemoryTokenCacheStore, type TokenCacheStore } from './token-cache-store.js';
