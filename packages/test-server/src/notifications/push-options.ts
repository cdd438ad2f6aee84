import { TestServerError } from '../server/test-server-error.js';

/** Push subscription timing and limits (the server POSTs SendNotification to the subscriber's URL). */
export interface TestServerPush {
  /**
   * How long one "minute" of `StatusFrequency` lasts, in ms (default 60 000). Tests pass e.g. 200 so a
   * subscription with `StatusFrequency` 1 gets a StatusEvent every 200 ms while nothing happens.
   */
  readonly minuteMs?: number;
  /** How long a callback may take to answer before the delivery counts as failed. Default 30 000 ms. */
  readonly callbackTimeoutMs?: number;
  /**
   * Failed deliveries in a row (no answer, an HTTP error, or no SendNotificationResult) after which
   * the subscription ends, as Exchange gives up on an unreachable callback. Default 3.
   */
  readonly maxFailures?: number;
  /** Wait before the first retry of a failed delivery, doubled for each further one. Default: half a `minuteMs`. */
  readonly retryDelayMs?: number;
}

export interface ResolvedPush {
  readonly minuteMs: number;
  readonly callbackTimeoutMs: number;
  readonly maxFailures: number;
  readonly retryDelayMs: number;
}

function positive(name: string, value: number | undefined, integer: boolean): void {
  if (value === undefined) return;
  if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new TestServerError(
      'TEST_SERVER_OPTIONS',
      `push.${name} must be a positive ${integer ? 'integer' : 'number'}`,
    );
  }
}

/** Checks the options once, at start, and fills in the defaults. */
export function resolvePush(options: TestServerPush = {}): ResolvedPush {
  positive('minuteMs', options.minuteMs, false);
  positive('callbackTimeoutMs', options.callbackTimeoutMs, false);
  positive('maxFailures', options.maxFailures, true);
  positive('retryDelayMs', options.retryDelayMs, false);
  const minuteMs = options.minuteMs ?? 60_000;
  return {
    minuteMs,
    callbackTimeoutMs: options.callbackTimeoutMs ?? 30_000,
    maxFailures: options.maxFailures ?? 3,
    retryDelayMs: options.retryDelayMs ?? minuteMs / 2,
  };
}
