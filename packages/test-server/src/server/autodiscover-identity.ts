import type { ServerVersionProfile } from '../soap/server-versions.js';

// What both Autodiscover dialects (SOAP GetUserSettings and POX) say about the organization, a
// mailbox and the server, computed in one place so the two answers always agree.

export function localPart(address: string): string {
  return address.split('@')[0] ?? address;
}

/** `contoso.test` → `Contoso`. */
export function organizationOf(domain: string): string {
  const first = domain.split('.')[0] ?? domain;
  return first.charAt(0).toUpperCase() + first.slice(1);
}

/** A stable GUID-shaped id per organization (the same on every start, like a real deployment's). */
export function deploymentId(organization: string): string {
  let hash = 0x811c9dc5;
  const hex: string[] = [];
  for (let round = 0; round < 4; round += 1) {
    for (const ch of `${organization}#${round}`) {
      hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    }
    hex.push(hash.toString(16).padStart(8, '0'));
  }
  const all = hex.join('');
  return `${all.slice(0, 8)}-${all.slice(8, 12)}-${all.slice(12, 16)}-${all.slice(16, 20)}-${all.slice(20, 32)}`;
}

const ADMIN_GROUP = 'ou=Exchange Administrative Group (FYDIBOHF23SPDLT)';

/** The mailbox's legacy Exchange DN (SOAP UserDN, POX LegacyDN). */
export function userDn(organization: string, address: string): string {
  return `/o=${organization}/${ADMIN_GROUP}/cn=Recipients/cn=${localPart(address)}`;
}

/** The mailbox server's DN (SOAP MailboxDN, POX ServerDN). */
export function serverDn(organization: string, address: string): string {
  return `/o=${organization}/${ADMIN_GROUP}/cn=Configuration/cn=Servers/cn=${localPart(address)}`;
}

/** `15.1.2507.6` (SOAP CasVersion). */
export function buildText(version: ServerVersionProfile): string {
  return `${version.majorVersion}.${version.minorVersion}.${version.majorBuildNumber}.${version.minorBuildNumber}`;
}

/**
 * POX `<ServerVersion>`: 8 hex digits holding 4 bits Exchange sets to 0111, the major version
 * (6 bits), the minor version (6 bits), one bit Exchange sets to 1 and the major build (15 bits),
 * as in Microsoft's examples (738180DA is 14.1.218, 73C08204 is 15.0.516). The minor build is not
 * carried. 15.1.2507 is 73C189CB.
 */
export function poxServerVersion(version: ServerVersionProfile): string {
  const value =
    (0b0111 << 28) |
    ((version.majorVersion & 0x3f) << 22) |
    ((version.minorVersion & 0x3f) << 16) |
    (1 << 15) |
    (version.majorBuildNumber & 0x7fff);
  return (value >>> 0).toString(16).toUpperCase().padStart(8, '0');
}
