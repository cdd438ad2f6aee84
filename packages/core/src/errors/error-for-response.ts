import { describeOfferedSchemes, offeredSchemes } from '../auth/offered-schemes.js';
import type { EwsHttpResponse } from '../pipeline/http.js';
import { soapFaultError } from '../soap/fault.js';
import { decodeSoapEnvelope } from '../soap/response.js';
import { bodyExcerpt, MAX_BODY_EXCERPT, MAX_HEADER_EXCERPT } from './body-excerpt.js';
import { EwsAuthError, EwsHttpError } from './error-classes.js';
import { EwsError, type RequestFate } from './ews-error.js';
import {
  BODY_MARKERS,
  bodyContains,
  explanatoryHeaders,
  firstHeader,
  hasFaultMarkup,
  isRedirect,
  isXmlBody,
  redirectsToGenericErrorPage,
  sanitizedLocation,
} from './http-response-facts.js';
import { maskError } from './mask-error.js';
import { EwsResponseError } from './response-error.js';

/** One row: the first rule that returns a result decides; `'ok'` means "decode the body". */
interface ErrorRule {
  readonly name: string;
  readonly match: (response: EwsHttpResponse, operation: string) => EwsError | 'ok' | undefined;
}

/**
 * The typed error for a response that carries no usable EWS answer, or undefined when the body
 * should be decoded (2xx, or HTTP 500 with a SOAP body that is not a fault). Errors hold no
 * request data, cookies or auth headers, and at most a short sanitized excerpt of the body
 * (MAX_BODY_EXCERPT characters) and of a few headers (MAX_HEADER_EXCERPT each). A page that
 * echoes what the request carried (its Authorization value, a Basic password) has those masked
 * before anything is quoted (`response.redact`).
 */
export function errorForResponse(response: EwsHttpResponse, operation: string): EwsError | undefined {
  const error = firstError(response, operation);
  // Texts quoted below are masked before they are cut; this catches the rest (a fault's texts).
  return error && response.redact ? maskError(error, response.redact) : error;
}

function firstError(response: EwsHttpResponse, operation: string): EwsError | undefined {
  for (const rule of ERROR_RULES) {
    const result = rule.match(response, operation);
    if (result === 'ok') return undefined;
    if (result) return result;
  }
  return httpError(
    response,
    operation,
    `HTTP ${response.status}${describeBody(response)}`,
    fateForStatus(response),
  );
}

const ERROR_RULES: readonly ErrorRule[] = [
  { name: 'soap-body', match: soapBody },
  { name: 'success', match: (r) => (r.status >= 200 && r.status < 300 ? 'ok' : undefined) },
  {
    name: 'cas-error',
    match: (r, operation) => {
      const code = firstHeader(r, 'x-caserrorcode');
      if (!code) return undefined;
      const reason = quoted(r, code.replace(/^CAS error:\s*/i, '')).slice(0, MAX_HEADER_EXCERPT);
      return httpError(
        r,
        operation,
        `The Client Access server refused the request: ${reason}`,
        'not-executed',
      );
    },
  },
  { name: 'unauthorized', match: (r, operation) => (r.status === 401 ? authError(r, operation) : undefined) },
  {
    name: 'locked-out',
    match: (r, operation) =>
      bodyContains(r, BODY_MARKERS.lockedOut)
        ? new EwsAuthError('The account is locked out', {
            operation,
            offeredSchemes: offeredSchemes(r.headers),
          })
        : undefined,
  },
  {
    // Some Exchange versions refuse an unknown RequestServerVersion with a plain-text 500.
    name: 'invalid-server-version-text',
    match: (r, operation) =>
      r.status === 500 && bodyContains(r, BODY_MARKERS.invalidServerVersion)
        ? new EwsResponseError(
            'ErrorInvalidSchemaVersionForMailboxVersion: the server refused the requested version',
            {
              operation,
              requestFate: 'not-executed',
              responseCode: 'ErrorInvalidSchemaVersionForMailboxVersion',
              messageText: 'The specified server version is invalid.',
            },
          )
        : undefined,
  },
  {
    name: 'generic-error-page',
    match: (r, operation) =>
      redirectsToGenericErrorPage(r)
        ? httpError(
            r,
            operation,
            'Exchange redirected to its generic error page (a transient server error)',
            'not-executed',
          )
        : undefined,
  },
  {
    name: 'redirect',
    match: (r, operation) => (isRedirect(r.status) ? redirectError(r, operation) : undefined),
  },
  {
    name: 'throttled',
    match: (r, operation) =>
      r.status === 429 || r.status === 503
        ? httpError(r, operation, `HTTP ${r.status}: the server is busy or unavailable`, 'not-executed')
        : undefined,
  },
  {
    name: 'asp-net-error',
    match: (r, operation) =>
      r.status === 500 && bodyContains(r, BODY_MARKERS.aspNetError)
        ? httpError(r, operation, "HTTP 500: Server Error in '/EWS' Application", 'unknown')
        : undefined,
  },
];

/** SOAP faults at any status; other SOAP bodies at 2xx/500 are answers for the decoder. */
function soapBody(response: EwsHttpResponse, operation: string): EwsError | 'ok' | undefined {
  if (!isXmlBody(response.body)) return undefined;
  const answerStatus = (response.status >= 200 && response.status < 300) || response.status === 500;
  if (!hasFaultMarkup(response.body)) return answerStatus ? 'ok' : undefined;
  try {
    const decoded = decodeSoapEnvelope(response.body, operation);
    if (decoded.fault) return soapFaultError(decoded.fault, operation);
    return answerStatus ? 'ok' : undefined;
  } catch (error) {
    if (!EwsError.isInstance(error)) throw error;
    // At 2xx the decoder reports the same problem again; at other statuses the HTTP rules decide.
    if (!answerStatus) return undefined;
    return response.status === 500 ? error : 'ok';
  }
}

function authError(response: EwsHttpResponse, operation: string): EwsAuthError {
  const schemes = offeredSchemes(response.headers);
  const offered = schemes.length > 0 ? `; the server offers ${describeOfferedSchemes(schemes)}` : '';
  return new EwsAuthError(`HTTP 401: authentication failed or is required${offered}`, {
    operation,
    offeredSchemes: schemes,
  });
}

function redirectError(response: EwsHttpResponse, operation: string): EwsHttpError {
  const location = firstHeader(response, 'location');
  const message =
    location === undefined
      ? `HTTP ${response.status} redirect without a Location header`
      : `HTTP ${response.status} redirect to ${quoted(response, sanitizedLocation(location)).slice(0, MAX_HEADER_EXCERPT)} (EWS requests are not redirected automatically)`;
  return httpError(response, operation, message, 'not-executed');
}

function httpError(
  response: EwsHttpResponse,
  operation: string,
  message: string,
  fate: RequestFate,
): EwsHttpError {
  return new EwsHttpError(message, response.status, {
    operation,
    requestFate: fate,
    responseHeaders: explanatoryHeaders(withQuotedHeaders(response)),
  });
}

/** A client error means the request was refused; anything else may have run. */
function fateForStatus(response: EwsHttpResponse): RequestFate {
  return response.status >= 400 && response.status < 500 ? 'not-executed' : 'unknown';
}

/** `: <title of the error page>` or a short excerpt; nothing for an empty body. */
function describeBody(response: EwsHttpResponse): string {
  // bodyExcerpt reads at most 4 × MAX_BODY_EXCERPT characters: a secret cut at 4096 never shows.
  const start = quoted(response, response.body.slice(0, 4096));
  const title = /<title>([^<]{1,200})<\/title>/i.exec(start)?.[1];
  const excerpt = bodyExcerpt(title ?? start, MAX_BODY_EXCERPT);
  return excerpt === '' ? '' : `: ${excerpt}`;
}

/** `text` taken from `response`, with what its request carried masked (before any cut). */
function quoted(response: EwsHttpResponse, text: string): string {
  return response.redact ? response.redact(text) : text;
}

/** The response with its header values masked (headers are few and short). */
function withQuotedHeaders(response: EwsHttpResponse): EwsHttpResponse {
  const { redact } = response;
  if (!redact) return response;
  const headers: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    headers[name] = typeof value === 'string' ? redact(value) : value.map(redact);
  }
  return { ...response, headers };
}
