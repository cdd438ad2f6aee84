import { EwsAbortError, EwsTimeoutError, EwsTransportError } from '../errors/error-classes.js';
import { EwsError, type RequestFate } from '../errors/ews-error.js';

interface ErrorRule {
  readonly kind: 'timeout' | 'transport';
  /** Fixed fate; otherwise it follows whether the request reached a socket. */
  readonly fate?: RequestFate;
  readonly what: string;
}

/** undici and Node error codes we can say something precise about. */
const rules: Readonly<Record<string, ErrorRule>> = {
  UND_ERR_CONNECT_TIMEOUT: { kind: 'timeout', fate: 'not-sent', what: 'connecting timed out' },
  UND_ERR_HEADERS_TIMEOUT: {
    kind: 'timeout',
    fate: 'unknown',
    what: 'waiting for the response headers timed out',
  },
  UND_ERR_BODY_TIMEOUT: { kind: 'timeout', fate: 'unknown', what: 'waiting for the response body timed out' },
  UND_ERR_SOCKET: { kind: 'transport', what: 'the connection failed' },
  UND_ERR_CLOSED: { kind: 'transport', what: 'the connection pool was closed' },
  UND_ERR_DESTROYED: { kind: 'transport', what: 'the connection pool was destroyed' },
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: {
    kind: 'transport',
    fate: 'unknown',
    what: 'the response was cut short',
  },
  ECONNREFUSED: { kind: 'transport', fate: 'not-sent', what: 'the connection was refused' },
  ENOTFOUND: { kind: 'transport', fate: 'not-sent', what: 'the host name could not be resolved' },
  EAI_AGAIN: { kind: 'transport', fate: 'not-sent', what: 'the host name could not be resolved' },
  EHOSTUNREACH: { kind: 'transport', fate: 'not-sent', what: 'the host is unreachable' },
  ENETUNREACH: { kind: 'transport', fate: 'not-sent', what: 'the network is unreachable' },
  ECONNRESET: { kind: 'transport', what: 'the connection was reset' },
  EPIPE: { kind: 'transport', what: 'the connection was closed while sending' },
};

export interface ErrorContext {
  readonly url: URL;
  readonly operation: string;
  /** True once the request was handed to a socket (bytes may have left). */
  readonly dispatched: boolean;
}

/** Turns what undici or Node threw into an EwsError with a stable code and an honest request fate. */
export function toEwsTransportError(error: unknown, context: ErrorContext): EwsError {
  const fallbackFate: RequestFate = context.dispatched ? 'unknown' : 'not-sent';
  if (EwsError.isInstance(error)) return rebind(error, context.operation, fallbackFate);
  const code = errorCode(error);
  const rule = code === undefined ? undefined : rules[code];
  const requestFate = rule?.fate ?? fallbackFate;
  const detail = error instanceof Error ? error.message : String(error);
  const message = `${context.operation}: ${rule?.what ?? 'transport failure'} (${context.url.origin}): ${detail}`;
  if (rule?.kind === 'timeout') {
    return new EwsTimeoutError(message, { cause: error, requestFate, operation: context.operation });
  }
  return new EwsTransportError(message, {
    cause: error,
    requestFate,
    operation: context.operation,
    transportCode: code,
  });
}

/** Errors our own connector raised (proxy refusals) gain the operation; their fate stays. */
function rebind(error: EwsError, operation: string, fallbackFate: RequestFate): EwsError {
  const requestFate = error.requestFate ?? fallbackFate;
  const cause = error.cause;
  if (error instanceof EwsTimeoutError) {
    return new EwsTimeoutError(error.message, { cause, requestFate, operation, timeoutMs: error.timeoutMs });
  }
  if (error instanceof EwsTransportError) {
    return new EwsTransportError(error.message, {
      cause,
      requestFate,
      operation,
      transportCode: error.transportCode,
    });
  }
  return error;
}

/** The error for a caller's abort: `cause` is the signal's reason. */
export function abortError(signal: AbortSignal, operation: string, dispatched: boolean): EwsAbortError {
  return new EwsAbortError(`${operation}: the operation was aborted`, {
    cause: signal.reason,
    requestFate: dispatched ? 'unknown' : 'not-sent',
    operation,
  });
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
