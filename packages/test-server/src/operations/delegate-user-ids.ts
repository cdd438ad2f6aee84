import { type DirectoryMailbox, findMailbox } from '../directory/directory.js';
import type { ExchangeState } from '../store/exchange-state.js';
import { child, childText, type XmlElement } from '../xml/xml-tree.js';
import { ResponseError } from './operation-context.js';

// A security identifier's string form: S-1-<authority>-<sub-authorities> (MS-DTYP 2.4.2.1).
const SID = /^S-1-(?:\d{1,13}|0x[0-9A-Fa-f]{12})(?:-\d{1,10}){1,15}$/;

const noUser = (what: string) =>
  new ResponseError('ErrorDelegateNoUser', `The delegate user ${what} could not be found in the directory.`);

/** The directory user a t:UserId names, by SID, address or display name (in the schema's order). */
export function userNamed(state: ExchangeState, userIdEl: XmlElement): DirectoryMailbox {
  if (child(userIdEl, 'DistinguishedUser') !== undefined) {
    // ResponseCode reference: DistinguishedUserType "should not be present in the request".
    throw new ResponseError(
      'ErrorDistinguishedUserNotSupported',
      'A distinguished user cannot be used as a delegate.',
    );
  }
  const sid = childText(userIdEl, 'SID')?.trim();
  if (sid !== undefined) {
    if (!SID.test(sid)) throw new ResponseError('ErrorInvalidUserSid', 'The user SID is invalid.');
    // This server's directory has no SIDs: a well-formed one names nobody it knows.
    throw noUser('with this SID');
  }
  const address = childText(userIdEl, 'PrimarySmtpAddress')?.trim();
  if (address !== undefined) {
    const found = findMailbox(state.directory, address);
    if (found === undefined) throw noUser(address);
    return found;
  }
  const name = childText(userIdEl, 'DisplayName')?.trim();
  const byName = name === undefined ? undefined : state.directory.mailboxes.find((m) => m.name === name);
  if (byName === undefined) throw noUser(name ?? '(none named)');
  return byName;
}

/**
 * One UserId against the mailbox's delegates: the delegate, ErrorInvalidUserSid for a SID
 * that is not one, ErrorDelegateNoUser for a user the directory does not have, ErrorNotDelegate for a
 * user who is not a delegate of this mailbox (the documented codes of the delegate operations).
 */
export function delegateNamed<D extends { readonly address: string }>(
  state: ExchangeState,
  delegates: readonly D[],
  userIdEl: XmlElement,
): D {
  const user = userNamed(state, userIdEl);
  const delegate = delegates.find((d) => d.address.toLowerCase() === user.address.toLowerCase());
  if (delegate === undefined) {
    throw new ResponseError('ErrorNotDelegate', `${user.address} is not a delegate of this mailbox.`);
  }
  return delegate;
}
