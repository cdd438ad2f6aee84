import { EwsAbortError, EwsTimeoutError } from '../errors/error-classes.js';
import { EwsError } from '../errors/ews-error.js';

/** One signal for a whole call: the caller's signal and the call's deadline, whichever fires first. */
export interface CallSignal {
  readonly signal: AbortSignal;
  /** Turns whatever the pipeline threw into the error the caller should see. */
  translate(error: unknown, operation: string): unknown;
  /**
   * Stops the deadline's clock while the caller holds a streamed answer's chunk (the wait is the
   * caller's, not the server's); `resume` starts it again with what is left.
   */
  pause(): void;
  resume(): void;
  /** Clears the deadline timer. */
  dispose(): void;
}

/**
 * `timeoutMs` is a resolved deadline: milliseconds, or Infinity for none (see options/deadline.ts).
 */
export function createCallSignal(callerSignal: AbortSignal | undefined, timeoutMs: number): CallSignal {
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) controller.abort(callerSignal.reason);
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

  const bounded = Number.isFinite(timeoutMs);
  let remainingMs = timeoutMs;
  let startedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  const expire = () => {
    timer = undefined;
    timedOut = true;
    controller.abort(new EwsTimeoutError(`The call did not finish within ${timeoutMs} ms`, { timeoutMs }));
  };
  const start = () => {
    if (!bounded || disposed || timer !== undefined || controller.signal.aborted) return;
    startedAt = Date.now();
    timer = setTimeout(expire, Math.max(0, remainingMs));
  };
  const stop = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    remainingMs -= Date.now() - startedAt;
  };
  start();

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
    pause: stop,
    resume: start,
    dispose() {
      disposed = true;
      stop();
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
