import { type EwsHttpResponse, headerValues } from '../pipeline/http.js';
import { MAX_HEADER_EXCERPT } from './body-excerpt.js';

/**
 * Small readers of an HTTP response that the classifier tables use. They look at headers and
 * at bounded prefixes or markers of the body, never parse the whole body.
 */

/** Exchange's answers start with an XML declaration or the envelope (optionally after a BOM). */
const XML_BODY_START = /^\uFEFF?\s*<(?:\?xml|(?:[\w.-]+:)?Envelope[\s/>])/;

/** `<s:Fault>` can only appear as markup: in text, `<` is always escaped. */
const FAULT_MARKUP = /<(?:[\w.-]+:)?Fault[\s/>]/;

/** Text markers in non-XML bodies, as exchangelib's raise_response_errors checks them. */
export const BODY_MARKERS = Object.freeze({
  invalidServerVersion: [
    'The specified server version is invalid',
    'ErrorInvalidSchemaVersionForMailboxVersion',
  ],
  aspNetError: ["Server Error in '/EWS' Application"],
  lockedOut: ['The referenced account is currently locked out'],
} as const);

/** Where Exchange sends a request it failed to handle (the "generic error page"). */
const GENERIC_ERROR_PAGE = /\/ews\/genericerrorpage\.htm/i;

export function isXmlBody(body: string): boolean {
  return XML_BODY_START.test(body.slice(0, 512));
}

export function hasFaultMarkup(body: string): boolean {
  return FAULT_MARKUP.test(body);
}

export function bodyContains(response: EwsHttpResponse, markers: readonly string[]): boolean {
  return markers.some((marker) => response.body.includes(marker));
}

export function firstHeader(response: EwsHttpResponse, name: string): string | undefined {
  return headerValues(response, name)[0]?.trim() || undefined;
}

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

export function redirectsToGenericErrorPage(response: EwsHttpResponse): boolean {
  const location = firstHeader(response, 'location');
  return isRedirect(response.status) && location !== undefined && GENERIC_ERROR_PAGE.test(location);
}

export function closesConnection(response: EwsHttpResponse): boolean {
  return headerValues(response, 'connection').some((value) => /(^|,)\s*close\s*(,|$)/i.test(value));
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when
 * absent or unreadable; a date in the past reads as 0.
 */
export function retryAfterMs(response: EwsHttpResponse, now: number = Date.now()): number | undefined {
  const value = firstHeader(response, 'retry-after');
  if (value === undefined) return undefined;
  if (/^\d{1,10}$/.test(value)) return Number(value) * 1000;
  // Only date-shaped values: Date.parse accepts many odd strings.
  if (!/^[A-Za-z]{3},? .*\d{2}:\d{2}:\d{2}/.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * A Location header without user info, query or fragment (they can carry tokens); relative
 * locations stay relative.
 */
export function sanitizedLocation(location: string): string {
  const withoutUserInfo = location.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?#]*@/i, '$1');
  return withoutUserInfo.split(/[?#]/, 1)[0] ?? '';
}

/** Response headers worth keeping on an EwsHttpError: they explain failures and hold no secrets. */
const KEPT_HEADERS = [
  'x-caserrorcode',
  'retry-after',
  'request-id',
  'x-ms-diagnostics',
  'x-feserver',
] as const;

export function explanatoryHeaders(response: EwsHttpResponse): Readonly<Record<string, string>> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = firstHeader(response, name);
    if (value !== undefined) kept[name] = value.slice(0, MAX_HEADER_EXCERPT);
  }
  const location = firstHeader(response, 'location');
  if (location !== undefined) kept.location = sanitizedLocation(location).slice(0, MAX_HEADER_EXCERPT);
  return kept;
}
