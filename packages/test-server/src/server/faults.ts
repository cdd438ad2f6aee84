import { seededRandom } from '../seed/seeded-random.js';
import { TestServerError } from './test-server-error.js';

/** A fault that hits a share of requests: `rate` 0..1 (1 = every matching request). */
export interface FaultRate {
  readonly rate: number;
}

/**
 * Simulated trouble, deterministic from `seed`: the same seed and the same request sequence give
 * the same faults. Each EWS request draws once per configured fault, in the order listed here;
 * `wrongMessageCount` draws from a stream of its own (derived from the same seed), so switching it
 * on or off leaves the sequences of the other faults as they were.
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
  /**
   * The request IS executed, then one ResponseMessage of the answer is dropped or duplicated
   * (which one, and which change, drawn from the seed) before it is sent, as a buggy proxy or server
   * would. A list of one message is always duplicated: EWS answers hold at least one. Faults,
   * answers without ResponseMessages and GetStreamingEvents are sent unchanged.
   */
  readonly wrongMessageCount?: FaultRate;
  /** More concurrent EWS requests per account than this get ErrorExceededConnectionCount. */
  readonly maxConcurrentPerUser?: number;
  /** Told about every fault as it is applied (for tests that count what they were put through). */
  readonly onFault?: (fault: InjectedFault) => void;
}

/** A fault the server applied to one request. */
export interface InjectedFault {
  readonly kind:
    | 'resetBeforeExecute'
    | 'http503'
    | 'serverBusy'
    | 'slow'
    | 'resetAfterExecute'
    | 'wrongMessageCount'
    | 'exceededConnectionCount';
  /** The operation the request named (its body element), when it could be read. */
  readonly operation: string | undefined;
  /** For `wrongMessageCount`: what was done to the answer's ResponseMessages. */
  readonly change?: MessageCountChange['change'];
}

/** One ResponseMessage dropped or duplicated; `position` in [0, 1) picks which (scaled to the count). */
export interface MessageCountChange {
  readonly change: 'dropped' | 'duplicated';
  readonly position: number;
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
  /** Applied to the executed answer before it is sent. */
  readonly wrongMessageCount: MessageCountChange | undefined;
}

const NO_FAULTS: FaultPlan = {
  preempt: undefined,
  delayMs: 0,
  resetAfterExecute: false,
  wrongMessageCount: undefined,
};

// Added to the seed for wrongMessageCount's own stream (any constant would do; this one is 2^32/φ).
const MESSAGE_COUNT_STREAM = 0x9e3779b9;

function checkRate(name: string, fault: FaultRate | undefined): void {
  if (fault !== undefined && !(fault.rate >= 0 && fault.rate <= 1)) {
    throw new TestServerError('TEST_SERVER_OPTIONS', `faults.${name}.rate must be between 0 and 1`);
  }
}

/** A wait the fault puts in the answer: a whole, non-negative number (NaN and Infinity refused). */
function checkWait(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
    throw new TestServerError('TEST_SERVER_OPTIONS', `faults.${name} must be a whole number >= 0`);
  }
}

const RATED_FAULTS = [
  'resetBeforeExecute',
  'http503',
  'serverBusy',
  'slow',
  'resetAfterExecute',
  'wrongMessageCount',
] as const;

/** Draws fault decisions from one seeded PRNG; one instance per server. */
export class FaultInjector {
  private readonly random: () => number;
  private readonly countRandom: () => number;
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly faults: TestServerFaults) {
    for (const name of RATED_FAULTS) checkRate(name, faults[name]);
    checkWait('http503.retryAfterSeconds', faults.http503?.retryAfterSeconds);
    checkWait('serverBusy.backOffMilliseconds', faults.serverBusy?.backOffMilliseconds);
    checkWait('slow.delayMs', faults.slow?.delayMs);
    const max = faults.maxConcurrentPerUser;
    if (max !== undefined && !(Number.isInteger(max) && max >= 1)) {
      throw new TestServerError(
        'TEST_SERVER_OPTIONS',
        'faults.maxConcurrentPerUser must be a positive integer',
      );
    }
    const seed = faults.seed ?? 1;
    this.random = seededRandom(seed);
    this.countRandom = seededRandom((seed + MESSAGE_COUNT_STREAM) >>> 0);
  }

  private hit(fault: FaultRate | undefined): boolean {
    if (fault === undefined) return false;
    // Always draw, so one fault's rate never shifts the sequence another fault sees.
    return this.random() < fault.rate;
  }

  /** Three draws per request from the fault's own stream, whether it hits or not. */
  private countChange(): MessageCountChange | undefined {
    const fault = this.faults.wrongMessageCount;
    if (fault === undefined) return undefined;
    const hit = this.countRandom() < fault.rate;
    const change = this.countRandom() < 0.5 ? 'dropped' : 'duplicated';
    const position = this.countRandom();
    return hit ? { change, position } : undefined;
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
    return {
      preempt,
      delayMs: slow ? (f.slow?.delayMs ?? 0) : 0,
      resetAfterExecute: resetAfter,
      wrongMessageCount: this.countChange(),
    };
  }

  /** Tells `onFault` (if any) that a fault was applied. */
  applied(fault: InjectedFault): void {
    this.faults.onFault?.(fault);
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

// The fields of each fault as JSON may give them (the CLI's --faults): a typo must not pass silently.
const FAULT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  resetBeforeExecute: ['rate'],
  http503: ['rate', 'retryAfterSeconds'],
  serverBusy: ['rate', 'backOffMilliseconds'],
  slow: ['rate', 'delayMs'],
  resetAfterExecute: ['rate'],
  wrongMessageCount: ['rate'],
};
const TOP_FIELDS = ['seed', 'operations', 'maxConcurrentPerUser', ...Object.keys(FAULT_FIELDS)];

function optionsError(message: string): TestServerError {
  return new TestServerError('TEST_SERVER_OPTIONS', `--faults: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `TestServerFaults` from JSON text (the CLI's `--faults`), shape-checked: unknown fields and values
 * of the wrong type are refused here; ranges are checked when the server starts.
 */
export function faultsFromJson(text: string): TestServerFaults {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw optionsError('not valid JSON');
  }
  if (!isRecord(value)) throw optionsError('must be a JSON object');
  for (const [key, field] of Object.entries(value)) {
    if (!TOP_FIELDS.includes(key)) throw optionsError(`unknown field ${JSON.stringify(key).slice(0, 60)}`);
    const allowed = FAULT_FIELDS[key];
    if (allowed !== undefined) {
      if (!isRecord(field)) throw optionsError(`${key} must be an object such as {"rate":0.1}`);
      if (typeof field.rate !== 'number') throw optionsError(`${key}.rate must be a number`);
      for (const [inner, innerValue] of Object.entries(field)) {
        if (!allowed.includes(inner)) {
          throw optionsError(`unknown field ${key}.${JSON.stringify(inner).slice(0, 60)}`);
        }
        if (typeof innerValue !== 'number') throw optionsError(`${key}.${inner} must be a number`);
      }
    } else if (key === 'operations') {
      if (!Array.isArray(field) || !field.every((op) => typeof op === 'string')) {
        throw optionsError('operations must be an array of operation names');
      }
    } else if (typeof field !== 'number') {
      throw optionsError(`${key} must be a number`);
    }
  }
  return value as TestServerFaults;
}
