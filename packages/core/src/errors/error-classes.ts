import { EwsError, type EwsErrorOptions } from './ews-error.js';

/** Bad input or options, found before anything was sent. */
export class EwsInvalidArgumentError extends EwsError {
  constructor(message: string, options: EwsErrorOptions = {}) {
    super('EWS_INVALID_ARGUMENT', message, { requestFate: 'not-sent', ...options });
  }
}

/** The operation or option is not available on the target server version. */
export class EwsUnsupportedError extends EwsError {
  constructor(message: string, options: EwsErrorOptions = {}) {
    super('EWS_UNSUPPORTED', message, { requestFate: 'not-sent', ...options });
  }
}

export interface EwsTransportErrorOptions extends EwsErrorOptions {
  /** The low-level code, e.g. undici's `UND_ERR_SOCKET` or Node's `ECONNREFUSED`. */
  readonly transportCode?: string | undefined;
}

/** Network, DNS, TLS or socket failure. */
export class EwsTransportError extends EwsError {
  readonly transportCode: string | undefined;
  constructor(message: string, options: EwsTransportErrorOptions = {}) {
    super('EWS_TRANSPORT', message, options);
    this.transportCode = options.transportCode;
  }
}

/** A deadline elapsed: the call's `timeoutMs`, or a connect/headers/body timeout. */
export class EwsTimeoutError extends EwsError {
  readonly timeoutMs: number | undefined;
  constructor(message: string, options: EwsErrorOptions & { readonly timeoutMs?: number | undefined } = {}) {
    super('EWS_TIMEOUT', message, options);
    this.timeoutMs = options.timeoutMs;
  }
}

/** The caller's signal aborted the call; `cause` is the signal's reason. */
export class EwsAbortError extends EwsError {
  constructor(message = 'The operation was aborted', options: EwsErrorOptions = {}) {
    super('EWS_ABORTED', message, options);
  }
}

/** An HTTP status that carried no EWS answer. Holds no request headers or body (they may hold secrets). */
export class EwsHttpError extends EwsError {
  readonly status: number;
  /** A few response headers that explain the failure (e.g. `x-caserrorcode`, `location`), never cookies. */
  readonly responseHeaders: Readonly<Record<string, string>>;
  constructor(
    message: string,
    status: number,
    options: EwsErrorOptions & { readonly responseHeaders?: Readonly<Record<string, string>> } = {},
  ) {
    super('EWS_HTTP', message, options);
    this.status = status;
    this.responseHeaders = options.responseHeaders ?? {};
  }
}

/** Authentication failed, or no scheme the server offered could be used. */
export class EwsAuthError extends EwsError {
  /** Schemes from the server's `WWW-Authenticate` headers, e.g. `['Negotiate', 'NTLM']`. */
  readonly offeredSchemes: readonly string[];
  /** The scheme the client tried, if any. */
  readonly attemptedScheme: string | undefined;
  constructor(
    message: string,
    options: EwsErrorOptions & {
      readonly offeredSchemes?: readonly string[];
      readonly attemptedScheme?: string | undefined;
    } = {},
  ) {
    super('EWS_AUTH', message, { requestFate: 'not-executed', ...options });
    this.offeredSchemes = options.offeredSchemes ?? [];
    this.attemptedScheme = options.attemptedScheme;
  }
}

/** The response could not be understood as EWS. */
export class EwsProtocolError extends EwsError {
  constructor(message: string, options: EwsErrorOptions = {}) {
    super('EWS_PROTOCOL', message, options);
  }
}
