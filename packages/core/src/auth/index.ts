export { type BasicAuthOptions, createBasicAuth } from './basic.js';
export {
  type AccessToken,
  type BearerAuthOptions,
  createBearerAuth,
  DEFAULT_REFRESH_BEFORE_EXPIRY_MS,
  type GetAccessToken,
  type RefreshingBearerAuthOptions,
  type StaticBearerAuthOptions,
} from './bearer.js';
export {
  type ClientCertificateAuthOptions,
  createClientCertificateAuth,
  type PemClientCertificateOptions,
  type PfxClientCertificateOptions,
} from './client-certificate.js';
export { type DetectedAuthType, detectAuthType, type ProbeHeaders } from './detect-auth-type.js';
export { createDigestAuth, type DigestAuthOptions } from './digest.js';
export { describeOfferedSchemes, offeredSchemes } from './offered-schemes.js';
export { parseWwwAuthenticate } from './www-authenticate.js';
