import { integerInRange, nonNegativeDuration, positiveInteger } from '@ews/core';

/**
 * How a self-healing subscription (`watch`) waits between attempts to reconnect or resubscribe:
 * exponential back-off from `initialDelayMs`, capped at `maxDelayMs`, at most `maxAttempts`
 * failures in a row (a connection that delivers again starts the count afresh). A stream the server
 * ended cleanly (ConnectionStatus Closed) is reopened at once and is no failure.
 */
export interface ReconnectPolicy {
  /** Failed attempts in a row before the iteration throws the last error (default 8; 1…1000). */
  readonly maxAttempts?: number | undefined;
  /** The wait before the first retry (default 500 ms). */
  readonly initialDelayMs?: number | undefined;
  /** The longest wait (default 30 s). */
  readonly maxDelayMs?: number | undefined;
  /** Factor between one wait and the next (default 2; 1…10). */
  readonly multiplier?: number | undefined;
}

export const DEFAULT_RECONNECT_POLICY = {
  maxAttempts: 8,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  multiplier: 2,
} as const;

export interface ResolvedReconnectPolicy {
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly multiplier: number;
}

/** Checks a policy once, when `watch` starts (EWS_INVALID_ARGUMENT for a value out of range). */
export function resolveReconnectPolicy(policy: ReconnectPolicy = {}): ResolvedReconnectPolicy {
  const d = DEFAULT_RECONNECT_POLICY;
  return {
    maxAttempts: positiveInteger('retry.maxAttempts', policy.maxAttempts ?? d.maxAttempts, { max: 1000 }),
    initialDelayMs: nonNegativeDuration('retry.initialDelayMs', policy.initialDelayMs ?? d.initialDelayMs),
    maxDelayMs: nonNegativeDuration('retry.maxDelayMs', policy.maxDelayMs ?? d.maxDelayMs),
    multiplier: integerInRange('retry.multiplier', policy.multiplier ?? d.multiplier, 1, 10),
  };
}

/** The wait before retry number `attempt` (1 = the first retry). */
export function reconnectDelay(policy: ResolvedReconnectPolicy, attempt: number): number {
  positiveInteger('attempt', attempt);
  const grown = policy.initialDelayMs * policy.multiplier ** (attempt - 1);
  return Math.min(policy.maxDelayMs, grown);
}
