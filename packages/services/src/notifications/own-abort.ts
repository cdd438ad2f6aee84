import { EwsError } from '@ews/core';

/** True when `error` is the abort of the caller's own `signal`: a notification loop then ends quietly. */
export function isOwnAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && EwsError.isInstance(error) && error.code === 'EWS_ABORTED';
}
