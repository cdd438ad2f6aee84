import { EwsAbortError, EwsTimeoutError } from '../errors/error-classes.js';
import { EwsError } from '../errors/ews-error.js';

/** One signal for a whole call: the caller's signal and the call's deadline, whichever fires first. */
export interface CallSignal {
  readonly signal: AbortSignal;
  /** Turns whatever the pipeline threw into the error the caller should see. */
  translate(error: unknown, operation: string): unknown;
  /** Clears the deadline timer. */
  dispose(): void;
}

export function createCallSignal(
  callerSignal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): CallSignal {
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) controller.abort(callerSignal.reason);
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort(
            new EwsTimeoutError(`The call did not finish within ${timeoutMs} ms`, { timeoutMs }),
          );
        }, timeoutMs);

  return {
    signal: controller.signal,
    translate(error, operation) {
      if (!controller.signal.aborted) return error;
      const requestFate = EwsError.isInstance(error) ? error.requestFate : undefined;
      if (timedOut) {
        return new EwsTimeoutError(`${operation} did not finish within ${timeoutMs} ms`, {
          timeoutMs,
          operation,
          requestFate,
          cause: error,
        });
      }
      if (EwsError.isInstance(error) && error.code === 'EWS_ABORTED') return error;
      return new EwsAbortError(`${operation} was aborted`, {
        operation,
        requestFate,
        cause: callerSignal?.reason ?? error,
      });
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
