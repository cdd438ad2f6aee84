import { EwsError, type EwsErrorCode, isResponseError, type ResponseCode } from '@ews/core';

/** What a self-healing subscription does about an error: a table, not a chain of ifs. */
export type WatchErrorAction =
  /** Try the same thing again after a back-off (connection trouble, throttling, a malformed answer). */
  | 'retry'
  /** The subscription is gone: resubscribe (from the watermark where the server allows). */
  | 'resubscribe'
  /** The watermark cannot be used any more: subscribe afresh and report a gap. */
  | 'restart'
  /** Not something waiting fixes (authentication, a bad argument…): the iteration throws it. */
  | 'fail';

const RESPONSE_ACTIONS: ReadonlyMap<string, WatchErrorAction> = new Map(
  Object.entries({
    ErrorSubscriptionNotFound: 'resubscribe',
    ErrorExpiredSubscription: 'resubscribe',
    ErrorInvalidSubscription: 'resubscribe',
    ErrorInvalidWatermark: 'restart',
    ErrorMissedNotificationEvents: 'restart',
    ErrorServerBusy: 'retry',
    ErrorExceededConnectionCount: 'retry',
    ErrorInternalServerTransientError: 'retry',
    ErrorMailboxStoreUnavailable: 'retry',
    ErrorConnectionFailed: 'retry',
    ErrorTimeoutExpired: 'retry',
  } satisfies Partial<Record<ResponseCode, WatchErrorAction>>),
);

// EWS_PROTOCOL: a document cut by a dying connection; the next attempt starts from the watermark, so
// nothing is read from the broken one (and a server that always answers so fails after maxAttempts).
const CODE_ACTIONS: Readonly<Partial<Record<EwsErrorCode, WatchErrorAction>>> = {
  EWS_TRANSPORT: 'retry',
  EWS_TIMEOUT: 'retry',
  EWS_THROTTLED: 'retry',
  EWS_HTTP: 'retry',
  EWS_PROTOCOL: 'retry',
};

export function watchErrorAction(error: unknown): WatchErrorAction {
  if (isResponseError(error)) return RESPONSE_ACTIONS.get(error.responseCode ?? '') ?? 'fail';
  if (EwsError.isInstance(error)) return CODE_ACTIONS[error.code] ?? 'fail';
  return 'fail';
}
