export type {
  AuthChallenge,
  AuthContext,
  AuthHeaders,
  AuthRequest,
  AuthStrategy,
  SideRequest,
} from './auth/strategy.js';
export { AUTH_SPEC_VERSION, isAuthStrategy } from './auth/strategy.js';
export type { AuthChallengeParam } from './auth/www-authenticate.js';
export type { CallOptions } from './call-options.js';
export type { EwsErrorCode, EwsErrorOptions, RequestFate } from './errors/ews-error.js';
export { EwsError } from './errors/ews-error.js';
export type { LogFields, Logger } from './logging/logger.js';
export { silentLogger } from './logging/logger.js';
export type { ConnectionInfo, EwsHttpRequest, EwsHttpResponse } from './pipeline/http.js';
export { headerValues, withHeaders, withRequest } from './pipeline/http.js';
export type { Policy, SendNext } from './pipeline/policy.js';
export type { TlsMaterial, TlsOptions } from './transport/tls-options.js';
export type { ConnectionLease, Transport } from './transport/transport.js';
