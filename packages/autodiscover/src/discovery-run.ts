import { EwsError, type Logger, redactUrl } from '@ews/core';
import { AutodiscoverError } from './autodiscover-error.js';
import { type AutodiscoverCache, readCachedEndpoint } from './cache.js';
import type { SrvResolver } from './dns.js';
import { domainOf, isSmtpAddress } from './email.js';
import type { EndpointAnswer } from './endpoint-answer.js';
import { queryEndpoint, type Redact } from './endpoint-step.js';
import { httpRedirectStep, type StepContext, srvOrigins } from './hint-steps.js';
import type { AutodiscoverHttp } from './http.js';
import { cut, MAX_STEP_DETAIL_LENGTH, MAX_URL_LENGTH } from './limits.js';
import { AUTODISCOVER_PATHS, type AutodiscoverProtocol, protocolForUrl } from './protocol.js';
import { checkRedirectPolicy, type PolicyVerdict, type RedirectPolicy } from './redirect-policy.js';
import type { AutodiscoverResult } from './result.js';
import { stepSignal, untilAborted } from './step-deadline.js';
import type { AutodiscoverStep, StepSource } from './trace.js';

/** Everything one discovery needs, resolved by the Autodiscover instance. */
export interface RunSettings {
  readonly http: AutodiscoverHttp;
  readonly dns: SrvResolver;
  readonly cache: AutodiscoverCache | undefined;
  readonly cacheTtlMs: number;
  readonly policy: RedirectPolicy;
  readonly protocols: readonly AutodiscoverProtocol[];
  readonly settings: readonly string[] | undefined;
  readonly maxRedirects: number;
  /** Each step's own deadline; undefined when the caller turned per-step deadlines off. */
  readonly stepTimeoutMs: number | undefined;
  readonly maxResponseBytes: number;
  readonly random: () => number;
  readonly now: () => number;
  readonly logger: Logger;
  readonly signal: AbortSignal;
}

type Attempt =
  | { readonly kind: 'found'; readonly result: AutodiscoverResult }
  | { readonly kind: 'redirect-address'; readonly address: string }
  | { readonly kind: 'failed'; readonly unreachable: boolean };

type StepFields = Omit<AutodiscoverStep, 'durationMs'>;
type StepBase = Omit<StepFields, 'outcome' | 'detail'>;

/**
 * One discovery: the documented order of steps per address, redirects under the policy, a
 * hop limit, loop detection and the trace. Lives for one `discover()` call.
 */
export class DiscoveryRun {
  readonly trace: AutodiscoverStep[] = [];
  readonly #s: RunSettings;
  readonly #email: string;
  readonly #trustedDomain: string;
  readonly #visited = new Set<string>();
  readonly #emails = new Set<string>();
  #redirects = 0;
  readonly #context: StepContext;

  constructor(settings: RunSettings, email: string) {
    this.#s = settings;
    this.#email = email.trim();
    this.#trustedDomain = domainOf(this.#email);
    this.#context = {
      settings,
      record: (step, started) => this.#record(step, started),
      countRedirect: () => this.#countRedirect(),
    };
  }

  async run(): Promise<AutodiscoverResult> {
    let email = this.#email;
    for (;;) {
      this.#emails.add(email.toLowerCase());
      const attempt = await this.#discoverAddress(email);
      if (attempt.kind === 'found') return attempt.result;
      if (attempt.kind === 'failed') {
        throw new AutodiscoverError('not-found', this.#email, 'no step produced an EWS URL', this.trace);
      }
      if (this.#emails.has(attempt.address.toLowerCase())) {
        throw this.#fail('circular-redirect', `redirect address ${attempt.address} was already tried`);
      }
      this.#countRedirect();
      email = attempt.address;
    }
  }

  /** The steps for one address, in order: cache, domain, autodiscover.domain, HTTP redirect, DNS SRV. */
  async #discoverAddress(email: string): Promise<Attempt> {
    const domain = domainOf(email);
    const cached = await this.#fromCache(email, domain);
    if (cached !== undefined) return cached;
    for (const [source, host] of [
      ['domain', domain],
      ['autodiscover-host', `autodiscover.${domain}`],
    ] as const) {
      const attempt = await this.#tryHost(email, domain, source, `https://${host}`);
      if (attempt.kind !== 'failed') return attempt;
    }
    const redirected = await httpRedirectStep(this.#context, email, domain);
    if (redirected !== undefined) {
      const attempt = await this.#tryUrl(
        email,
        domain,
        'http-redirect',
        redirected,
        this.#protocolFor(redirected, 'pox'),
      );
      if (attempt.kind !== 'failed') return attempt;
    }
    for (const origin of await srvOrigins(this.#context, email, domain)) {
      const attempt = await this.#tryHost(email, domain, 'dns-srv', origin);
      if (attempt.kind !== 'failed') return attempt;
    }
    return { kind: 'failed', unreachable: false };
  }

  /** Each protocol in turn at one host; a host that cannot be reached is not asked twice. */
  async #tryHost(email: string, domain: string, source: StepSource, origin: string): Promise<Attempt> {
    for (const protocol of this.#s.protocols) {
      const attempt = await this.#tryUrl(
        email,
        domain,
        source,
        new URL(AUTODISCOVER_PATHS[protocol], origin),
        protocol,
      );
      if (attempt.kind !== 'failed' || attempt.unreachable) return attempt;
    }
    return { kind: 'failed', unreachable: false };
  }

  async #fromCache(email: string, domain: string): Promise<Attempt | undefined> {
    const cache = this.#s.cache;
    if (cache === undefined) return undefined;
    let stored: unknown;
    try {
      stored = await this.#bounded(() => cache.get(domain));
    } catch (error) {
      if (this.#s.signal.aborted) throw error;
      // A broken or silent store costs a full discovery, not the discovery.
      this.#s.logger.warn('autodiscover: the cache store failed; discovering without it', {
        error: describe(error, this.#s.stepTimeoutMs),
      });
      return undefined;
    }
    const entry = readCachedEndpoint(stored, this.#s.now());
    if (entry === undefined) return undefined;
    const attempt = await this.#tryUrl(email, domain, 'cache', new URL(entry.url), entry.protocol);
    if (attempt.kind !== 'failed') return attempt;
    // A cached endpoint that no longer answers (or was planted) is dropped and rebuilt.
    await this.#store(() => cache.delete(domain));
    return undefined;
  }

  /**
   * POSTs to `url`, then follows redirect URLs and HTTP Locations (each counted and checked
   * against the policy) until settings, a redirect address or a failure.
   */
  async #tryUrl(
    email: string,
    domain: string,
    firstSource: StepSource,
    firstUrl: URL,
    firstProtocol: AutodiscoverProtocol,
  ): Promise<Attempt> {
    let source = firstSource;
    let url = firstUrl;
    let protocol = firstProtocol;
    // URLs of this redirect chain: meeting one again is a loop, not a retry.
    const chain = new Set<string>();
    for (;;) {
      const started = performance.now();
      const base = { source, email, action: 'POST', target: redactUrl(url), protocol } as const;
      const verdict = await this.#checkPolicy(url);
      if (!verdict.allowed) {
        this.#record({ ...base, outcome: 'skipped', detail: `not contacted: ${verdict.reason}` }, started);
        return { kind: 'failed', unreachable: url === firstUrl };
      }
      const key = `${email.toLowerCase()} ${protocol} ${url.href}`;
      if (chain.has(key)) {
        throw this.#fail('circular-redirect', `${redactUrl(url)} redirected back to itself for ${email}`);
      }
      chain.add(key);
      if (this.#visited.has(key)) {
        this.#record({ ...base, outcome: 'skipped', detail: 'already tried by an earlier step' }, started);
        return { kind: 'failed', unreachable: false };
      }
      this.#visited.add(key);
      const result = await queryEndpoint({
        http: this.#s.http,
        url,
        protocol,
        email,
        settings: this.#s.settings,
        signal: stepSignal(this.#s.signal, this.#s.stepTimeoutMs),
        callSignal: this.#s.signal,
        stepTimeoutMs: this.#s.stepTimeoutMs,
        maxResponseBytes: this.#s.maxResponseBytes,
      });
      if (result.kind === 'failed') {
        this.#record(
          {
            ...base,
            outcome: 'failed',
            detail: result.detail,
            status: result.status,
            errorCode: result.errorCode,
          },
          started,
          result.redact,
        );
        // Only the first URL's host tells about the host the caller will try next.
        return { kind: 'failed', unreachable: result.unreachable && url === firstUrl };
      }
      if (result.kind === 'location') {
        this.#record(
          {
            ...base,
            outcome: 'redirect',
            status: result.status,
            detail: `HTTP redirect to ${redactUrl(result.url)}`,
          },
          started,
        );
        this.#countRedirect();
        source = 'http-location';
        url = result.url;
        continue;
      }
      const answer = result.answer;
      const next = await this.#handleAnswer(
        answer,
        { ...base, status: result.status },
        // Every step recorded for this answer quotes it: its texts are masked.
        { started, redact: result.redact },
        email,
        domain,
        url,
        protocol,
        firstSource,
      );
      if (next.kind !== 'follow') return next;
      this.#countRedirect();
      source = 'redirect-url';
      url = next.url;
      protocol = this.#protocolFor(next.url, protocol);
    }
  }

  async #handleAnswer(
    answer: EndpointAnswer,
    base: StepBase,
    at: { readonly started: number; readonly redact: Redact },
    email: string,
    domain: string,
    url: URL,
    protocol: AutodiscoverProtocol,
    firstSource: StepSource,
  ): Promise<Attempt | { readonly kind: 'follow'; readonly url: URL }> {
    switch (answer.kind) {
      case 'redirect-address':
        if (!isSmtpAddress(answer.address)) {
          this.#record(
            { ...base, outcome: 'failed', detail: 'the redirect address is not an SMTP address' },
            at.started,
            at.redact,
          );
          return { kind: 'failed', unreachable: false };
        }
        this.#record(
          { ...base, outcome: 'redirect-address', detail: `redirect to address ${answer.address}` },
          at.started,
          at.redact,
        );
        return { kind: 'redirect-address', address: answer.address };
      case 'redirect-url': {
        if (answer.url.length > MAX_URL_LENGTH) {
          this.#record(
            {
              ...base,
              outcome: 'failed',
              detail: `the redirect URL is longer than ${MAX_URL_LENGTH} characters`,
            },
            at.started,
            at.redact,
          );
          return { kind: 'failed', unreachable: false };
        }
        let target: URL;
        try {
          target = new URL(answer.url, url);
        } catch {
          this.#record(
            { ...base, outcome: 'failed', detail: 'redirect URL is not a URL' },
            at.started,
            at.redact,
          );
          return { kind: 'failed', unreachable: false };
        }
        this.#record(
          { ...base, outcome: 'redirect-url', detail: `redirect to ${redactUrl(target)}` },
          at.started,
          at.redact,
        );
        return { kind: 'follow', url: target };
      }
      case 'error':
        this.#record({ ...base, outcome: 'failed', detail: answer.message }, at.started, at.redact);
        if (answer.severity === 'mailbox-not-found') {
          throw this.#fail('mailbox-not-found', `the server at ${url.host} says ${email} has no mailbox`);
        }
        return { kind: 'failed', unreachable: false };
      case 'settings': {
        const ewsUrl = answer.ewsUrl ?? '';
        if (ewsUrl.length > MAX_URL_LENGTH) {
          this.#record(
            {
              ...base,
              outcome: 'failed',
              detail: `the EWS URL offered is longer than ${MAX_URL_LENGTH} characters`,
            },
            at.started,
            at.redact,
          );
          return { kind: 'failed', unreachable: false };
        }
        if (!ewsUrl.startsWith('https://')) {
          this.#record(
            { ...base, outcome: 'failed', detail: `the EWS URL offered is not https: ${redactUrl(ewsUrl)}` },
            at.started,
            at.redact,
          );
          return { kind: 'failed', unreachable: false };
        }
        const errors =
          answer.settingErrors.length > 0 ? ` (not returned: ${answer.settingErrors.join(', ')})` : '';
        this.#record(
          { ...base, outcome: 'settings', detail: `EWS URL ${redactUrl(ewsUrl)}${errors}` },
          at.started,
          at.redact,
        );
        const cache = this.#s.cache;
        if (cache) {
          const entry = { url: url.href, protocol, expiresAt: this.#s.now() + this.#s.cacheTtlMs };
          await this.#store(() => cache.set(domain, entry));
        }
        return {
          kind: 'found',
          result: {
            email: this.#email,
            smtpAddress: answer.settings.AutoDiscoverSMTPAddress ?? email,
            ewsUrl,
            protocol,
            autodiscoverUrl: url.href,
            serverVersion: answer.serverVersion,
            userSettings: Object.freeze({ ...answer.settings }),
            fromCache: firstSource === 'cache',
            trace: this.trace,
          },
        };
      }
    }
  }

  /** The dialect a redirect target's path names, if the caller allows it; else the fallback. */
  #protocolFor(url: URL, fallback: AutodiscoverProtocol): AutodiscoverProtocol {
    const named = protocolForUrl(url);
    const allowed = this.#s.protocols;
    if (named !== undefined && allowed.includes(named)) return named;
    return allowed.includes(fallback) ? fallback : (allowed[0] ?? fallback);
  }

  /** Cache writes are best effort: a failing or silent store is logged, never fatal. */
  async #store(write: () => void | Promise<void>): Promise<void> {
    try {
      await this.#bounded(write);
    } catch (error) {
      if (this.#s.signal.aborted) throw error;
      this.#s.logger.warn('autodiscover: the cache store failed to save', {
        error: describe(error, this.#s.stepTimeoutMs),
      });
    }
  }

  /** A caller's callback (cache store, policy) held to one step's deadline. */
  #bounded<T>(work: () => T | Promise<T>): Promise<T> {
    return untilAborted(work, stepSignal(this.#s.signal, this.#s.stepTimeoutMs));
  }

  /** The redirect policy, its `allow()` callback held to a step's deadline; a failing one says no. */
  async #checkPolicy(url: URL): Promise<PolicyVerdict> {
    try {
      return await this.#bounded(() => checkRedirectPolicy(url, this.#trustedDomain, this.#s.policy));
    } catch (error) {
      if (this.#s.signal.aborted) throw error;
      return {
        allowed: false,
        reason: `redirectPolicy.allow failed: ${describe(error, this.#s.stepTimeoutMs)}`,
      };
    }
  }

  #countRedirect(): void {
    this.#redirects += 1;
    if (this.#redirects > this.#s.maxRedirects) {
      throw this.#fail('too-many-redirects', `more than ${this.#s.maxRedirects} redirects`);
    }
  }

  #fail(
    reason: 'circular-redirect' | 'too-many-redirects' | 'mailbox-not-found',
    summary: string,
  ): AutodiscoverError {
    return new AutodiscoverError(reason, this.#email, summary, this.trace);
  }

  /**
   * Every step of the trace passes here: server texts in the detail are masked (`redact`: what the
   * request carried, when the detail quotes its answer), then cut to a bounded length.
   */
  #record(step: StepFields, started: number, redact?: Redact): void {
    const entry: AutodiscoverStep = {
      ...step,
      detail: cut(redact === undefined ? step.detail : redact(step.detail), MAX_STEP_DETAIL_LENGTH),
      durationMs: Math.round(performance.now() - started),
    };
    this.trace.push(entry);
    this.#s.logger.debug('autodiscover: step', { ...entry });
  }
}

/** Why a callback failed, for logs and the trace: a timed-out step says so. */
function describe(error: unknown, stepTimeoutMs: number | undefined): string {
  if (EwsError.isInstance(error) && error.code === 'EWS_ABORTED') {
    return `no answer within ${stepTimeoutMs} ms`;
  }
  return cut(error instanceof Error ? error.message : String(error), MAX_STEP_DETAIL_LENGTH);
}
