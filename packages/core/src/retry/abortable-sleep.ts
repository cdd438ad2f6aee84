import { EwsAbortError, EwsTimeoutError } from '../errors/error-classes.js';
import { EwsError, type RequestFate } from '../errors/ews-error.js';

/** Waits `ms`, or rejects as soon as `signal` aborts (injectable for tests). */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * The real sleep: a timer that is cleared the moment the signal aborts, so an
 * aborted back-off leaves no timer keeping the process alive.
 */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(errorForAbortedSignal(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(errorForAbortedSignal(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * The error for an aborted signal: a deadline (the call's `timeoutMs` aborts with an
 * EwsTimeoutError reason) stays a timeout, anything else is the caller's abort.
 */
export function errorForAbortedSignal(
  signal: AbortSignal,
  details: { readonly operation?: string | undefined; readonly requestFate?: RequestFate | undefined } = {},
): EwsError {
  const reason: unknown = signal.reason;
  const what = details.operation ?? 'The call';
  if (EwsError.isInstance(reason) && reason.code === 'EWS_TIMEOUT') {
    return new EwsTimeoutError(`${what} did not finish in time (while waiting to retry)`, {
      ...details,
      cause: reason,
      timeoutMs: (reason as EwsTimeoutError).timeoutMs,
    });
  }
  return new EwsAbortError(`${what} was aborted (while waiting to retry)`, { ...details, cause: reason });
}
