import type { Directory, DirectoryMailbox } from '../directory/directory.js';

/**
 * Checks an `Authorization: Basic` header against the directory. The user name may be the SMTP
 * address, the local part, or DOMAIN\local (how Exchange accepts down-level logon names).
 */
export function authenticateBasic(
  directory: Directory,
  header: string | undefined,
): DirectoryMailbox | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const user = decoded.slice(0, colon).toLowerCase();
  const password = decoded.slice(colon + 1);
  const localName = user.includes('\\') ? user.slice(user.indexOf('\\') + 1) : user;
  const mailbox = directory.mailboxes.find((m) => {
    const address = m.address.toLowerCase();
    return address === localName || address.split('@')[0] === localName;
  });
  return mailbox !== undefined && mailbox.password === password ? mailbox : undefined;
}
