import { EwsError, type EwsHttpResponse, headerValues, redactUrl } from '@ews/core';
import { discardBody, readBoundedBody } from './bounded-body.js';
import type { EndpointAnswer } from './endpoint-answer.js';
import type { AutodiscoverHttp } from './http.js';
import { MAX_URL_LENGTH } from './limits.js';
import { buildPoxRequest } from './pox/pox-request.js';
import { readPoxResponse } from './pox/pox-response.js';
import type { AutodiscoverProtocol } from './protocol.js';
import { buildGetUserSettingsRequest } from './soap/get-user-settings-request.js';
import { readGetUserSettingsResponse } from './soap/get-user-settings-response.js';
import { untilAborted } from './step-deadline.js';

/**
 * Masks what the request carried (its Authorization value, token, password, cookies) in a text
 * quoted from the answer; every server text that goes into the trace passes through it.
 */
export type Redact = (text: string) => string;

/** What one POST to one endpoint produced. */
export type EndpointResult =
  | {
      readonly kind: 'answer';
      readonly answer: EndpointAnswer;
      readonly status: number;
      readonly redact: Redact;
    }
  /** An HTTP redirect (3xx with Location), resolved against the endpoint URL. */
  | { readonly kind: 'location'; readonly url: URL; readonly status: number }
  | {
      readonly kind: 'failed';
      readonly detail: string;
      readonly status?: number | undefined;
      readonly errorCode?: string | undefined;
      /** The host could not be reached at all: trying its other protocol is pointless. */
      readonly unreachable: boolean;
      readonly redact?: Redact | undefined;
    };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** What a status usually means at an Autodiscover URL, for the trace. */
const STATUS_MEANINGS: readonly (readonly [number, number, string])[] = [
  [401, 401, 'the credentials were refused'],
  [403, 403, 'access is forbidden'],
  [404, 405, 'no Autodiscover endpoint at this URL'],
  [400, 499, 'the server refused the request'],
  [500, 599, 'the server failed or does not implement this endpoint'],
];

function statusMeaning(status: number): string {
  return (
    STATUS_MEANINGS.find(([low, high]) => status >= low && status <= high)?.[2] ?? 'unexpected HTTP status'
  );
}

/** Per-dialect request builder and response reader. */
const DIALECTS: Readonly<
  Record<
    AutodiscoverProtocol,
    {
      readonly operation: string;
      build(
        email: string,
        url: URL,
        settings: readonly string[] | undefined,
      ): {
        readonly body: string;
        readonly headers: Readonly<Record<string, string>>;
      };
      read(body: string): EndpointAnswer;
    }
  >
> = Object.freeze({
  soap: {
    operation: 'GetUserSettings',
    build: (email, url, settings) => buildGetUserSettingsRequest(email, url, settings),
    read: readGetUserSettingsResponse,
  },
  pox: { operation: 'Autodiscover', build: (email) => buildPoxRequest(email), read: readPoxResponse },
});

export interface EndpointRequest {
  readonly http: AutodiscoverHttp;
  readonly url: URL;
  readonly protocol: AutodiscoverProtocol;
  readonly email: string;
  readonly settings: readonly string[] | undefined;
  /** Aborts this step only (its deadline or the whole call's). */
  readonly signal: AbortSignal;
  /** The whole call's signal: when it fired, the error is rethrown rather than recorded. */
  readonly callSignal: AbortSignal;
  /** The step's own deadline (for the trace); undefined when per-step deadlines are off. */
  readonly stepTimeoutMs: number | undefined;
  /** Answers larger than this are cut off and refused. */
  readonly maxResponseBytes: number;
}

/**
 * POSTs one Autodiscover request and classifies what came back; never throws for a failed step.
 * The POST and the body read both end with the step's signal, even on a transport that ignores it.
 */
export async function queryEndpoint(request: EndpointRequest): Promise<EndpointResult> {
  const dialect = DIALECTS[request.protocol];
  const { body, headers } = dialect.build(request.email, request.url, request.settings);
  let response: EwsHttpResponse;
  try {
    response = await untilAborted(
      () => request.http.post(request.url, dialect.operation, body, headers, request.signal),
      request.signal,
    );
  } catch (error) {
    return failure(error, request);
  }
  const status = response.status;
  if (REDIRECT_STATUSES.has(status)) {
    discardBody(response);
    const location = resolveLocation(response, request.url);
    if (location === undefined)
      return {
        kind: 'failed',
        detail: `HTTP ${status} without a usable Location`,
        status,
        unreachable: false,
      };
    return { kind: 'location', url: location, status };
  }
  if (status !== 200) {
    discardBody(response);
    return {
      kind: 'failed',
      detail: statusMeaning(status),
      status,
      errorCode: 'EWS_HTTP',
      unreachable: false,
    };
  }
  const redact: Redact = response.redact ?? ((same) => same);
  let text: string;
  try {
    text = await readBoundedBody(response, request.maxResponseBytes, dialect.operation, request.signal);
  } catch (error) {
    return { ...failure(error, request), status, redact };
  }
  try {
    return { kind: 'answer', answer: dialect.read(text), status, redact };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      kind: 'failed',
      detail: `not an Autodiscover answer: ${message}`,
      status,
      errorCode: 'EWS_PROTOCOL',
      unreachable: false,
      redact,
    };
  }
}

/**
 * The Location header, resolved against the request URL; undefined when absent, unparsable or
 * longer than MAX_URL_LENGTH.
 */
export function resolveLocation(response: EwsHttpResponse, base: URL): URL | undefined {
  const location = headerValues(response, 'location')[0]?.trim();
  if (!location || location.length > MAX_URL_LENGTH) return undefined;
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

function failure(error: unknown, request: EndpointRequest): Extract<EndpointResult, { kind: 'failed' }> {
  // The caller's abort or the overall deadline ends discovery; it is not a failed step.
  if (request.callSignal.aborted) throw error;
  if (request.signal.aborted) {
    return {
      kind: 'failed',
      detail: `no answer within ${request.stepTimeoutMs} ms`,
      errorCode: 'EWS_TIMEOUT',
      unreachable: true,
    };
  }
  if (!EwsError.isInstance(error)) throw error;
  const unreachable = error.code === 'EWS_TRANSPORT' || error.code === 'EWS_TIMEOUT';
  // An auth failure is the step a user can fix: say what to check.
  const hint = error.code === 'EWS_AUTH' ? ' Check the user name and password, or the auth scheme.' : '';
  return {
    kind: 'failed',
    detail: `${redactMessage(error.message, request.url)}${hint}`,
    errorCode: error.code,
    unreachable,
  };
}

/** Transport messages name the URL; keep them, minus any user info. */
function redactMessage(message: string, url: URL): string {
  return message.split(url.href).join(redactUrl(url));
}
