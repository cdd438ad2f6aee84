import { NS } from '../soap/namespaces.js';
import { errorParts, successParts } from '../soap/response-messages.js';
import { childText } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { mailboxReferenceId } from './search-mailboxes.js';

/** A stable GUID-shaped value for a mailbox (the schema wants a GUID). */
function mailboxGuid(index: number): string {
  const hex = (index + 1).toString(16).padStart(12, '0');
  return `ab5e0000-0000-4000-8000-${hex}`;
}

/**
 * GetSearchableMailboxes: eDiscovery needs the Discovery Management role; here the service account
 * (which holds the impersonation role) has it and sees every mailbox; others get ErrorAccessDenied.
 */
export const getSearchableMailboxes: OperationHandler = (ctx, request) => {
  let content: XmlContent[];
  let responseClass: 'Success' | 'Error' = 'Success';
  try {
    if (!ctx.caller.canImpersonate) {
      throw new ResponseError('ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    }
    const filter = (childText(request, 'SearchFilter') ?? '').toLowerCase();
    const mailboxes = ctx.state.directory.mailboxes
      .map((m, index) => ({ m, index }))
      .filter(({ m }) => filter === '' || `${m.address} ${m.name}`.toLowerCase().includes(filter));
    content = successParts(
      el(
        'm:SearchableMailboxes',
        null,
        mailboxes.map(({ m, index }) =>
          el(
            't:SearchableMailbox',
            null,
            textEl('t:Guid', mailboxGuid(index)),
            textEl('t:PrimarySmtpAddress', m.address),
            textEl('t:IsExternalMailbox', false),
            textEl('t:ExternalEmailAddress', ''),
            textEl('t:DisplayName', m.name),
            textEl('t:IsMembershipGroup', false),
            textEl('t:ReferenceId', mailboxReferenceId(m.address)),
          ),
        ),
      ),
    );
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    content = errorParts(error, el('m:SearchableMailboxes', null));
    responseClass = 'Error';
  }
  return el(
    'm:GetSearchableMailboxesResponse',
    { ResponseClass: responseClass, 'xmlns:m': NS.messages, 'xmlns:t': NS.types },
    content,
  );
};
