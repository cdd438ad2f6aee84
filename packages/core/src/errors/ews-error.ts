/**
 * Every error @ews throws is an EwsError with a stable `code`. Match on `code`
 * (or use `EwsError.isInstance`) rather than `instanceof`: two installed copies of
 * @ews/core have two different classes, but share the marker below.
 */
const marker = Symbol.for('@ews/core.error');

/** Stable error codes. New codes may be added in minor versions; existing ones never change meaning. */
export type EwsErrorCode =
  /** Bad input or options, found before anything was sent. */
  | 'EWS_INVALID_ARGUMENT'
  /** Network, DNS, TLS or socket failure. */
  | 'EWS_TRANSPORT'
  /** The call's `timeoutMs` (or a connect/headers/body timeout) elapsed. */
  | 'EWS_TIMEOUT'
  /** The caller's signal aborted the call. */
  | 'EWS_ABORTED'
  /** An HTTP status that carried no EWS answer (e.g. 404, 502, a CAS error page). */
  | 'EWS_HTTP'
  /** Authentication failed or no offered scheme could be used. */
  | 'EWS_AUTH'
  /** The server answered with a SOAP fault. */
  | 'EWS_SOAP_FAULT'
  /** A ResponseMessage with ResponseClass="Error" (see `responseCode`). */
  | 'EWS_RESPONSE'
  /** The response could not be understood (not XML, not EWS, missing elements). */
  | 'EWS_PROTOCOL'
  /** The operation is not available on the target server version. */
  | 'EWS_UNSUPPORTED'
  /** The server refused to run the request now (ErrorServerBusy, 429, 503) and retrying stopped. */
  | 'EWS_THROTTLED'
  /** Autodiscover found no EWS endpoint; the error's trace lists every step tried. */
  | 'EWS_AUTODISCOVER'
  /** A lookup that needs exactly one result (a query's `get()`, a folder path) found none. */
  | 'EWS_DOES_NOT_EXIST'
  /** A lookup that needs exactly one result found several. */
  | 'EWS_MULTIPLE_OBJECTS';

/**
 * What is known about whether the server executed the request:
 * - `not-sent`: no byte of this attempt left the client;
 * - `not-executed`: the server answered and did not execute it (e.g. throttled, 401);
 * - `unknown`: it may have been executed (connection lost after sending, timeout while waiting);
 * - `executed`: the server answered about it (for response errors: the server processed the request).
 */
export type RequestFate = 'not-sent' | 'not-executed' | 'unknown' | 'executed';

export interface EwsErrorOptions {
  readonly cause?: unknown;
  readonly requestFate?: RequestFate | undefined;
  /** The EWS operation, e.g. `CreateItem`. */
  readonly operation?: string | undefined;
}

export class EwsError extends Error {
  readonly code: EwsErrorCode;
  readonly requestFate: RequestFate | undefined;
  readonly operation: string | undefined;

  constructor(code: EwsErrorCode, message: string, options: EwsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.requestFate = options.requestFate;
    this.operation = options.operation;
    Object.defineProperty(this, marker, { value: true });
  }

  override get name(): string {
    return this.constructor.name;
  }

  /** True for an EwsError from any installed copy of @ews/core. */
  static isInstance(value: unknown): value is EwsError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
