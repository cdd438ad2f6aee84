import type { Directory, DirectoryMailbox } from '../../directory/directory.js';

/** The names the simulated Active Directory and Exchange host go by, derived from the mail domain. */
export interface NtlmNames {
  /** NetBIOS domain, e.g. CONTOSO (the first label of the mail domain, upper-cased). */
  readonly netbiosDomain: string;
  readonly dnsDomain: string;
  readonly netbiosComputer: string;
  readonly dnsComputer: string;
}

const COMPUTER = 'EXCH01';

export function ntlmNames(directory: Directory): NtlmNames {
  const dnsDomain = directory.domain.toLowerCase();
  return {
    netbiosDomain: (dnsDomain.split('.')[0] ?? dnsDomain).toUpperCase(),
    dnsDomain,
    netbiosComputer: COMPUTER,
    dnsComputer: `${COMPUTER.toLowerCase()}.${dnsDomain}`,
  };
}

/**
 * The mailbox an NTLM user name signs in to: `user` with domain CONTOSO / contoso.test / empty,
 * or a UPN `user@contoso.test` (sent with an empty domain, as Windows does).
 */
export function mailboxForNtlmUser(
  directory: Directory,
  names: NtlmNames,
  user: string,
  domain: string,
): DirectoryMailbox | undefined {
  const knownDomain = ['', names.netbiosDomain.toLowerCase(), names.dnsDomain].includes(domain.toLowerCase());
  const wanted = user.toLowerCase();
  return directory.mailboxes.find((m) => {
    const address = m.address.toLowerCase();
    if (wanted.includes('@')) return address === wanted;
    return knownDomain && address.split('@')[0] === wanted;
  });
}
