import type { EwsErrorCode, RequestFate } from '../errors/ews-error.js';

/** What one attempt came to, as far as retrying is concerned. */
export type AttemptOutcome =
  /** The server refused to run it now (ErrorServerBusy, 429, 503 + Retry-After). */
  | 'throttled'
  /** A transient answer; the server certainly did not run the request. */
  | 'transient-not-executed'
  /** A transient answer; the server may have run the request. */
  | 'transient-maybe-executed'
  /** The attempt failed before any byte left the client. */
  | 'failed-not-sent'
  /** The attempt failed after sending (connection lost, no answer in time): it may have run. */
  | 'failed-maybe-executed'
  /** Anything else: hand it to the caller. */
  | 'final';

/**
 * - `retry`: try again if the retry policy's budget allows;
 * - `give-up`: hand the response (or error) to the caller as it is;
 * - `refuse-ambiguous`: never re-send; tell the caller the request may have run.
 */
export type RetryDecision = 'retry' | 'give-up' | 'refuse-ambiguous';

export interface RetryRule {
  readonly idempotent: RetryDecision;
  readonly notIdempotent: RetryDecision;
  /** What is known about the request after this outcome (for errors raised while waiting). */
  readonly fate: RequestFate;
}

/**
 * The whole retry safety argument in one table: anything the server did not run may be
 * re-sent; something it may have run is re-sent only when running it twice is harmless.
 */
export const RETRY_RULES: Readonly<Record<AttemptOutcome, RetryRule>> = Object.freeze({
  throttled: { idempotent: 'retry', notIdempotent: 'retry', fate: 'not-executed' },
  'transient-not-executed': { idempotent: 'retry', notIdempotent: 'retry', fate: 'not-executed' },
  'transient-maybe-executed': { idempotent: 'retry', notIdempotent: 'give-up', fate: 'unknown' },
  'failed-not-sent': { idempotent: 'retry', notIdempotent: 'retry', fate: 'not-sent' },
  'failed-maybe-executed': { idempotent: 'retry', notIdempotent: 'refuse-ambiguous', fate: 'unknown' },
  final: { idempotent: 'give-up', notIdempotent: 'give-up', fate: 'executed' },
});

/**
 * Thrown errors worth another attempt: network and per-attempt timeouts. Others (bad
 * arguments, auth refusals, protocol errors) would fail the same way again.
 */
export const RETRYABLE_ERROR_CODES: ReadonlySet<EwsErrorCode> = new Set<EwsErrorCode>([
  'EWS_TRANSPORT',
  'EWS_TIMEOUT',
]);

/**
 * Transport failures that are not transient: the same request would fail the same way
 * (a certificate the client does not trust, a bad URL or option). Retrying them only
 * delays the error the caller must see.
 */
export const PERMANENT_TRANSPORT_CODES: ReadonlySet<string> = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_INVALID_URL',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UND_ERR_INVALID_ARG',
]);

/**
 * A retryable error's outcome by its `requestFate`. A missing fate is treated as
 * "may have run": assuming the safe side is what keeps writes from being doubled.
 */
export const OUTCOME_OF_FATE: Readonly<Record<RequestFate | 'missing', AttemptOutcome>> = Object.freeze({
  'not-sent': 'failed-not-sent',
  'not-executed': 'failed-not-sent',
  unknown: 'failed-maybe-executed',
  missing: 'failed-maybe-executed',
  executed: 'final',
});

export function decide(outcome: AttemptOutcome, idempotent: boolean): RetryDecision {
  const rule = RETRY_RULES[outcome];
  return idempotent ? rule.idempotent : rule.notIdempotent;
}
