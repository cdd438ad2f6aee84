/**
 * A short, single-line excerpt of a response body for error messages. Error pages can echo
 * request data, so anything shaped like a credential is masked before the excerpt is cut.
 */
const SECRET_PATTERNS: readonly (readonly [pattern: RegExp, replacement: string])[] = [
  // `Authorization: Basic dXNlcjpwYXNz`, `Bearer eyJ…`, NTLM/Negotiate blobs.
  [/\b(Basic|Bearer|NTLM|Negotiate|Digest|Kerberos)\s+[A-Za-z0-9+/=._~-]{6,}/gi, '$1 [redacted]'],
  // `password=…`, `"access_token": "…"`, `Cookie: a=b; c=d`, `X-Api-Key: …`.
  [
    /\b(authorization|proxy-authorization|set-cookie|cookie|password|passwd|pwd|secret|client_secret|access_token|refresh_token|id_token|token|api[-_]?key)(["']?\s*[:=]\s*["']?)[^\s"'<>&,;]+/gi,
    '$1$2[redacted]',
  ],
];

/**
 * The most an error quotes of a response body (an error page's title or first words): enough
 * to recognise the page, too short to carry much content. The default length of bodyExcerpt.
 */
export const MAX_BODY_EXCERPT = 120;
/** The most an error quotes of one response header (x-caserrorcode, a redirect's Location…). */
export const MAX_HEADER_EXCERPT = 200;

/** Collapses whitespace, drops control characters, masks secrets and cuts to `maxLength`. */
export function bodyExcerpt(body: string, maxLength = MAX_BODY_EXCERPT): string {
  // Look at a bounded prefix only: the body may be megabytes long.
  let text = body.slice(0, maxLength * 4).replace(/^\uFEFF/, '');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  text = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').replace(/\s+/g, ' ');
  for (const [pattern, replacement] of SECRET_PATTERNS) text = text.replace(pattern, replacement);
  text = text.trim();
  if (text.length <= maxLength) return text;
  return `${text.slice(0, maxLength - 1)}…`;
}
