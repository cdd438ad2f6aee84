import type { AuthStrategy } from '../auth/strategy.js';
import { isAuthStrategy } from '../auth/strategy.js';
import type { CallOptions } from '../call-options.js';
import { EwsInvalidArgumentError } from '../errors/error-classes.js';
import type { Logger } from '../logging/logger.js';
import { silentLogger } from '../logging/logger.js';
import { redactUrl } from '../logging/redact.js';
import { takesTimeZoneContext } from '../operations/time-zone-context.js';
import { clientDeadlineMs, deadlineMs } from '../options/deadline.js';
import { endpointUrl } from '../options/endpoint-url.js';
import type { EwsHttpRequest } from '../pipeline/http.js';
import type { Policy } from '../pipeline/policy.js';
import type { RetryPolicy } from '../retry/retry-policy-options.js';
import type { Impersonation } from '../soap/envelope.js';
import { responseElementFor } from '../soap/operation-response.js';
import type { TlsOptions } from '../transport/tls-options.js';
import type { Transport } from '../transport/transport.js';
import type { UndiciTransportOptions } from '../transport/undici-transport.js';
import type { ExchangeVersion } from '../versions/exchange-version.js';
import { type ReaderLimitOverrides, type ReaderLimits, resolveReaderLimits } from '../xml/reader-limits.js';
import { createCallSignal } from './call-signal.js';
import { type ClientPipeline, createClientPipeline } from './client-pipeline.js';
import { readAnswer } from './read-answer.js';
import type { EwsResponse, readEwsResponse } from './read-response.js';
import { buildSoapRequest, type SoapRequestParts } from './soap-request.js';
import { type EwsStreamRequest, type EwsStreamResponse, sendStreamed } from './stream-call.js';
import { VersionNegotiator } from './version-negotiator.js';

/** Everything an EwsClient needs, resolved once at construction. */
export interface EwsClientOptions {
  /** The EWS endpoint, e.g. `https://mail.example.com/EWS/Exchange.asmx`. */
  readonly url: string | URL;
  /** How to authenticate; omit for anonymous servers. */
  readonly auth?: AuthStrategy | undefined;
  /**
   * The RequestServerVersion to send. Default `Exchange2013_SP1`, which every
   * Exchange from 2013 to Subscription Edition and Exchange Online accepts; if the
   * server rejects it, the client steps down through older versions.
   */
  readonly version?: ExchangeVersion | undefined;
  /** Step down to an older version when the server rejects the requested one. Default true. */
  readonly negotiateVersion?: boolean | undefined;
  /** Impersonate this mailbox on every call (a call may override it). */
  readonly impersonation?: Impersonation | undefined;
  /**
   * Windows time zone id sent as TimeZoneContext (e.g. `W. Europe Standard Time`), on the operations
   * whose binding takes that header (`TIME_ZONE_CONTEXT_OPERATIONS`) and on no other.
   */
  readonly timeZone?: string | undefined;
  /** Retry behaviour. Default: fail fast (no waiting), like exchangelib's FailFast. */
  readonly retry?: RetryPolicy | undefined;
  /** Silent by default. */
  readonly logger?: Logger | undefined;
  /** Log SOAP bodies (anonymized) at debug level. */
  readonly trace?: boolean | undefined;
  /**
   * Deadline for each call (all attempts, auth rounds and back-off sleeps; for `sendStream` also
   * the reading of the answer), in milliseconds. Default DEFAULT_TIMEOUT_MS (120 s), plus the
   * retry policy's `maxTotalWaitMs` when it is fault-tolerant. `NO_DEADLINE` (Infinity) turns it
   * off; 0, negative and NaN values are refused.
   */
  readonly timeoutMs?: number | undefined;
  /** Allows schemes that send a reusable password (Basic) over plain http. Off by default. */
  readonly allowInsecureHttp?: boolean | undefined;
  /** TLS options for the connections (CA, client certificate…). */
  readonly tls?: TlsOptions | undefined;
  /**
   * Transport options (connections, proxy, timeouts, a dispatcher of your own), or a Transport
   * object. The client tells `auth.onConnectionClosed` of every socket the transport closes
   * through `Transport.addConnectionClosedListener`; a Transport of yours without that method
   * is refused (EWS_INVALID_ARGUMENT) with a strategy that implements `onConnectionClosed`.
   */
  readonly transport?: Omit<UndiciTransportOptions, 'tls' | 'logger'> | Transport | undefined;
  /** Extra policies, placed just outside the auth policy. */
  readonly policies?: readonly Policy[] | undefined;
  /**
   * Bounds for reading answers (depth, names, attributes, answer and streamed item sizes); an
   * answer beyond one fails with EWS_PROTOCOL naming it. Defaults: DEFAULT_READER_LIMITS.
   */
  readonly readerLimits?: ReaderLimitOverrides | undefined;
}

/** One EWS call: the operation element and what to put in the SOAP header. */
export interface EwsRequest extends SoapRequestParts {
  /** Operation name, e.g. `GetFolder`; it must match the body's root element. */
  readonly operation: string;
  /** Sets `X-AnchorMailbox` (defaults to the impersonated address when impersonating). */
  readonly anchorMailbox?: string | undefined;
  /**
   * The local name of the answer's element, only for an operation services.wsdl does not define
   * (for the others it comes from a table generated from the WSDL); without it such an operation
   * is refused before sending.
   */
  readonly responseElement?: string | undefined;
  /**
   * HTTP headers an operation's own semantics need (GetUserPhoto's `if-none-match`). Only the
   * names in CONDITIONAL_REQUEST_HEADERS are taken; any other, or a value with a line break, is
   * refused with EWS_INVALID_ARGUMENT (auth, SOAP and routing headers stay the pipeline's).
   */
  readonly httpHeaders?: Readonly<Partial<Record<ConditionalRequestHeader, string>>> | undefined;
}

/** The request headers a caller may set on one EWS call (see EwsRequest.httpHeaders). */
export const CONDITIONAL_REQUEST_HEADERS = ['if-none-match'] as const;
export type ConditionalRequestHeader = (typeof CONDITIONAL_REQUEST_HEADERS)[number];

function conditionalHeaders(
  given: EwsRequest['httpHeaders'],
  operation: string,
): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(given ?? {})) {
    if (value === undefined) continue;
    if (!(CONDITIONAL_REQUEST_HEADERS as readonly string[]).includes(name))
      throw new EwsInvalidArgumentError(`${operation}: the request header '${name}' cannot be set per call`);
    if (/[\r\n]/.test(value))
      throw new EwsInvalidArgumentError(`${operation}: the '${name}' header value has a line break`);
    out[name] = value;
  }
  return out;
}

export type EwsCallOptions = CallOptions;

/**
 * Sends EWS operations: builds the SOAP envelope, runs the policy pipeline (retry,
 * auth, affinity, logging) over the undici transport, decodes the answer, and keeps
 * track of the server's version.
 */
export class EwsClient implements AsyncDisposable {
  readonly url: URL;
  readonly #pipeline: ClientPipeline;
  readonly #versions: VersionNegotiator;
  readonly #defaults: Required<Pick<EwsClientOptions, 'negotiateVersion'>> &
    Pick<EwsClientOptions, 'impersonation' | 'timeZone'> & { readonly timeoutMs: number };
  readonly #logger: Logger;
  readonly #readerLimits: ReaderLimits;
  #closed = false;

  constructor(options: EwsClientOptions) {
    this.url = endpointUrl('options.url', options.url);
    if (options.auth !== undefined && !isAuthStrategy(options.auth)) {
      throw new EwsInvalidArgumentError(
        'options.auth is not an AuthStrategy (ews.auth.v1); make one with a factory such as createBasicAuth()',
      );
    }
    this.#logger = options.logger ?? silentLogger;
    this.#readerLimits = resolveReaderLimits(options.readerLimits, 'options.readerLimits');
    this.#versions = new VersionNegotiator(options.version ?? 'Exchange2013_SP1');
    this.#defaults = {
      negotiateVersion: options.negotiateVersion ?? true,
      impersonation: options.impersonation,
      timeZone: options.timeZone,
      timeoutMs: clientDeadlineMs(options.timeoutMs, options.retry),
    };
    this.#pipeline = createClientPipeline(options, this.#logger);
  }

  /** The version the server reported in its last ServerVersionInfo, if any. */
  get serverVersion(): EwsResponse['serverVersion'] {
    return this.#versions.serverVersion;
  }

  /** The bounds answers are read within (options.readerLimits over DEFAULT_READER_LIMITS). */
  get readerLimits(): ReaderLimits {
    return this.#readerLimits;
  }

  /** The RequestServerVersion the next call will send. */
  get requestVersion(): ExchangeVersion {
    return this.#versions.current;
  }

  /**
   * Sends one operation. Resolves with the decoded ResponseMessages (each may be a
   * Success, Warning or Error: partial success is data, not an exception). Throws an
   * EwsError for faults, HTTP, auth, transport, timeout and abort failures.
   */
  async send(request: EwsRequest, options: EwsCallOptions = {}): Promise<EwsResponse> {
    if (this.#closed) throw new EwsInvalidArgumentError('This EwsClient is closed');
    const timeoutMs =
      options.timeoutMs === undefined ? this.#defaults.timeoutMs : deadlineMs('timeoutMs', options.timeoutMs);
    const call = createCallSignal(options.signal, timeoutMs);
    try {
      const tried = new Set<ExchangeVersion>();
      for (;;) {
        const version = this.#versions.current;
        tried.add(version);
        const http = this.#httpRequest(request, version, call.signal);
        const response = await this.#pipeline.send(http);
        const outcome = readAnswer(response, request.operation, version, {
          limits: this.#readerLimits,
          responseElement: request.responseElement,
        });
        if (outcome.serverVersion) this.#versions.observe(outcome.serverVersion);
        if (outcome.kind === 'ok') return outcome.response;
        if (this.#nextVersion(outcome, version, tried, request.operation) === undefined) throw outcome.error;
      }
    } catch (error) {
      throw call.translate(error, request.operation);
    } finally {
      call.dispose();
    }
  }

  /**
   * Sends one operation with a streamed request body (`body: { before, content, after }`) and
   * hands a successful answer's raw bytes over as they arrive, for large attachments and big
   * lists: neither side is held whole in memory. Runs the same pipeline as `send`; error answers
   * throw as there, and a rejected request version is stepped down as there.
   */
  sendStream(request: EwsStreamRequest, options: EwsCallOptions = {}): Promise<EwsStreamResponse> {
    if (this.#closed) return Promise.reject(new EwsInvalidArgumentError('This EwsClient is closed'));
    return sendStreamed(request, options, {
      pipeline: this.#pipeline,
      timeoutMs: this.#defaults.timeoutMs,
      readerLimits: this.#readerLimits,
      version: () => this.#versions.current,
      httpRequest: (streamRequest, version, signal) => this.#httpRequest(streamRequest, version, signal),
      nextVersion: (outcome, version, tried, operation) =>
        this.#nextVersion(outcome, version, tried, operation),
    });
  }

  /**
   * After an error answer to a call sent with `version`: the older version to try next when the
   * server rejected that one and negotiation is on (remembered for later calls), else undefined.
   */
  #nextVersion(
    outcome: ReturnType<typeof readEwsResponse>,
    version: ExchangeVersion,
    tried: Set<ExchangeVersion>,
    operation: string,
  ): ExchangeVersion | undefined {
    if (outcome.kind !== 'error' || !this.#defaults.negotiateVersion || !outcome.versionRejected)
      return undefined;
    const next = this.#versions.stepDown(version, tried);
    if (next !== undefined) {
      this.#logger.info('ews: server rejected the request version; retrying with an older one', {
        operation,
        rejected: version,
        next,
      });
    }
    return next;
  }

  /** Closes the connections this client opened (never a dispatcher you passed in). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pipeline.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** What JSON.stringify shows: the endpoint (without anything secret) and the versions. */
  toJSON(): { url: string; requestVersion: ExchangeVersion; serverVersion: string | undefined } {
    return {
      url: redactUrl(this.url),
      requestVersion: this.requestVersion,
      serverVersion: this.serverVersion?.build.toString(),
    };
  }

  /** What util.inspect and console.log show: the same as toJSON, never the auth strategy. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const { url, requestVersion } = this.toJSON();
    return `EwsClient { url: '${url}', requestVersion: '${requestVersion}' }`;
  }

  #httpRequest(request: EwsRequest, version: ExchangeVersion, signal: AbortSignal): EwsHttpRequest {
    // An operation whose answer element is unknown is refused before anything is sent.
    responseElementFor(request.operation, request.responseElement);
    const impersonation = request.impersonation ?? this.#defaults.impersonation;
    const { body, headers } = buildSoapRequest({
      ...request,
      version,
      impersonation,
      // The header goes only where the operation's binding declares it (services.wsdl).
      timeZone: takesTimeZoneContext(request.operation)
        ? (request.timeZone ?? this.#defaults.timeZone)
        : undefined,
    });
    return {
      url: this.url,
      method: 'POST',
      headers: { ...headers, ...conditionalHeaders(request.httpHeaders, request.operation) },
      body,
      operation: request.operation,
      signal,
      maxResponseBytes: this.#readerLimits.maxResponseBytes,
    };
  }
}
