import { EwsError } from '@ews/core';

/** The EwsError code a function throws, or a marker string when it throws something else or nothing. */
export function errorCodeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return EwsError.isInstance(error) ? error.code : `not an EwsError: ${String(error)}`;
  }
  return 'did not throw';
}
