import type { DoctorContext } from './context.js';
import type { DoctorStatus } from './types.js';

/** What one step found; the runner adds its name and timing. */
export interface StepOutcome {
  readonly status: DoctorStatus;
  readonly detail: string;
  readonly advice?: string | undefined;
  readonly lines?: readonly string[] | undefined;
  /** Set when the steps after this one cannot run: the reason they are skipped. */
  readonly stops?: string | undefined;
}

/** A step: reads and extends the context; all its I/O ends with `signal` (the step's deadline). */
export type StepRun = (context: DoctorContext, signal: AbortSignal) => Promise<StepOutcome>;

export const pass = (detail: string, lines?: readonly string[]): StepOutcome => ({
  status: 'pass',
  detail,
  lines,
});

export const skip = (detail: string): StepOutcome => ({ status: 'skip', detail });

export function fail(detail: string, advice: string, extra: Partial<StepOutcome> = {}): StepOutcome {
  return { status: 'fail', detail, advice, ...extra };
}

export function warn(detail: string, advice: string, extra: Partial<StepOutcome> = {}): StepOutcome {
  return { status: 'warn', detail, advice, ...extra };
}

/** The host part of a URL without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

export function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** The error's code and message, short and on one line. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? `${error.code}: ` : '';
    const text = error.message.replace(/\s+/g, ' ').trim();
    const shown = text.length > 300 ? `${text.slice(0, 300)}…` : text;
    return shown.startsWith(code.slice(0, -2)) ? shown : `${code}${shown}`;
  }
  return String(error).slice(0, 300);
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}
