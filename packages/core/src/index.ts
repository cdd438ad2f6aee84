// @ews/core public surface. Named exports only; importing has no side effects.

export { raceAbort, throwIfAborted } from './auth/abort.js';
// Auth-type detection (issue 16, detect): what @ews/client and a plugin author composing detection need
export {
  type AuthStrategyFactory,
  createOfferDetectingAuth,
  DeferredAuth,
  type OfferDetectingAuth,
  type OfferDetectingAuthOptions,
  type PasswordAuthType,
  probeAuthType,
} from './auth/detection/index.js';
export {
  type AccessToken,
  type BasicAuthOptions,
  type BearerAuthOptions,
  type ClientCertificateAuthOptions,
  createBasicAuth,
  createBearerAuth,
  createClientCertificateAuth,
  createDigestAuth,
  type DetectedAuthType,
  type DigestAuthOptions,
  describeOfferedSchemes,
  detectAuthType,
  type GetAccessToken,
  offeredSchemes,
  type PemClientCertificateOptions,
  type PfxClientCertificateOptions,
  type ProbeHeaders,
  parseWwwAuthenticate,
  type RefreshingBearerAuthOptions,
  type StaticBearerAuthOptions,
} from './auth/index.js';
// Auth
// Auth contract additions (issue 16, auth-contract)
export type {
  AuthChallenge,
  AuthContext,
  AuthHeaders,
  AuthRequest,
  AuthStrategy,
  SendSideRequest,
  SideRequest,
} from './auth/strategy.js';
export { AUTH_SPEC_VERSION, isAuthStrategy } from './auth/strategy.js';
export type { AuthChallengeParam } from './auth/www-authenticate.js';
export type { CallOptions } from './call-options.js';
// Client
export type { EwsCallOptions, EwsClientOptions, EwsRequest } from './client/ews-client.js';
export {
  CONDITIONAL_REQUEST_HEADERS,
  type ConditionalRequestHeader,
  EwsClient,
} from './client/ews-client.js';
export type { EwsResponse } from './client/read-response.js';
export type {
  BodyChunk,
  EwsStreamRequest,
  EwsStreamResponse,
  StreamedOperationBody,
} from './client/stream-call.js';
export { MAX_BODY_EXCERPT, MAX_HEADER_EXCERPT } from './errors/body-excerpt.js';
export { classifyHttpResponse } from './errors/classify-http-response.js';
export type { EwsTransportErrorOptions } from './errors/error-classes.js';
export {
  EwsAbortError,
  EwsAuthError,
  EwsHttpError,
  EwsInvalidArgumentError,
  EwsProtocolError,
  EwsTimeoutError,
  EwsTransportError,
  EwsUnsupportedError,
} from './errors/error-classes.js';
export { errorForResponse } from './errors/error-for-response.js';
// Errors
export type { EwsErrorCode, EwsErrorOptions, RequestFate } from './errors/ews-error.js';
export { EwsError } from './errors/ews-error.js';
export { requestSecretsRedactor } from './errors/request-secrets.js';
export type { ResponseCodeClass } from './errors/response-code-classes.js';
export { classifyResponseCode } from './errors/response-code-classes.js';
export type { ResponseCode } from './errors/response-codes.generated.js';
export { RESPONSE_CODES } from './errors/response-codes.generated.js';
export type {
  AnyResponseCode,
  EwsCodedError,
  EwsResponseErrorOptions,
  EwsSoapFaultErrorOptions,
  MessageXml,
} from './errors/response-error.js';
export {
  EwsResponseError,
  EwsSoapFaultError,
  isResponseError,
  responseCodeOf,
} from './errors/response-error.js';
// Logging
export type { LogFields, Logger } from './logging/logger.js';
export { silentLogger } from './logging/logger.js';
export { REDACTED, redactSecrets, redactUrl } from './logging/redact.js';
export { isIdempotent, OPERATION_IDEMPOTENCY } from './operations/idempotency.js';
export { TIME_ZONE_CONTEXT_OPERATIONS, takesTimeZoneContext } from './operations/time-zone-context.js';
// Option checks, shared by every package
export { DEFAULT_TIMEOUT_MS, deadlineMs, NO_DEADLINE } from './options/deadline.js';
export { endpointUrl } from './options/endpoint-url.js';
export {
  type DurationLimits,
  describeValue,
  type IntegerLimits,
  integerInRange,
  MAX_TIMER_MS,
  nonNegativeDuration,
  nonNegativeInteger,
  positiveDuration,
  positiveInteger,
} from './options/numeric-options.js';
export { optionOrAlias } from './options/option-alias.js';
// Pipeline and policies
export type { ConnectionInfo, EwsHttpRequest, EwsHttpResponse } from './pipeline/http.js';
export { headerValues, withHeaders, withRequest } from './pipeline/http.js';
export type { Pipeline, PipelineOptions, PolicyPlacement } from './pipeline/pipeline.js';
export { createPipeline } from './pipeline/pipeline.js';
export type { AffinityPolicyOptions } from './pipeline/policies/affinity-policy.js';
export { AFFINITY_POLICY_NAME, affinityPolicy } from './pipeline/policies/affinity-policy.js';
export type { AuthPolicyOptions } from './pipeline/policies/auth-policy.js';
export { AUTH_POLICY_NAME, authPolicy } from './pipeline/policies/auth-policy.js';
export type { LoggingPolicyOptions } from './pipeline/policies/logging-policy.js';
export { LOGGING_POLICY_NAME, loggingPolicy } from './pipeline/policies/logging-policy.js';
export type { RequestIdPolicyOptions } from './pipeline/policies/request-id-policy.js';
export { REQUEST_ID_POLICY_NAME, requestIdPolicy } from './pipeline/policies/request-id-policy.js';
export type { RetryPolicyOptions } from './pipeline/policies/retry-policy.js';
export { RETRY_POLICY_NAME, retryPolicy } from './pipeline/policies/retry-policy.js';
export { USER_AGENT_POLICY_NAME, userAgentPolicy } from './pipeline/policies/user-agent-policy.js';
export type { Policy, SendNext } from './pipeline/policy.js';
export type { BuiltInPolicyName } from './pipeline/policy-order.js';
export { DEFAULT_POLICY_ORDER } from './pipeline/policy-order.js';
export type { ResponseClassifier, ResponseSignal } from './pipeline/response-signal.js';
// Retry
export type { FaultTolerantOptions, RetryPolicy } from './retry/retry-policy-options.js';
export { failFast, faultTolerant } from './retry/retry-policy-options.js';
export type { EwsThrottledErrorOptions } from './retry/throttled-error.js';
export { EwsThrottledError } from './retry/throttled-error.js';
export { EWS_ANSWER_CONTENT } from './soap/answer-content.js';
// SOAP
export type {
  DateTimePrecision,
  EnvelopeOptions,
  Impersonation,
  ManagementRole,
  SoapHeaderOptions,
} from './soap/envelope.js';
export { buildEnvelope, SOAP_CONTENT_TYPE } from './soap/envelope.js';
export { soapEnvelopeParts } from './soap/envelope-parts.js';
export type { SoapFault } from './soap/fault.js';
export { decodeSoapFault } from './soap/fault.js';
export {
  EWS_MESSAGES_NAMESPACE,
  EWS_RESPONSE_NAMESPACES,
  EWS_TYPES_NAMESPACE,
  SOAP_ENVELOPE_NAMESPACE,
} from './soap/namespaces.js';
export type { SubscriptionStatus } from './soap/notification-reply.js';
export { buildSendNotificationResult } from './soap/notification-reply.js';
export {
  ANSWER_MESSAGES,
  type AnswerMessages,
  OPERATION_RESPONSE_ELEMENTS,
} from './soap/operation-responses.generated.js';
export type { DecodedSoapResponse, DecodeSoapOptions } from './soap/response.js';
export { decodeSoapEnvelope, decodeSoapResponse } from './soap/response.js';
export type { ResponseClass, ResponseMessage } from './soap/response-message.js';
export { decodeResponseMessage, responseMessageError } from './soap/response-message.js';
export { MAX_MESSAGE_XML_ENTRIES } from './soap/response-message-xml.js';
export { boundedServerText, MAX_SERVER_NAME_LENGTH, MAX_SERVER_TEXT_LENGTH } from './soap/server-text.js';
export type { ServerVersionInfo } from './soap/server-version-info.js';
export { nextConnectionId } from './transport/connection-ids.js';
export type { TlsMaterial, TlsOptions } from './transport/tls-options.js';
// Transport
export type { ConnectionLease, Transport } from './transport/transport.js';
export { createUndiciTransport } from './transport/undici-transport.js';
export type { ProxyOption, UndiciTransportOptions } from './transport/undici-transport-options.js';
export { VERSION } from './version.js';
export { Build } from './versions/build.js';
export { apiVersionForBuild, productNameForBuild } from './versions/build-table.js';
// Versions
export type { ExchangeVersion } from './versions/exchange-version.js';
export { EXCHANGE_VERSIONS, isExchangeVersion, isVersionAtLeast } from './versions/exchange-version.js';
export type { ServerVersion } from './versions/server-version.js';
// XML
export type {
  ParseXmlOptions,
  ReaderLimitOverrides,
  ReaderLimits,
  XmlChildRule,
  XmlContentRulesSpec,
  XmlNamespaces,
  XmlNode,
} from './xml/parse.js';
export {
  asArray,
  child,
  childCount,
  children,
  childText,
  DEFAULT_READER_LIMITS,
  eachChild,
  expandedName,
  parseXml,
  readFragmentContext,
  XmlContentRules,
  XmlFragmentContext,
  XmlNameTable,
  xmlContentRules,
} from './xml/parse.js';
export { type StreamElementChildrenOptions, streamElementChildren } from './xml/streamed-elements.js';
export { decodeUtf8Strictly, StrictUtf8Decoder } from './xml/strict-utf8-decoder.js';
export type { XmlAttributes, XmlChild, XmlFragment, XmlScalar } from './xml/write.js';
export { el, escapeAttribute, escapeText, fragments, raw } from './xml/write.js';
export { readerLimitError } from './xml/xml-limit-error.js';
