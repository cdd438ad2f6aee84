import type { EwsHttpResponse } from './http.js';

/**
 * What a response means for retrying, decided by a table-driven classifier
 * (`classifyHttpResponse` in errors/) so the retry policy holds no EWS quirks itself.
 */
export type ResponseSignal =
  /** Hand the response to the caller (success, or an error the caller decodes). */
  | { readonly kind: 'final' }
  /** The server refused to run the request now (ErrorServerBusy, 429, 503 + Retry-After): safe to retry any operation. */
  | { readonly kind: 'throttled'; readonly retryAfterMs?: number | undefined; readonly reason: string }
  /**
   * A transient failure. `executed: 'no'` means the server certainly did not run the
   * request (safe to retry anything); `'unknown'` allows retrying idempotent operations only.
   */
  | { readonly kind: 'transient'; readonly executed: 'no' | 'unknown'; readonly reason: string };

export type ResponseClassifier = (response: EwsHttpResponse) => ResponseSignal;
