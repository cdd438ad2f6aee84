import { RESPONSE_CODES, type ResponseCode } from './response-codes.generated.js';

/**
 * What a ResponseCode means for the caller:
 * - `success`: `NoError`;
 * - `throttling`: the server refused to run the request now; back off, then retry anything;
 * - `retry-safe`: a transient failure before execution; retrying soon is safe for any operation;
 * - `transient`: a transient failure that may have happened mid-execution; retry idempotent calls only;
 * - `auth`: the caller (or the impersonated/delegating account) lacks the right to do this;
 * - `not-found`: the item, folder, mailbox or subscription does not exist (any more);
 * - `version`: the RequestServerVersion was refused; renegotiate the version and resend;
 * - `permanent`: everything else; resending the same request gives the same answer.
 */
export type ResponseCodeClass =
  | 'success'
  | 'throttling'
  | 'retry-safe'
  | 'transient'
  | 'auth'
  | 'not-found'
  | 'version'
  | 'permanent';

/** Codes not listed here are `permanent`. Keys are checked against the schema's codes at compile time. */
const RESPONSE_CODE_CLASSES: Readonly<Partial<Record<ResponseCode, ResponseCodeClass>>> = Object.freeze({
  NoError: 'success',

  ErrorServerBusy: 'throttling',
  // exchangelib backs off on it: it means "too many concurrent connections", not a bad request.
  ErrorTooManyObjectsOpened: 'throttling',
  ErrorExceededConnectionCount: 'throttling',
  // Frees up when older subscriptions expire or are removed.
  ErrorExceededSubscriptionCount: 'throttling',
  // "The server is busy" phrased by the transient-error layer (also what a 302 to the generic error page means).
  ErrorInternalServerTransientError: 'throttling',
  ErrorMailboxStoreUnavailable: 'throttling',
  ErrorMailboxMoveInProgress: 'throttling',

  // Directory or service outages stop the request before it touches the mailbox.
  ErrorADUnavailable: 'retry-safe',
  ErrorServiceUnavailable: 'retry-safe',
  ErrorConnectionFailed: 'retry-safe',
  ErrorUMServerUnavailable: 'retry-safe',
  ErrorMessageTrackingTransientError: 'retry-safe',
  // Items after the first failure in a batch were never processed.
  ErrorBatchProcessingStopped: 'retry-safe',
  // A newer GetStreamingEvents call took over the subscription: reconnecting is expected.
  ErrorNewEventStreamConnectionOpened: 'retry-safe',

  // The server gave up waiting; the operation may have completed in part.
  ErrorTimeoutExpired: 'transient',
  ErrorInstantSearchTimeout: 'transient',

  ErrorAccessDenied: 'auth',
  ErrorAccessDeniedDueToCompliance: 'auth',
  ErrorAccountDisabled: 'auth',
  ErrorCreateItemAccessDenied: 'auth',
  ErrorCreateSubfolderAccessDenied: 'auth',
  ErrorImpersonateUserDenied: 'auth',
  ErrorImpersonationDenied: 'auth',
  ErrorImpersonationFailed: 'auth',
  ErrorInvalidAuthorizationContext: 'auth',
  ErrorInvalidClientAccessTokenRequest: 'auth',
  ErrorInvalidExchangeImpersonationHeaderData: 'auth',
  ErrorInvalidSerializedAccessToken: 'auth',
  ErrorNoFreeBusyAccess: 'auth',
  ErrorNoOAuthServerAvailableForRequest: 'auth',
  ErrorProxyTokenExpired: 'auth',
  ErrorRecoverableItemsAccessDenied: 'auth',
  ErrorSendAsDenied: 'auth',
  ErrorSubscriptionAccessDenied: 'auth',
  ErrorTokenSerializationDenied: 'auth',
  ErrorUnauthorizedClientAccessTokenRequest: 'auth',
  ErrorUnifiedGroupAadAuthorizationRequestDenied: 'auth',

  ErrorItemNotFound: 'not-found',
  ErrorFolderNotFound: 'not-found',
  ErrorParentFolderNotFound: 'not-found',
  ErrorSavedItemFolderNotFound: 'not-found',
  ErrorToFolderNotFound: 'not-found',
  ErrorSyncFolderNotFound: 'not-found',
  ErrorManagedFolderNotFound: 'not-found',
  ErrorAttachmentNotFound: 'not-found',
  ErrorCalendarOccurrenceIsDeletedFromRecurrence: 'not-found',
  // The address names no mailbox: a wrong address, not a missing right.
  ErrorNonExistentMailbox: 'not-found',
  ErrorMailRecipientNotFound: 'not-found',
  ErrorRecipientNotFound: 'not-found',
  ErrorTeamMailboxNotFound: 'not-found',
  ErrorUnifiedGroupMailboxNotFound: 'not-found',
  ErrorMailboxHoldNotFound: 'not-found',
  // An expired or removed subscription: the caller must subscribe again.
  ErrorSubscriptionNotFound: 'not-found',
  ErrorEventNotFound: 'not-found',
  ErrorExtensionNotFound: 'not-found',

  ErrorInvalidServerVersion: 'version',
  ErrorIncorrectSchemaVersion: 'version',
  ErrorInvalidSchemaVersionForMailboxVersion: 'version',
  // "The request is valid but does not specify the correct server version in RequestServerVersion".
  ErrorWrongServerVersion: 'version',
});

/** Codes exchangelib knows that this schema version does not list (newer or older servers send them). */
const UNLISTED_CODE_CLASSES: Readonly<Record<string, ResponseCodeClass>> = Object.freeze({
  ErrorConnectionFailedTransientError: 'retry-safe',
});

/** Classifies a ResponseCode; unknown codes (including future ones) are `permanent`. */
export function classifyResponseCode(code: ResponseCode | (string & {})): ResponseCodeClass {
  if (Object.hasOwn(RESPONSE_CODE_CLASSES, code)) {
    return RESPONSE_CODE_CLASSES[code as ResponseCode] ?? 'permanent';
  }
  if (Object.hasOwn(UNLISTED_CODE_CLASSES, code)) return UNLISTED_CODE_CLASSES[code] ?? 'permanent';
  return 'permanent';
}

/** True when `value` is one of the schema's ResponseCodes. */
export function isResponseCode(value: string): value is ResponseCode {
  return (RESPONSE_CODES as readonly string[]).includes(value);
}
