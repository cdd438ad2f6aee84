// @ews/auth-oauth2 public surface. Named exports only; importing has no side effects.
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
export {
  type DeviceCodePrompt,
  OAuth2DeviceCodeCredentials,
  type OAuth2DeviceCodeOptions,
} from './device-code-credentials.js';
export { createHttpsNetworkClient, type HttpsNetworkClientOptions } from './https-network-client.js';
export { OAuth2InteractiveCredentials, type OAuth2InteractiveOptions } from './interactive-credentials.js';
export { OAuth2LegacyCredentials, type OAuth2LegacyOptions } from './legacy-credentials.js';
export { createOAuth2Auth, type OAuth2TokenCredential } from './oauth2-auth.js';
export type { TokenCacheStore } from './token-cache-store.js';
