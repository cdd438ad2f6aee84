import { seededRandom } from '../seed/seeded-random.js';
import { TestServerError } from './test-server-error.js';

/** A fault that hits a share of requests: `rate` 0..1 (1 = every matching request). */
export interface FaultRate {
  readonly rate: number;
}

/**
 * Simulated trouble, deterministic from `seed`: the same seed and the same request sequence give
 * the same faults. Each EWS request draws once per configured fault, in the order listed here.
 */
export interface TestServerFaults {
  /** PRNG seed; default 1. */
  readonly seed?: number;
  /** Only requests for these operations (body element names) are affected; default all. */
  readonly operations?: readonly string[];
  /** The connection is reset before the request is executed (nothing changed on the server). */
  readonly resetBeforeExecute?: FaultRate;
  /** HTTP 503 Service Unavailable without executing the request, as IIS answers under load. */
  readonly http503?: FaultRate & { readonly retryAfterSeconds?: number };
  /** An ErrorServerBusy fault with BackOffMilliseconds (Exchange's throttling answer); not executed. */
  readonly serverBusy?: FaultRate & { readonly backOffMilliseconds?: number };
  /** The answer is delayed by `delayMs` (the request runs after the delay). */
  readonly slow?: FaultRate & { readonly delayMs: number };
  /** The request IS executed, then the connection is reset before any response byte is sent. */
  readonly resetAfterExecute?: FaultRate;
  /** More concurrent EWS requests per account than this get ErrorExceededConnectionCount. */
  readonly maxConcurrentPerUser?: number;
}

export type FaultDecision =
  | { readonly kind: 'resetBeforeExecute' }
  | { readonly kind: 'http503'; readonly retryAfterSeconds: number }
  | { readonly kind: 'serverBusy'; readonly backOffMilliseconds: number };

/** What happens to one request. */
export interface FaultPlan {
  /** Answers instead of executing the request. */
  readonly preempt: FaultDecision | undefined;
  readonly delayMs: number;
  readonly resetAfterExecute: boolean;
}

const NO_FAULTS: FaultPlan = { preempt: undefined, delayMs: 0, resetAfterExecute: false };

function checkRate(name: string, fault: FaultRate | undefined): void {
  if (fault !== undefined && !(fault.rate >= 0 && fault.rate <= 1)) {
    throw new TestServerError('TEST_SERVER_OPTIONS', `faults.${name}.rate must be between 0 and 1`);
  }
}

/** Draws fault decisions from one seeded PRNG; one instance per server. */
export class FaultInjector {
  private readonly random: () => number;
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly faults: TestServerFaults) {
    for (const name of [
      'resetBeforeExecute',
      'http503',
      'serverBusy',
      'slow',
      'resetAfterExecute',
    ] as const) {
      checkRate(name, faults[name]);
    }
    const max = faults.maxConcurrentPerUser;
    if (max !== undefined && !(Number.isInteger(max) && max >= 1)) {
      throw new TestServerError(
        'TEST_SERVER_OPTIONS',
        'faults.maxConcurrentPerUser must be a positive integer',
      );
    }
    this.random = seededRandom(faults.seed ?? 1);
  }

  private hit(fault: FaultRate | undefined): boolean {
    if (fault === undefined) return false;
    // Always draw, so one fault's rate never shifts the sequence another fault sees.
    return this.random() < fault.rate;
  }

  plan(operation: string | undefined): FaultPlan {
    const only = this.faults.operations;
    if (only !== undefined && (operation === undefined || !only.includes(operation))) return NO_FAULTS;
    const f = this.faults;
    const resetBefore = this.hit(f.resetBeforeExecute);
    const unavailable = this.hit(f.http503);
    const busy = this.hit(f.serverBusy);
    const slow = this.hit(f.slow);
    const resetAfter = this.hit(f.resetAfterExecute);
    const preempt: FaultDecision | undefined = resetBefore
      ? { kind: 'resetBeforeExecute' }
      : unavailable
        ? { kind: 'http503', retryAfterSeconds: f.http503?.retryAfterSeconds ?? 1 }
        : busy
          ? { kind: 'serverBusy', backOffMilliseconds: f.serverBusy?.backOffMilliseconds ?? 1000 }
          : undefined;
    return { preempt, delayMs: slow ? (f.slow?.delayMs ?? 0) : 0, resetAfterExecute: resetAfter };
  }

  /** Counts a request of `account` in; false when it exceeds the concurrency limit (not counted then). */
  enter(account: string): boolean {
    const count = this.inFlight.get(account) ?? 0;
    const max = this.faults.maxConcurrentPerUser;
    if (max !== undefined && count >= max) return false;
    this.inFlight.set(account, count + 1);
    return true;
  }

  leave(account: string): void {
    const count = (this.inFlight.get(account) ?? 1) - 1;
    if (count <= 0) this.inFlight.delete(account);
    else this.inFlight.set(account, count);
  }
}

/** The operation a SOAP body names (its first element inside Body), without a full parse. */
export function sniffOperation(xml: string): string | undefined {
  return /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(xml)?.[1];
}
