/** Options every async call accepts. */
export interface CallOptions {
  /** Aborts the call, including retries and back-off sleeps. */
  readonly signal?: AbortSignal | undefined;
  /** Upper bound for the whole call (all attempts and sleeps), in milliseconds. */
  readonly timeoutMs?: number | undefined;
}
