import { EwsError } from '@ews/core';
import { type AutodiscoverStep, formatTrace } from './trace.js';

/**
 * Why discovery ended without an EWS URL:
 * - `not-found`: every step failed or was skipped (see the trace for each reason);
 * - `mailbox-not-found`: an Autodiscover server said the address has no mailbox;
 * - `circular-redirect`: a redirect led back to an address or URL already tried;
 * - `too-many-redirects`: more redirects than `maxRedirects`.
 */
export type AutodiscoverFailureReason =
  | 'not-found'
  | 'mailbox-not-found'
  | 'circular-redirect'
  | 'too-many-redirects';

/**
 * Discovery failed. `trace` lists every step tried and why it failed; the message prints it.
 * The code is `EWS_AUTODISCOVER`; match on `reason` for details.
 */
export class AutodiscoverError extends EwsError {
  readonly reason: AutodiscoverFailureReason;
  readonly email: string;
  readonly trace: readonly AutodiscoverStep[];

  constructor(
    reason: AutodiscoverFailureReason,
    email: string,
    summary: string,
    trace: readonly AutodiscoverStep[],
  ) {
    const steps = trace.length === 0 ? 'no steps were tried' : `steps tried:\n${formatTrace(trace)}`;
    super('EWS_AUTODISCOVER', `Autodiscover failed for ${email}: ${summary}; ${steps}`, {
      operation: 'Autodiscover',
      requestFate: 'executed',
    });
    this.reason = reason;
    this.email = email;
    this.trace = Object.freeze([...trace]);
  }
}
