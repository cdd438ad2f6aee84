import { type EwsHttpResponse, headerValues } from '../http.js';

/** The cookie Exchange sets to pin later requests of a mailbox to one back-end server. */
export const BACKEND_COOKIE_NAME = 'X-BackEndOverrideCookie';

/** Anchors remembered per jar: enough for a service account's working set, bounded for safety. */
const MAX_ANCHORS = 1_000;

/**
 * Remembers the back-end override cookie per anchor mailbox (one per client, never
 * global): a cookie routes to one mailbox's server, so it must not follow another
 * mailbox's requests.
 */
export class BackendCookieJar {
  readonly #cookies = new Map<string, string>();

  get(anchor: string): string | undefined {
    return this.#cookies.get(anchor);
  }

  /** Reads the cookie from a response's `Set-Cookie` headers (an expired one is forgotten). */
  capture(anchor: string, response: EwsHttpResponse): void {
    for (const header of headerValues(response, 'set-cookie')) {
      const parsed = parseSetCookie(header);
      if (parsed?.name !== BACKEND_COOKIE_NAME) continue;
      this.#cookies.delete(anchor);
      if (parsed.expired || parsed.value === '') continue;
      if (this.#cookies.size >= MAX_ANCHORS) {
        const oldest = this.#cookies.keys().next().value;
        if (oldest !== undefined) this.#cookies.delete(oldest);
      }
      this.#cookies.set(anchor, parsed.value);
    }
  }
}

function parseSetCookie(header: string): { name: string; value: string; expired: boolean } | undefined {
  const [pair = '', ...attributes] = header.split(';');
  const equals = pair.indexOf('=');
  if (equals <= 0) return undefined;
  const name = pair.slice(0, equals).trim();
  const value = pair.slice(equals + 1).trim();
  const expired = attributes.some((attribute) => {
    const [key = '', raw = ''] = attribute.split('=', 2).map((part) => part.trim());
    if (/^max-age$/i.test(key)) return Number(raw) <= 0;
    if (/^expires$/i.test(key)) return Date.parse(raw) <= Date.now();
    return false;
  });
  return { name, value, expired };
}
