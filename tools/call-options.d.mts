/**
 * Every place a package's public API takes an AbortSignal without a `timeoutMs`: an AbortSignal
 * parameter, or an options object with `signal` and no `timeoutMs`; sorted.
 */
export function bareSignalsOf(entry: string): string[];
