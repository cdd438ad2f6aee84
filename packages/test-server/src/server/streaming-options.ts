import { TestServerError } from './test-server-error.js';

/** GetStreamingEvents timing and limits. */
export interface TestServerStreaming {
  /**
   * How long one "minute" of `ConnectionTimeout` lasts, in ms (default 60 000). Tests pass e.g. 200
   * so a stream with `ConnectionTimeout` 1 closes after 200 ms.
   */
  readonly minuteMs?: number;
  /** Interval of keep-alive envelopes (ConnectionStatus OK) on an open stream. Default: half a `minuteMs`. */
  readonly keepAliveMs?: number;
  /**
   * Open GetStreamingEvents connections per account (Exchange's HangingConnectionLimit: 3 on premises,
   * 10 in Exchange Online); one more is answered with ErrorExceededConnectionCount. Default 3.
   */
  readonly maxConnectionsPerUser?: number;
}

export interface ResolvedStreaming {
  readonly minuteMs: number;
  readonly keepAliveMs: number;
  readonly maxConnectionsPerUser: number;
}

function positive(name: string, value: number | undefined, integer: boolean): void {
  if (value === undefined) return;
  if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new TestServerError(
      'TEST_SERVER_OPTIONS',
      `streaming.${name} must be a positive ${integer ? 'integer' : 'number'}`,
    );
  }
}

/** Checks the options once, at start, and fills in the defaults. */
export function resolveStreaming(options: TestServerStreaming = {}): ResolvedStreaming {
  positive('minuteMs', options.minuteMs, false);
  positive('keepAliveMs', options.keepAliveMs, false);
  positive('maxConnectionsPerUser', options.maxConnectionsPerUser, true);
  const minuteMs = options.minuteMs ?? 60_000;
  return {
    minuteMs,
    keepAliveMs: options.keepAliveMs ?? minuteMs / 2,
    maxConnectionsPerUser: options.maxConnectionsPerUser ?? 3,
  };
}
