import { createHash, createHmac } from 'node:crypto';

/** The scheme name, as in `Authorization` and `WWW-Authenticate`. */
export const HMAC_SCHEME = 'EWS-HMAC';

/** What one signature covers. Client and server build it the same way. */
export interface SignedParts {
  readonly method: string;
  /** Path and query, as sent on the request line. */
  readonly target: string;
  /** The `Date` header's value (RFC 9110 IMF-fixdate). */
  readonly date: string;
  readonly body: string;
}

/** `method \n path \n date \n hex(sha256(body))`: the body is bound by its hash. */
export function stringToSign(parts: SignedParts): string {
  const bodyHash = createHash('sha256').update(parts.body, 'utf8').digest('hex');
  return `${parts.method.toUpperCase()}\n${parts.target}\n${parts.date}\n${bodyHash}`;
}

/** base64(HMAC-SHA256(key, stringToSign(parts))). */
export function sign(key: Uint8Array, parts: SignedParts): string {
  return createHmac('sha256', key).update(stringToSign(parts), 'utf8').digest('base64');
}
