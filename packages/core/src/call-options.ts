/** Options every async call accepts. */
export interface CallOptions {
  /** Aborts the call, including retries and back-off sleeps. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Upper bound for the whole call (all attempts and sleeps), in milliseconds; replaces the
   * client's deadline for this call. `NO_DEADLINE` (Infinity) turns it off; 0, negative and
   * NaN values are refused with EWS_INVALID_ARGUMENT.
   */
  readonly timeoutMs?: number | undefined;
}
