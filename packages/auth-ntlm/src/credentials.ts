/** The NTLM identity: the user name and domain exactly as they go into NTOWFv2 and the message. */
export interface NtlmIdentity {
  readonly user: string;
  readonly domain: string;
}

/**
 * Splits a user name the way Windows does: `DOMAIN\user` gives a domain, `user@domain.example`
 * (a UPN) is sent whole as the user with an empty domain, and a bare name uses `domain` (or none).
 * Case is preserved: some acceptors check NTOWFv2 with the domain exactly as configured.
 * Returns a reason string instead of throwing so the caller picks the error class.
 */
export function parseNtlmUsername(username: string, domain: string | undefined): NtlmIdentity | string {
  if (username.length === 0) return 'username must not be empty';
  const backslash = username.indexOf('\\');
  if (backslash >= 0) {
    const namedDomain = username.slice(0, backslash);
    const user = username.slice(backslash + 1);
    if (user.length === 0 || user.includes('\\')) return 'username must look like DOMAIN\\user';
    if (domain !== undefined && domain !== namedDomain) {
      return 'the domain is given twice (in username and in domain) with different values';
    }
    return { user, domain: namedDomain };
  }
  if (username.includes('@')) {
    if (domain !== undefined && domain !== '')
      return 'a UPN (user@domain) carries its own domain; omit domain';
    return { user: username, domain: '' };
  }
  return { user: username, domain: domain ?? '' };
}
