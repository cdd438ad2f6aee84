import { EwsTimeoutError, EwsTransportError } from '../../errors/error-classes.js';
import { EwsError, type EwsErrorCode, type EwsErrorOptions } from '../../errors/ews-error.js';
import type { Logger } from '../../logging/logger.js';
import { abortableSleep, errorForAbortedSignal, type Sleep } from '../../retry/abortable-sleep.js';
import { backoffDelayMs, type RandomSource } from '../../retry/backoff.js';
import type { RetryPolicy } from '../../retry/retry-policy-options.js';
import {
  type AttemptOutcome,
  decide,
  OUTCOME_OF_FATE,
  PERMANENT_TRANSPORT_CODES,
  RETRY_RULES,
  RETRYABLE_ERROR_CODES,
} from '../../retry/retry-rules.js';
import { EwsThrottledError } from '../../retry/throttled-error.js';
import type { EwsHttpRequest, EwsHttpResponse } from '../http.js';
import type { Policy, SendNext } from '../policy.js';
import type { ResponseClassifier } from '../response-signal.js';

export const RETRY_POLICY_NAME = 'retry';

export interface RetryPolicyOptions {
  readonly retry: RetryPolicy;
  /** Decides what a response means (throttled, transient, final); holds the EWS quirks. */
  readonly classify: ResponseClassifier;
  /** Whether running the operation twice is harmless (see `isIdempotent`). */
  readonly isIdempotent: (operation: string) => boolean;
  /** Jitter source; `Math.random` unless a test injects one. */
  readonly random?: RandomSource | undefined;
  /** Back-off sleep; the real, abortable timer unless a test injects one. */
  readonly sleep?: Sleep | undefined;
  /** Tells when and why a call waits before retrying. */
  readonly logger?: Logger | undefined;
}

/** One attempt's result: a response or a thrown error, and what it means for retrying. */
type Attempt =
  | {
      readonly outcome: AttemptOutcome;
      readonly response: EwsHttpResponse;
      readonly reason: string;
      readonly serverDelayMs?: number | undefined;
    }
  | {
      readonly outcome: AttemptOutcome;
      readonly error: unknown;
      readonly reason: string;
      readonly serverDelayMs?: undefined;
    };

/**
 * Re-sends throttled and failed exchanges per a `RetryPolicy` and the `RETRY_RULES`
 * table. It sits outside the auth policy, so each retry is authorized afresh and a 401
 * handshake is never counted as a retry.
 */
export function retryPolicy(options: RetryPolicyOptions): Policy {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;

  return {
    name: RETRY_POLICY_NAME,
    async send(request: EwsHttpRequest, next: SendNext): Promise<EwsHttpResponse> {
      const idempotent = options.isIdempotent(request.operation);
      let totalWaitMs = 0;
      let lastServerDelayMs: number | undefined;
      for (let attempts = 1; ; attempts += 1) {
        const attempt = await runAttempt(request, attempts, next, options.classify);
        // The caller's abort or the call's deadline ends the call; it is never retried.
        if ('error' in attempt && request.signal.aborted) throw attempt.error;
        if (attempt.serverDelayMs !== undefined) lastServerDelayMs = attempt.serverDelayMs;

        const decision = decide(attempt.outcome, idempotent);
        if (decision === 'refuse-ambiguous') {
          throw notResent('error' in attempt ? attempt.error : undefined, request, idempotent);
        }
        const plan =
          decision === 'retry'
            ? planWait(options.retry, attempts, totalWaitMs, attempt.serverDelayMs, random)
            : undefined;
        if (plan === undefined || 'stop' in plan) {
          if (attempt.outcome === 'throttled') {
            throw throttled(request, options.retry, attempt.reason, {
              attempts,
              totalWaitMs,
              lastServerDelayMs,
              stop: plan?.stop,
            });
          }
          if ('error' in attempt) {
            throw plan !== undefined && attempts > 1
              ? gaveUp(
                  attempt.error,
                  request,
                  `${attempts} attempts and ${totalWaitMs} ms of waiting: ${plan.stop}`,
                )
              : attempt.error;
          }
          // A transient answer after the last attempt: the caller decodes it into its own error.
          return attempt.response;
        }

        options.logger?.info('ews: waiting before retrying', {
          operation: request.operation,
          attempt: attempts,
          reason: attempt.reason,
          delayMs: plan.delayMs,
        });
        try {
          await sleep(plan.delayMs, request.signal);
        } catch (error) {
          if (!request.signal.aborted) throw error;
          throw errorForAbortedSignal(request.signal, {
            operation: request.operation,
            requestFate: RETRY_RULES[attempt.outcome].fate,
          });
        }
        totalWaitMs += plan.delayMs;
      }
    },
  };
}

async function runAttempt(
  request: EwsHttpRequest,
  attempt: number,
  next: SendNext,
  classify: ResponseClassifier,
): Promise<Attempt> {
  let response: EwsHttpResponse;
  try {
    response = await next({ ...request, attempt });
  } catch (error) {
    return { outcome: outcomeOfError(error), error, reason: reasonOfError(error) };
  }
  const signal = classify(response);
  switch (signal.kind) {
    case 'throttled':
      return { outcome: 'throttled', response, reason: signal.reason, serverDelayMs: signal.retryAfterMs };
    case 'transient':
      return {
        outcome: signal.executed === 'no' ? 'transient-not-executed' : 'transient-maybe-executed',
        response,
        reason: signal.reason,
      };
    default:
      return { outcome: 'final', response, reason: `HTTP ${response.status}` };
  }
}

function outcomeOfError(error: unknown): AttemptOutcome {
  if (!EwsError.isInstance(error) || !RETRYABLE_ERROR_CODES.has(error.code)) return 'final';
  const transportCode = (error as Partial<EwsTransportError>).transportCode;
  if (transportCode !== undefined && PERMANENT_TRANSPORT_CODES.has(transportCode)) return 'final';
  return OUTCOME_OF_FATE[error.requestFate ?? 'missing'];
}

function reasonOfError(error: unknown): string {
  return EwsError.isInstance(error) ? error.code : 'unexpected error';
}

type Plan = { readonly delayMs: number } | { readonly stop: string };

/** The next sleep, or why there is none. Fail-fast never waits. */
function planWait(
  retry: RetryPolicy,
  attempts: number,
  totalWaitMs: number,
  serverDelayMs: number | undefined,
  random: RandomSource,
): Plan {
  if (retry.kind === 'fail-fast') return { stop: 'the fail-fast retry policy does not wait' };
  if (attempts >= retry.maxAttempts) return { stop: `maxAttempts (${retry.maxAttempts}) was reached` };
  const delayMs = backoffDelayMs({
    retry: attempts,
    baseDelayMs: retry.baseDelayMs,
    maxDelayMs: retry.maxDelayMs,
    serverDelayMs,
    random,
  });
  if (totalWaitMs + delayMs > retry.maxTotalWaitMs) {
    return { stop: `waiting ${delayMs} ms more would exceed maxTotalWaitMs (${retry.maxTotalWaitMs} ms)` };
  }
  return { delayMs };
}

function throttled(
  request: EwsHttpRequest,
  retry: RetryPolicy,
  reason: string,
  facts: {
    attempts: number;
    totalWaitMs: number;
    lastServerDelayMs: number | undefined;
    stop: string | undefined;
  },
): EwsThrottledError {
  const asked =
    facts.lastServerDelayMs === undefined
      ? 'it did not say how long to wait'
      : `it asked to wait ${facts.lastServerDelayMs} ms (${formatSeconds(facts.lastServerDelayMs)}) before retrying`;
  const hint =
    retry.kind === 'fail-fast'
      ? ' Use faultTolerant({ maxTotalWaitMs }) to wait and retry automatically.'
      : '';
  return new EwsThrottledError(
    `${request.operation} was throttled by the server (${reason}); ${asked}. Gave up after ${facts.attempts} ` +
      `attempt(s) and ${facts.totalWaitMs} ms of waiting: ${facts.stop ?? 'no retry allowed'}.${hint}`,
    {
      operation: request.operation,
      attempts: facts.attempts,
      totalWaitMs: facts.totalWaitMs,
      retryAfterMs: facts.lastServerDelayMs,
      reason,
    },
  );
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

type Rebuild = (message: string, options: EwsErrorOptions, original: EwsError) => EwsError;

/** Keeps the class (and its extra fields) of the errors the retry table may refuse to re-send. */
const REBUILD: Partial<Record<EwsErrorCode, Rebuild>> = {
  EWS_TRANSPORT: (message, options, original) =>
    new EwsTransportError(message, {
      ...options,
      transportCode: (original as EwsTransportError).transportCode,
    }),
  EWS_TIMEOUT: (message, options, original) =>
    new EwsTimeoutError(message, { ...options, timeoutMs: (original as EwsTimeoutError).timeoutMs }),
};

/** The same error (class, code, extra fields) with a new message; the original becomes the cause. */
function rewrap(original: EwsError, message: string, options: EwsErrorOptions): EwsError {
  const rebuild = REBUILD[original.code];
  const withCause = { ...options, cause: original };
  return rebuild ? rebuild(message, withCause, original) : new EwsError(original.code, message, withCause);
}

/** The last attempt's error, saying how much retrying was done. */
function gaveUp(error: unknown, request: EwsHttpRequest, summary: string): unknown {
  if (!EwsError.isInstance(error)) return error;
  return rewrap(error, `${error.message} (gave up after ${summary})`, {
    operation: request.operation,
    requestFate: error.requestFate,
  });
}

/** The error for "it may have run and we will not send it twice". */
function notResent(error: unknown, request: EwsHttpRequest, idempotent: boolean): unknown {
  if (!EwsError.isInstance(error)) return error;
  const why = idempotent
    ? ''
    : ` because ${request.operation} is not idempotent (sending it twice could, for example, create a duplicate)`;
  return rewrap(
    error,
    `${request.operation} may have been executed by the server and was not re-sent${why}. ` +
      `Check the mailbox before trying again. Cause: ${error.message}`,
    { operation: request.operation, requestFate: 'unknown' },
  );
}
