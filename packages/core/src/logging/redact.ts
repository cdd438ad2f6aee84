/** What a hidden value is replaced with in logs and errors. */
export const REDACTED = 'REDACTED';

/**
 * Headers whose values are shown in logs. Everything else is shown as REDACTED:
 * an allow-list cannot leak a header nobody thought of.
 */
export const DEFAULT_ALLOWED_HEADERS: readonly string[] = Object.freeze([
  'accept',
  'client-request-id',
  'connection',
  'content-encoding',
  'content-length',
  'content-type',
  'date',
  'keep-alive',
  'location',
  'request-id',
  'retry-after',
  'return-client-request-id',
  'server',
  'soapaction',
  'transfer-encoding',
  'user-agent',
  'www-authenticate',
  'x-anchormailbox',
  'x-backendhttpstatus',
  'x-beserver',
  'x-calculatedbetarget',
  'x-caserrorcode',
  'x-diaginfo',
  'x-feserver',
  'x-ms-diagnostics',
  'x-preferserveraffinity',
]);

/** Never shown, whatever the allow-list says: they carry credentials or session cookies. */
export const ALWAYS_REDACTED_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'cookie',
  'proxy-authorization',
  'proxy-authenticate',
  'set-cookie',
]);

/**
 * Allowed headers that may still embed something secret, shown in a reduced form:
 * a challenge can carry a Kerberos/NTLM token (keep only the scheme names), a
 * redirect location can carry a token in its query.
 */
const HEADER_REDUCERS: Readonly<Record<string, (value: string) => string>> = Object.freeze({
  'www-authenticate': (value: string) =>
    value
      .split(',')
      .map((part) => /^\s*([A-Za-z][\w-]*)(?:\s|$)/.exec(part)?.[1])
      .filter((scheme): scheme is string => scheme !== undefined && !scheme.includes('='))
      .map((scheme) => `${scheme} …`)
      .join(', '),
  location: (value: string) => redactUrl(value),
});

export type HeaderMap = Readonly<Record<string, string | readonly string[]>>;

/** A copy of `headers` fit for a log line (names lower-cased). */
export function redactHeaders(
  headers: HeaderMap,
  options: { readonly allow?: readonly string[] | undefined } = {},
): Record<string, string | string[]> {
  const allowed = new Set((options.allow ?? DEFAULT_ALLOWED_HEADERS).map((name) => name.toLowerCase()));
  const result: Record<string, string | string[]> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    const show = allowed.has(name) && !ALWAYS_REDACTED_HEADERS.has(name);
    const reduce = HEADER_REDUCERS[name] ?? ((text: string) => text);
    const one = (text: string) => (show ? reduce(text) : REDACTED);
    result[name] = typeof value === 'string' ? one(value) : value.map(one);
  }
  return result;
}

/** Query parameter names that hold credentials (OAuth, SAS, API keys…). */
const SECRET_PARAM_NAME =
  /(token|secret|password|passwd|pwd|key|sig|signature|code|auth|credential|session|assertion|ticket)/i;
/** A value that looks like a JWT or a long opaque credential. */
const OPAQUE_VALUE = /^(?:eyJ[\w-]+\.[\w-]+\.[\w-]*|[A-Za-z0-9+/_=.~-]{32,})$/;

/**
 * The URL for a log line or an error: `user:password@` removed, and the values of
 * token-like query parameters (by name, or by looking like a token) replaced.
 */
export function redactUrl(url: URL | string): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    // Not a URL we can take apart: keep nothing that might be a credential.
    return REDACTED;
  }
  if (parsed.username !== '' || parsed.password !== '') {
    parsed.username = REDACTED;
    parsed.password = '';
  }
  for (const [name, value] of [...parsed.searchParams.entries()]) {
    if (SECRET_PARAM_NAME.test(name) || OPAQUE_VALUE.test(value)) parsed.searchParams.set(name, REDACTED);
  }
  return parsed.toString();
}

/**
 * `Authorization`-style credentials written out in free text (error messages, bodies):
 * auth-params, or a token with a digit or symbol in it (so "Basic authentication" stays).
 */
const CREDENTIAL_IN_TEXT =
  /\b(Basic|Bearer|Digest|NTLM|Negotiate|Kerberos)\s+(?:(?:[\w-]+=(?:"[^"]*"|[^\s",]+),?\s*)+|(?=[A-Za-z]*[0-9+/_=.~-])[A-Za-z0-9+/_=.~-]{8,})/g;

/**
 * Replaces every occurrence of the given secrets (and their URL-encoded and base64
 * forms) and any `Scheme <token>` credential in `text`. Used for error messages and
 * trace lines that may quote what was sent.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(Buffer.from(secret, 'utf8').toString('base64'));
  }
  // Longest first, so a secret containing another is replaced whole.
  let result = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    result = result.split(form).join(REDACTED);
  }
  return result.replace(CREDENTIAL_IN_TEXT, `$1 ${REDACTED}`);
}
