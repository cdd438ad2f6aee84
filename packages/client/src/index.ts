// @ews/client: one import for apps. exchangelib-shaped names over @ews/core, @ews/models and
// @ews/services. Named exports only; importing has no side effects.

export * from '@ews/core';
// Both core and models have these; the core ones are the client's (responses), models' stay in @ews/models.
export { parseXml, type XmlChild, type XmlNode } from '@ews/core';
export * from '@ews/models';
export * from '@ews/services';
export { Account, type AccountOptions, closeConnections, DELEGATE, IMPERSONATION } from './account.js';
export {
  AccountDiscovery,
  type AccountDiscoveryOptions,
  type DiscoveredConfiguration,
} from './account-discovery.js';
export {
  AUTH_TYPES,
  type AuthType,
  createAuthFor,
  type ModuleLoader,
  type TokenCredentials,
} from './auth-types.js';
export type {
  AutodiscoverCache,
  AutodiscoverProtocol,
  AutodiscoverResult,
  AutodiscoverStep,
  AutodiscoverTransportOption,
  CachedEndpoint,
  DiscoveredServerVersion,
  DiscoveryOptions,
  RedirectPolicy,
  SrvRecord,
  SrvResolver,
  StepOutcome,
  StepSource,
} from './autodiscover-shapes.js';
export { Configuration, type ConfigurationOptions, type ConfigurationSummary } from './configuration.js';
export { Credentials } from './credentials.js';
export { DeferredAuth } from './deferred-auth.js';
export { probeAuthType } from './detect-auth.js';
export { discover } from './discover.js';
export { Identity } from './identity.js';
export { Version } from './version.js';
