import { parseWwwAuthenticate } from './www-authenticate.js';

/** Response headers as a transport hands them over (any name case; repeated headers as arrays). */
export type ProbeHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The package to install for each scheme @ews answers only through a plugin (by lower-case name). */
const SCHEME_PACKAGES: ReadonlyMap<string, string> = new Map([
  ['ntlm', '@ews/auth-ntlm'],
  ['negotiate', '@ews/auth-kerberos'],
  ['bearer', '@ews/auth-oauth2'],
]);

/** Schemes core implements itself (createBasicAuth, createDigestAuth). */
const BUILT_IN_SCHEMES: ReadonlySet<string> = new Set(['basic', 'digest']);

/** A scheme is an RFC 7230 token; servers send short ones. Longer names are cut in errors. */
const MAX_SCHEME_NAME_LENGTH = 32;
/** Schemes an error lists at most (IIS offers 2 or 3); any further ones are left out. */
const MAX_LISTED_SCHEMES = 8;

/**
 * The scheme names a 401 offers, from every `WWW-Authenticate` header (several headers and
 * comma-joined lists alike): each once, in the server's order and spelling, and never a
 * challenge's token or parameters (they may be secrets or long server text). Bounded in length
 * and count, so it can go into an error message as is.
 */
export function offeredSchemes(headers: ProbeHeaders): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const { scheme } of parseWwwAuthenticate(wwwAuthenticateValues(headers))) {
    const key = scheme.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(
      scheme.length > MAX_SCHEME_NAME_LENGTH ? `${scheme.slice(0, MAX_SCHEME_NAME_LENGTH)}…` : scheme,
    );
    if (names.length === MAX_LISTED_SCHEMES) break;
  }
  return names;
}

/**
 * Names the offered schemes for an error message, each with what a caller needs to use it:
 * `Negotiate (install @ews/auth-kerberos), Foo (not supported)`, or `no scheme`.
 */
export function describeOfferedSchemes(schemes: readonly string[]): string {
  if (schemes.length === 0) return 'no scheme';
  return schemes
    .map((scheme) => {
      const key = scheme.toLowerCase();
      const pkg = SCHEME_PACKAGES.get(key);
      if (pkg !== undefined) return `${scheme} (install ${pkg})`;
      return BUILT_IN_SCHEMES.has(key) ? scheme : `${scheme} (not supported)`;
    })
    .join(', ');
}

/** Every `WWW-Authenticate` value, whatever the header name's case and whether repeated. */
function wwwAuthenticateValues(headers: ProbeHeaders): string[] {
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== 'www-authenticate' || value === undefined) continue;
    if (typeof value === 'string') values.push(value);
    else values.push(...value);
  }
  return values;
}
