import type { ProbeHeaders } from './offered-schemes.js';
import { parseWwwAuthenticate } from './www-authenticate.js';

export type { ProbeHeaders } from './offered-schemes.js';

/** What an unauthenticated probe says about the server: no auth needed, or the scheme to use. */
export type DetectedAuthType = 'none' | 'Digest' | 'NTLM' | 'Basic' | 'Bearer';

/**
 * Schemes picked from a 401's challenges, strongest first. Negotiate is never picked:
 * it needs a Kerberos setup the caller must choose explicitly (exchangelib does the same).
 */
const SCHEME_PREFERENCE: readonly (readonly [challengeScheme: string, detected: DetectedAuthType])[] = [
  ['digest', 'Digest'],
  ['ntlm', 'NTLM'],
  ['basic', 'Basic'],
];

/** Exchange Online says so in this header when only OAuth2 (Bearer) is accepted. */
const MODERN_AUTH_HINT = { header: 'ms-diagnostics-public', contains: 'Modern Auth' } as const;

/**
 * Tells from the answer to an unauthenticated request which auth scheme to use:
 * `none` on 200, a scheme on a 401 that offers one we can pick, `undefined` otherwise
 * (redirects, other statuses, unknown or Negotiate-only challenges).
 */
export function detectAuthType(status: number, headers: ProbeHeaders): DetectedAuthType | undefined {
  if (status === 200) return 'none';
  if (status !== 401) return undefined;
  const offered = new Set(
    parseWwwAuthenticate(headerValues(headers, 'www-authenticate')).map((c) => c.scheme.toLowerCase()),
  );
  for (const [challengeScheme, detected] of SCHEME_PREFERENCE) {
    if (offered.has(challengeScheme)) return detected;
  }
  const hint = headerValues(headers, MODERN_AUTH_HINT.header);
  if (hint.some((value) => value.includes(MODERN_AUTH_HINT.contains))) return 'Bearer';
  return undefined;
}

function headerValues(headers: ProbeHeaders, name: string): readonly string[] {
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    if (typeof value === 'string') values.push(value);
    else values.push(...value);
  }
  return values;
}
