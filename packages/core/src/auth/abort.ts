import { EwsAbortError } from '../errors/error-classes.js';

/** Throws EwsAbortError (cause: the signal's reason) when `signal` has already aborted. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new EwsAbortError('The operation was aborted', { cause: signal.reason });
}

/**
 * Resolves like `promise`, or rejects with EwsAbortError as soon as `signal` aborts. For work
 * that cannot be cancelled (a token request, a GSSAPI call): an abort stops the waiting, not
 * the work, and a late failure of `promise` is swallowed rather than left unhandled.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(new EwsAbortError('The operation was aborted', { cause: signal.reason }));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void =>
      reject(new EwsAbortError('The operation was aborted', { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
