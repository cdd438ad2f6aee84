export {
  type AuthConformanceCheck,
  type AuthConformanceOptions,
  type AuthConformanceReport,
  type AuthConformanceStatus,
  conformanceVerdict,
  MAX_REQUESTS_WHEN_REFUSED,
  runAuthConformance,
} from './auth-conformance.js';
export type { AuthServerHandler, AuthServerRequest, AuthServerVerdict } from './auth-server-handler.js';
export { type BasicServerOptions, createBasicServerHandler } from './basic-server-handler.js';
export { type BearerServerOptions, createBearerServerHandler } from './bearer-server-handler.js';
export {
  createDigestServerHandler,
  type DigestServerAlgorithm,
  type DigestServerOptions,
} from './digest-server-handler.js';
export {
  AUTHENTICATED_USER_HEADER,
  type LoopbackAuthExchange,
  type LoopbackAuthServer,
  type LoopbackAuthServerOptions,
  startLoopbackAuthServer,
} from './loopback-auth-server.js';
export {
  createDriverSession,
  type DriverRequest,
  type DriverResult,
  type DriverSession,
  sendWithAuth,
} from './reference-driver.js';
