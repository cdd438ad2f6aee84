import type { EwsHttpResponse } from '../pipeline/http.js';
import type { ResponseSignal } from '../pipeline/response-signal.js';
import { decodeSoapEnvelope } from '../soap/response.js';
import { EwsError } from './ews-error.js';
import {
  BODY_MARKERS,
  bodyContains,
  closesConnection,
  firstHeader,
  isXmlBody,
  redirectsToGenericErrorPage,
  retryAfterMs,
} from './http-response-facts.js';
import { classifyResponseCode } from './response-code-classes.js';
import { backOffMsOf } from './response-error.js';

export { errorForResponse } from './error-for-response.js';

/** One row of the classifier: the first rule that returns a signal decides. */
interface SignalRule {
  readonly name: string;
  readonly classify: (response: EwsHttpResponse) => ResponseSignal | undefined;
}

const FINAL: ResponseSignal = { kind: 'final' };

/**
 * What a response means for retrying: exchangelib's `raise_response_errors` knowledge, as an
 * ordered table. Top to bottom: the first rule that matches wins; no match means `final`.
 */
const SIGNAL_RULES: readonly SignalRule[] = [
  // ErrorServerBusy (fault, usually HTTP 500) or an answer whose every message is a throttling code.
  { name: 'ews-throttling', classify: throttlingInBody },
  // Before status rules: Exchange's CAS says why it refused, and it is not transient.
  { name: 'cas-error', classify: (r) => (firstHeader(r, 'x-caserrorcode') ? FINAL : undefined) },
  { name: 'success', classify: (r) => (r.status >= 200 && r.status < 300 ? FINAL : undefined) },
  // The auth policy answers challenges; what reaches the retry policy is a final refusal.
  { name: 'unauthorized', classify: (r) => (r.status === 401 ? FINAL : undefined) },
  { name: 'retry-after', classify: retryAfterSignal },
  {
    name: 'service-unavailable',
    classify: (r) =>
      r.status === 503
        ? { kind: 'transient', executed: 'no', reason: 'HTTP 503 Service Unavailable' }
        : undefined,
  },
  {
    name: 'generic-error-page',
    classify: (r) =>
      redirectsToGenericErrorPage(r)
        ? { kind: 'transient', executed: 'no', reason: 'redirect to the generic error page' }
        : undefined,
  },
  {
    // IIS reports an unhandled exception in the EWS application: it may have been mid-request.
    name: 'asp-net-error',
    classify: (r) =>
      r.status === 500 && !isXmlBody(r.body) && bodyContains(r, BODY_MARKERS.aspNetError)
        ? { kind: 'transient', executed: 'unknown', reason: "HTTP 500 Server Error in '/EWS' Application" }
        : undefined,
  },
  {
    // exchangelib reads a closed connection on an error status as "server busy"; the request may have run.
    name: 'connection-closed',
    classify: (r) =>
      r.status >= 500 && !isXmlBody(r.body) && closesConnection(r)
        ? {
            kind: 'transient',
            executed: 'unknown',
            reason: `HTTP ${r.status} and the server closed the connection`,
          }
        : undefined,
  },
];

/** Classifies a response for the retry policy (see ResponseSignal). No response content makes it throw. */
export function classifyHttpResponse(response: EwsHttpResponse): ResponseSignal {
  for (const rule of SIGNAL_RULES) {
    const signal = rule.classify(response);
    if (signal) return signal;
  }
  return FINAL;
}

function retryAfterSignal(response: EwsHttpResponse): ResponseSignal | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  const waitMs = retryAfterMs(response);
  if (waitMs === undefined) return undefined;
  return { kind: 'throttled', retryAfterMs: waitMs, reason: `HTTP ${response.status} with Retry-After` };
}

// `<m:ResponseCode>X</m:ResponseCode>`, `<e:ResponseCode xmlns:e="…">X</e:ResponseCode>`.
const RESPONSE_CODE_TEXT = /<(?:[\w.-]+:)?ResponseCode(?:\s[^>]*)?>\s*([A-Za-z]{1,100})\s*</g;
// `<faultcode xmlns:a="…">a:ErrorServerBusy</faultcode>`, for faults without a detail.
const FAULT_CODE_TEXT = /<faultcode(?:\s[^>]*)?>\s*(?:[\w.-]+:)?([A-Za-z]{1,100})\s*</;

/**
 * Throttling said in SOAP: a fault, or ResponseMessages that are all throttling errors
 * (ErrorServerBusy, ErrorTooManyObjectsOpened…). A cheap scan of the ResponseCodes decides
 * whether the body is worth parsing, so large successful answers are not parsed twice.
 */
function throttlingInBody(response: EwsHttpResponse): ResponseSignal | undefined {
  if (!isXmlBody(response.body)) return undefined;
  if (!onlyThrottlingCodes(response.body)) return undefined;
  try {
    const decoded = decodeSoapEnvelope(response.body);
    if (decoded.fault) {
      const code = decoded.fault.responseCode;
      if (code === undefined || classifyResponseCode(code) !== 'throttling') return undefined;
      return throttled(code, backOffMsOf(decoded.fault.messageXml));
    }
    const [first] = decoded.messages;
    if (!first || decoded.messages.some((m) => classifyResponseCode(m.responseCode) !== 'throttling')) {
      return undefined;
    }
    const waits = decoded.messages.map((m) => backOffMsOf(m.messageXml) ?? 0);
    const longest = Math.max(...waits);
    return throttled(first.responseCode, longest > 0 ? longest : undefined);
  } catch (error) {
    // Not decodable: the status rules (and then the decoder) deal with it.
    if (EwsError.isInstance(error)) return undefined;
    throw error;
  }
}

function onlyThrottlingCodes(body: string): boolean {
  let seen = false;
  for (const match of body.matchAll(RESPONSE_CODE_TEXT)) {
    if (classifyResponseCode(match[1] ?? '') !== 'throttling') return false;
    seen = true;
  }
  if (seen) return true;
  const faultCode = FAULT_CODE_TEXT.exec(body)?.[1];
  return faultCode !== undefined && classifyResponseCode(faultCode) === 'throttling';
}

function throttled(code: string, backOffMs: number | undefined): ResponseSignal {
  return { kind: 'throttled', retryAfterMs: backOffMs, reason: code };
}
