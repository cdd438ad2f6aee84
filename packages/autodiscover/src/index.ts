// @ews/autodiscover public surface. Named exports only; importing has no side effects.

export type { AutodiscoverOptions } from './autodiscover.js';
export { Autodiscover, discover } from './autodiscover.js';
export type { AutodiscoverFailureReason } from './autodiscover-error.js';
export { AutodiscoverError } from './autodiscover-error.js';
export type { AutodiscoverCache, CachedEndpoint, MemoryCacheOptions } from './cache.js';
export { createMemoryCache } from './cache.js';
export type { SrvResolver, SystemSrvResolverOptions } from './dns.js';
export { systemSrvResolver } from './dns.js';
export type { AutodiscoverTransportOption } from './http.js';
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  MAX_SMTP_ADDRESS_LENGTH,
  MAX_SRV_TARGETS,
  MAX_STEP_DETAIL_LENGTH,
  MAX_URL_LENGTH,
} from './limits.js';
export type { AutodiscoverProtocol } from './protocol.js';
export type { PolicyVerdict, RedirectPolicy } from './redirect-policy.js';
export { checkRedirectPolicy } from './redirect-policy.js';
export type { AutodiscoverResult } from './result.js';
export type { DiscoveredServerVersion } from './server-version.js';
export { versionFromPoxHex } from './server-version.js';
export { DEFAULT_REQUESTED_SETTINGS } from './soap/get-user-settings-request.js';
export type { SrvRecord } from './srv.js';
export { isUsableSrvRecord, orderSrvRecords, parseSrvRecord } from './srv.js';
export type { AutodiscoverStep, StepOutcome, StepSource } from './trace.js';
export { formatTrace } from './trace.js';
