import {
  type AuthStrategy,
  type CallOptions,
  deadlineMs,
  EwsAbortError,
  EwsError,
  EwsInvalidArgumentError,
  EwsTimeoutError,
  isAuthStrategy,
  type Logger,
  nonNegativeInteger,
  positiveInteger,
  silentLogger,
  type TlsOptions,
} from '@ews/core';
import { AutodiscoverError } from './autodiscover-error.js';
import { type AutodiscoverCache, createMemoryCache } from './cache.js';
import { DiscoveryRun, type RunSettings } from './discovery-run.js';
import { type SrvResolver, systemSrvResolver } from './dns.js';
import { type AutodiscoverHttp, type AutodiscoverTransportOption, createAutodiscoverHttp } from './http.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './limits.js';
import { type AutodiscoverProtocol, DEFAULT_PROTOCOLS } from './protocol.js';
import type { RedirectPolicy } from './redirect-policy.js';
import type { AutodiscoverResult } from './result.js';
import { timerMs } from './step-deadline.js';
import { formatTrace } from './trace.js';

export interface AutodiscoverOptions {
  /** How to authenticate to Autodiscover endpoints (usually the strategy you then give EwsClient). */
  readonly auth?: AuthStrategy | undefined;
  /** SRV lookups. Default: the system resolver (node:dns). */
  readonly dns?: SrvResolver | undefined;
  /** A core Transport of yours (never closed here), or options for a new undici transport. */
  readonly transport?: AutodiscoverTransportOption | undefined;
  /** TLS options for a transport created here (extra CA…). */
  readonly tls?: TlsOptions | undefined;
  /** Which hosts may receive credentials. Default: the address's own domain only. */
  readonly redirectPolicy?: RedirectPolicy | undefined;
  /**
   * The endpoint cache, per domain. Default: an in-memory cache owned by this instance.
   * Pass your own store to persist it, or `false` for none.
   */
  readonly cache?: AutodiscoverCache | false | undefined;
  /** How long a cached endpoint is used. Default 24 hours. */
  readonly cacheTtlMs?: number | undefined;
  /** Dialects to try at each host, in order. Default `['soap', 'pox']`. */
  readonly protocols?: readonly AutodiscoverProtocol[] | undefined;
  /** SOAP settings to request. Default: `DEFAULT_REQUESTED_SETTINGS`. */
  readonly settings?: readonly string[] | undefined;
  /** Redirects (addresses, URLs, HTTP Locations, the HTTP redirect step) followed at most. Default 10. */
  readonly maxRedirects?: number | undefined;
  /**
   * Deadline for each single step (one endpoint's POST and answer, the HTTP redirect GET, the SRV
   * lookup, a cache store or `redirectPolicy.allow` call), so one silent host cannot use up the
   * whole budget. Default 15 s. Milliseconds above 0, at most 2^31 − 1; `NO_DEADLINE` (Infinity,
   * from @ews/core) turns per-step deadlines off, and only `timeoutMs` and your signal end a step.
   */
  readonly stepTimeoutMs?: number | undefined;
  /**
   * Default deadline for a whole discovery. Default 60 s. Milliseconds above 0, at most
   * 2^31 − 1; `NO_DEADLINE` (Infinity) for none: your signal and the per-step deadlines end it.
   */
  readonly timeoutMs?: number | undefined;
  /**
   * The largest Autodiscover answer read, in bytes. Default 1 MiB (`DEFAULT_MAX_RESPONSE_BYTES`),
   * far above a real answer; a larger one is cut off as it arrives and that step fails.
   */
  readonly maxResponseBytes?: number | undefined;
  /** Silent by default; steps are logged at debug level. */
  readonly logger?: Logger | undefined;
  /** Random numbers in [0, 1) for the SRV weight draw (inject for repeatable tests). */
  readonly random?: (() => number) | undefined;
  /** The clock for cache expiry (epoch ms). */
  readonly now?: (() => number) | undefined;
}

const DEFAULTS = {
  cacheTtlMs: 24 * 60 * 60 * 1000,
  maxRedirects: 10,
  stepTimeoutMs: 15_000,
  timeoutMs: 60_000,
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
} as const;

/**
 * Finds the EWS endpoint for an address. One instance owns its transport and its endpoint
 * cache; reuse it for many addresses and close it when done.
 */
export class Autodiscover implements AsyncDisposable {
  readonly #options: AutodiscoverOptions;
  readonly #http: AutodiscoverHttp;
  readonly #cache: AutodiscoverCache | undefined;
  readonly #dns: SrvResolver;
  #closed = false;

  constructor(options: AutodiscoverOptions = {}) {
    if (options.auth !== undefined && !isAuthStrategy(options.auth)) {
      throw new EwsInvalidArgumentError(
        'options.auth is not an AuthStrategy; make one with a factory such as createBasicAuth()',
      );
    }
    // Core's checks, as every package's: NaN, 0 and negatives are refused, never read as "none".
    optional(options.stepTimeoutMs, (v) => deadlineMs('options.stepTimeoutMs', v));
    optional(options.timeoutMs, (v) => deadlineMs('options.timeoutMs', v));
    optional(options.cacheTtlMs, (v) => positiveInteger('options.cacheTtlMs', v));
    optional(options.maxRedirects, (v) => nonNegativeInteger('options.maxRedirects', v));
    optional(options.maxResponseBytes, (v) => positiveInteger('options.maxResponseBytes', v));
    const protocols = options.protocols ?? DEFAULT_PROTOCOLS;
    if (protocols.length === 0 || protocols.some((p) => p !== 'soap' && p !== 'pox')) {
      throw new EwsInvalidArgumentError("options.protocols must list 'soap' and/or 'pox'");
    }
    this.#options = options;
    this.#cache = options.cache === false ? undefined : (options.cache ?? createMemoryCache());
    this.#dns = options.dns ?? systemSrvResolver();
    this.#http = createAutodiscoverHttp({
      auth: options.auth,
      transport: options.transport,
      tls: options.tls,
      logger: options.logger ?? silentLogger,
    });
  }

  /**
   * Discovers the EWS URL for `email`. Resolves with the URL, the server version, the settings
   * and the trace; rejects with an AutodiscoverError (listing every step) when nothing worked,
   * EwsTimeoutError when `timeoutMs` elapsed, EwsAbortError when `signal` fired, and
   * EwsInvalidArgumentError for an address or a `timeoutMs` that cannot be one.
   */
  async discover(email: string, options: CallOptions = {}): Promise<AutodiscoverResult> {
    if (this.#closed) throw new EwsInvalidArgumentError('This Autodiscover instance is closed');
    optional(options.timeoutMs, (v) => deadlineMs('timeoutMs', v));
    // EwsAbortError as documented, not the signal's own DOMException AbortError.
    if (options.signal?.aborted)
      throw new EwsAbortError('Autodiscover was aborted', { cause: options.signal.reason });
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? DEFAULTS.timeoutMs;
    const timer = timerMs(timeoutMs);
    const signals = [options.signal, timer === undefined ? undefined : AbortSignal.timeout(timer)];
    const signal = AbortSignal.any(signals.filter((s): s is AbortSignal => s !== undefined));
    const settings: RunSettings = {
      http: this.#http,
      dns: this.#dns,
      cache: this.#cache,
      cacheTtlMs: this.#options.cacheTtlMs ?? DEFAULTS.cacheTtlMs,
      policy: this.#options.redirectPolicy ?? {},
      protocols: this.#options.protocols ?? DEFAULT_PROTOCOLS,
      settings: this.#options.settings,
      maxRedirects: this.#options.maxRedirects ?? DEFAULTS.maxRedirects,
      stepTimeoutMs: timerMs(this.#options.stepTimeoutMs ?? DEFAULTS.stepTimeoutMs),
      maxResponseBytes: this.#options.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
      random: this.#options.random ?? Math.random,
      now: this.#options.now ?? Date.now,
      logger: this.#options.logger ?? silentLogger,
      signal,
    };
    const run = new DiscoveryRun(settings, email);
    try {
      return await run.run();
    } catch (error) {
      if (error instanceof AutodiscoverError || !signal.aborted) throw error;
      const tried = run.trace.length === 0 ? '' : `; steps tried:\n${formatTrace(run.trace)}`;
      if (options.signal?.aborted) {
        if (EwsError.isInstance(error) && error.code === 'EWS_ABORTED') throw error;
        throw new EwsAbortError(`Autodiscover for ${email} was aborted${tried}`, {
          operation: 'Autodiscover',
          cause: options.signal.reason,
        });
      }
      throw new EwsTimeoutError(`Autodiscover for ${email} did not finish within ${timeoutMs} ms${tried}`, {
        operation: 'Autodiscover',
        timeoutMs,
        cause: error,
      });
    }
  }

  /** Closes the connections this instance opened (never a transport you passed in). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#http.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/**
 * One-off discovery: a fresh Autodiscover (with its own cache, unless you pass one), closed
 * afterwards. Keep an `Autodiscover` instance instead when you discover several addresses.
 */
export async function discover(
  email: string,
  options: AutodiscoverOptions & CallOptions = {},
): Promise<AutodiscoverResult> {
  const { signal, timeoutMs, ...rest } = options;
  const autodiscover = new Autodiscover(timeoutMs === undefined ? rest : { ...rest, timeoutMs });
  try {
    return await autodiscover.discover(email, signal === undefined ? {} : { signal });
  } finally {
    await autodiscover.close();
  }
}

/** Checks an option when it is given (a default stands in for it otherwise). */
function optional(value: number | undefined, check: (value: number) => number): void {
  if (value !== undefined) check(value);
}
