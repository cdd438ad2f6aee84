/** A source of numbers in [0, 1), like `Math.random` (injectable for tests). */
export type RandomSource = () => number;

export interface BackoffInput {
  /** 1 for the sleep after the first failed attempt, 2 after the second… */
  readonly retry: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** What the server asked for (BackOffMilliseconds, Retry-After), if anything. */
  readonly serverDelayMs?: number | undefined;
  readonly random: RandomSource;
}

/**
 * Exponential back-off with full jitter: a uniform pick in [0, min(max, base·2^(n-1))],
 * which spreads clients that failed together. The server's request is a floor: we
 * never come back sooner than it asked, even when that exceeds `maxDelayMs`.
 */
export function backoffDelayMs(input: BackoffInput): number {
  const window = Math.min(input.maxDelayMs, input.baseDelayMs * 2 ** Math.max(0, input.retry - 1));
  const jittered = Math.floor(clampUnit(input.random()) * window);
  const server =
    input.serverDelayMs !== undefined && input.serverDelayMs > 0 ? Math.ceil(input.serverDelayMs) : 0;
  return Math.max(server, jittered);
}

// A misbehaving random source must not produce negative or runaway sleeps.
function clampUnit(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return Math.min(value, 1);
}
