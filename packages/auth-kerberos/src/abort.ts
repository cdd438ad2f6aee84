import { EwsAbortError } from '@ews/core';

/** Throws EwsAbortError (cause: the signal's reason) when `signal` has already aborted. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new EwsAbortError('The operation was aborted', { cause: signal.reason });
}

/**
 * Resolves like `promise`, or rejects with EwsAbortError as soon as `signal` aborts. GSSAPI
 * calls cannot be cancelled once started, so an abort stops the waiting, not the native work.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  throwIfAborted(signal);
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
