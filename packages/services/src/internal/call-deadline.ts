import { type CallOptions, deadlineMs, EwsTimeoutError, NO_DEADLINE } from '@ews/core';

/*
 * `{ signal, timeoutMs }` of a services call. A call that sends one request hands both to it. A
 * call that sends several (a bulk verb's chunks, a query's pages, save's update and send) starts
 * one deadline with `wholeCall`: every request then gets what is left of `timeoutMs`, so the call
 * as a whole ends by then, as core's CallOptions promise. The deadline rides along in the options
 * object (spread copies keep it), so a verb that calls another verb keeps the outer deadline.
 */

const ENDS_AT = Symbol('@ews/services call deadline');

interface WithDeadline {
  readonly [ENDS_AT]?: { readonly at: number; readonly timeoutMs: number } | undefined;
}

/**
 * The same options with one deadline for every request the call sends; `timeoutMs` is checked
 * here, before anything is sent (EWS_INVALID_ARGUMENT). Options that already carry a deadline (a
 * verb inside a verb) keep it. Without `timeoutMs` each request has the client's deadline.
 */
export function wholeCall<O extends CallOptions>(options: O): O {
  if ((options as WithDeadline)[ENDS_AT] !== undefined || options.timeoutMs === undefined) return options;
  const timeoutMs = deadlineMs('timeoutMs', options.timeoutMs);
  if (timeoutMs === NO_DEADLINE) return options;
  const withDeadline: O & WithDeadline = {
    ...options,
    [ENDS_AT]: { at: performance.now() + timeoutMs, timeoutMs },
  };
  return withDeadline;
}

/**
 * Only the call options (`signal`, `timeoutMs` and the call's deadline, if it has one) of a verb's
 * options: what a verb hands to the verbs it calls, among options of their own.
 */
export function callOptionsOf(options: CallOptions): CallOptions {
  const deadline = (options as WithDeadline)[ENDS_AT];
  const picked: CallOptions & WithDeadline = { signal: options.signal, timeoutMs: options.timeoutMs };
  if (deadline === undefined) return picked;
  const kept: CallOptions & WithDeadline = { ...picked, [ENDS_AT]: deadline };
  return kept;
}

/**
 * What one request of a call is sent with: the caller's signal and the call's `timeoutMs` (checked
 * here, before anything is sent: EWS_INVALID_ARGUMENT), or what is left of its deadline. A deadline
 * already passed fails the request before it is sent (EWS_TIMEOUT, fate `not-sent`).
 */
export function requestOptions(options: CallOptions = {}, operation: string): CallOptions {
  const deadline = (options as WithDeadline)[ENDS_AT];
  if (deadline === undefined) {
    const { signal, timeoutMs } = options;
    return { signal, timeoutMs: timeoutMs === undefined ? undefined : deadlineMs('timeoutMs', timeoutMs) };
  }
  const left = Math.ceil(deadline.at - performance.now());
  if (left <= 0) {
    throw new EwsTimeoutError(`${operation} was not sent: the call's ${deadline.timeoutMs} ms had passed`, {
      operation,
      timeoutMs: deadline.timeoutMs,
      requestFate: 'not-sent',
    });
  }
  return { signal: options.signal, timeoutMs: left };
}
