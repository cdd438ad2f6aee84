import { type EwsHttpRequest, type EwsHttpResponse, withHeaders } from '../http.js';
import type { Policy, SendNext } from '../policy.js';
import { BACKEND_COOKIE_NAME, BackendCookieJar } from './backend-cookie-jar.js';

export const AFFINITY_POLICY_NAME = 'affinity';

export interface AffinityPolicyOptions {
  /** Anchor for requests that do not set `x-anchormailbox` themselves. */
  readonly anchorMailbox?: string | undefined;
  /** Send `X-PreferServerAffinity: true` with an anchor (default true). */
  readonly preferServerAffinity?: boolean | undefined;
}

/**
 * Routes requests to the anchor mailbox's back-end server: `X-AnchorMailbox` (set per
 * request by the caller, or the default here), `X-PreferServerAffinity: true` when an
 * anchor is set, and the `X-BackEndOverrideCookie` Exchange returns, sent back on later
 * requests for the same anchor. Streaming notifications and large syncs rely on it.
 * The cookies live in this policy instance only.
 */
export function affinityPolicy(options: AffinityPolicyOptions = {}): Policy {
  const jar = new BackendCookieJar();
  const prefer = options.preferServerAffinity ?? true;

  return {
    name: AFFINITY_POLICY_NAME,
    async send(request: EwsHttpRequest, next: SendNext): Promise<EwsHttpResponse> {
      const anchor = request.headers['x-anchormailbox'] ?? options.anchorMailbox;
      if (anchor === undefined) return next(request);
      const key = anchor.toLowerCase();
      const headers: Record<string, string> = { 'x-anchormailbox': anchor };
      if (prefer) headers['x-preferserveraffinity'] = 'true';
      const cookie = jar.get(key);
      if (cookie !== undefined)
        headers.cookie = appendCookie(request.headers.cookie, `${BACKEND_COOKIE_NAME}=${cookie}`);
      const response = await next(withHeaders(request, headers));
      jar.capture(key, response);
      return response;
    },
  };
}

function appendCookie(existing: string | undefined, cookie: string): string {
  const others = (existing ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !part.startsWith(`${BACKEND_COOKIE_NAME}=`));
  return [...others, cookie].join('; ');
}
