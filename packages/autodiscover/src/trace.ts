import type { AutodiscoverProtocol } from './protocol.js';

/** How a step came to be tried. */
export type StepSource =
  | 'cache'
  | 'domain'
  | 'autodiscover-host'
  | 'http-redirect'
  | 'dns-srv'
  | 'redirect-url'
  | 'http-location';

/** What came of a step. */
export type StepOutcome =
  | 'settings'
  | 'redirect-address'
  | 'redirect-url'
  | 'redirect'
  | 'failed'
  | 'skipped';

/** One thing discovery tried, and why it did or did not lead anywhere. */
export interface AutodiscoverStep {
  readonly source: StepSource;
  /** The address being looked up at this step (changes after a redirect address). */
  readonly email: string;
  /** `POST` to an endpoint, the unauthenticated `GET` of the HTTP redirect step, or a DNS `SRV` lookup. */
  readonly action: 'POST' | 'GET' | 'SRV' | 'CACHE';
  /** URL (user info and query removed) or DNS name. */
  readonly target: string;
  readonly protocol?: AutodiscoverProtocol | undefined;
  readonly outcome: StepOutcome;
  /** Human-readable: what was found, or why it failed or was skipped. */
  readonly detail: string;
  readonly status?: number | undefined;
  /** The EwsError code, when the step failed with one. */
  readonly errorCode?: string | undefined;
  readonly durationMs: number;
}

/** One line per step, numbered, for error messages and logs. */
export function formatTrace(trace: readonly AutodiscoverStep[]): string {
  return trace
    .map((step, index) => {
      const protocol = step.protocol === undefined ? '' : ` [${step.protocol}]`;
      const status = step.status === undefined ? '' : ` HTTP ${step.status}`;
      return `${String(index + 1).padStart(2)}. ${step.source}: ${step.action} ${step.target}${protocol} -> ${step.outcome}${status}: ${step.detail}`;
    })
    .join('\n');
}
