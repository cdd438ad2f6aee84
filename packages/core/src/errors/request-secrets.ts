import { REDACTED, redactSecrets } from '../logging/redact.js';

/** Request headers whose values are credentials (or hold them). */
const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie'] as const;

/**
 * The secrets one request carried, as text a server might echo: each credential header's value,
 * its token (after the scheme), for Basic the decoded `user:password` and the password alone,
 * and each cookie's value.
 */
export function secretsOfRequest(headers: Readonly<Record<string, string>>): string[] {
  const secrets: string[] = [];
  for (const name of SECRET_HEADERS) {
    const value = headers[name]?.trim();
    if (!value) continue;
    secrets.push(value);
    if (name === 'cookie') {
      for (const pair of value.split(';')) {
        const cookie = pair.slice(pair.indexOf('=') + 1).trim();
        if (cookie.length >= 4) secrets.push(cookie);
      }
      continue;
    }
    const [scheme = '', token = ''] = value.split(/\s+/, 2);
    if (token === '') continue;
    secrets.push(token);
    if (scheme.toLowerCase() === 'basic') {
      const decoded = Buffer.from(token, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      secrets.push(decoded);
      if (colon >= 0 && colon < decoded.length - 1) secrets.push(decoded.slice(colon + 1));
    }
  }
  return secrets;
}

// Shorter values would shred every message (and protect nothing worth the name).
const MIN_SECRET_LENGTH = 3;

/**
 * A redactor for text quoted from the answer to a request with these headers, or undefined
 * when it carried no secret. Besides the forms redactSecrets knows (as is, URL-encoded,
 * base64), the XML/HTML-escaped form is masked, which is how an error page quotes a value; and
 * a text cut short (at its end or at a `…`) does not keep the first part of a secret either.
 */
export function requestSecretsRedactor(
  headers: Readonly<Record<string, string>>,
): ((text: string) => string) | undefined {
  const secrets = secretsOfRequest(headers).filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  if (secrets.length === 0) return undefined;
  const forms = [
    ...new Set(
      secrets.flatMap((secret) => {
        const escaped = escapeMarkup(secret);
        return [secret, escaped, escaped.replace(/&#39;/g, '&apos;')];
      }),
    ),
  ];
  return (text) => maskCutSecrets(redactSecrets(text, forms), forms);
}

/** Masks the start of a secret left where a text was cut: before each `…` and at the end. */
function maskCutSecrets(text: string, forms: readonly string[]): string {
  let result = text;
  const cuts: number[] = [];
  for (let at = result.indexOf('…'); at >= 0; at = result.indexOf('…', at + 1)) cuts.push(at);
  cuts.push(result.length);
  // Right to left, so earlier positions stay valid while the text changes.
  for (const cut of cuts.reverse()) {
    let longest = 0;
    for (const form of forms) {
      for (let length = Math.min(form.length - 1, cut); length >= MIN_SECRET_LENGTH; length--) {
        if (length > longest && result.startsWith(form.slice(0, length), cut - length)) {
          longest = length;
          break;
        }
      }
    }
    if (longest > 0) result = `${result.slice(0, cut - longest)}${REDACTED}${result.slice(cut)}`;
  }
  return result;
}

function escapeMarkup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
