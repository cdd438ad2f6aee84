import { EwsError, type EwsErrorOptions } from '../errors/ews-error.js';

export interface EwsThrottledErrorOptions extends EwsErrorOptions {
  /** Requests sent for this call, the first one included. */
  readonly attempts: number;
  /** Milliseconds spent sleeping between attempts. */
  readonly totalWaitMs: number;
  /** The last back-off the server asked for (BackOffMilliseconds / Retry-After), if it said. */
  readonly retryAfterMs?: number | undefined;
  /** What the server said, e.g. `ErrorServerBusy` or `HTTP 429`. */
  readonly reason: string;
}

/**
 * The server kept refusing to run the request now, and the retry policy stopped
 * (fail-fast, or the wait budget is spent). The server did not execute the request.
 */
export class EwsThrottledError extends EwsError {
  readonly attempts: number;
  readonly totalWaitMs: number;
  readonly retryAfterMs: number | undefined;
  readonly reason: string;

  constructor(message: string, options: EwsThrottledErrorOptions) {
    super('EWS_THROTTLED', message, { requestFate: 'not-executed', ...options });
    this.attempts = options.attempts;
    this.totalWaitMs = options.totalWaitMs;
    this.retryAfterMs = options.retryAfterMs;
    this.reason = options.reason;
  }
}
