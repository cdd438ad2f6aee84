/**
 * Which hosts may receive the user's credentials. Autodiscover answers, HTTP redirects and
 * DNS SRV records are all unauthenticated hints; this policy decides whether to follow one.
 */
export interface RedirectPolicy {
  /** Trust hosts in the address's own domain (the domain itself and its subdomains). Default true. */
  readonly sameDomain?: boolean | undefined;
  /** Hosts trusted as well: exact names (`autodiscover-s.outlook.com`) or `*.example.com` for subdomains. */
  readonly allowHosts?: readonly string[] | undefined;
  /** Asked about any other https host; answer true to send credentials there. */
  readonly allow?: ((url: URL) => boolean | Promise<boolean>) | undefined;
}

/** The verdict, with a reason the trace can show. */
export type PolicyVerdict = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

function inDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

function matchesPattern(host: string, pattern: string): boolean {
  const wanted = pattern.trim().toLowerCase().replace(/\.$/, '');
  if (wanted.startsWith('*.')) return host.endsWith(wanted.slice(1));
  return host === wanted;
}

/**
 * Decides whether credentials may go to `url`. Only https is ever allowed; then the
 * address's domain (unless `sameDomain: false`), then `allowHosts`, then `allow(url)`.
 */
export async function checkRedirectPolicy(
  url: URL,
  trustedDomain: string,
  policy: RedirectPolicy,
): Promise<PolicyVerdict> {
  if (url.protocol !== 'https:') return { allowed: false, reason: `${url.protocol} is not https` };
  if (url.username !== '' || url.password !== '') {
    return { allowed: false, reason: 'the URL carries user info' };
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if ((policy.sameDomain ?? true) && inDomain(host, trustedDomain)) return { allowed: true };
  if (policy.allowHosts?.some((pattern) => matchesPattern(host, pattern))) return { allowed: true };
  if (policy.allow !== undefined && (await policy.allow(new URL(url.href))) === true)
    return { allowed: true };
  return {
    allowed: false,
    reason: `${host} is outside the redirect policy (not in ${trustedDomain}; allow it with redirectPolicy.allowHosts or redirectPolicy.allow)`,
  };
}
