import { NS } from '../soap/namespaces.js';
import { successParts } from '../soap/response-messages.js';
import { SoapFault } from '../soap/soap-fault.js';
import { childText } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent, type XmlFragment } from '../xml/xml-writer.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { requireAccess, storeForAddress } from './resolve-folder.js';

/** Active Directory's default maximum password age (Default Domain Policy): 42 days. */
const MAX_PASSWORD_AGE_MS = 42 * 86_400_000;

/**
 * A successful answer element that is a ResponseMessage itself. Both answers' schema types require
 * their content (PasswordExpirationDate, RetentionPolicyTags) even in an Error message, so a
 * failure is reported the other way Exchange reports request-level failures: a SOAP fault with
 * the ResponseCode (an Error message without the content would break the schema).
 */
function selfMessage(element: string, produce: () => XmlContent): XmlFragment {
  try {
    return el(
      `m:${element}`,
      { ResponseClass: 'Success', 'xmlns:m': NS.messages, 'xmlns:t': NS.types },
      successParts(produce()),
    );
  } catch (error) {
    if (error instanceof ResponseError) throw new SoapFault(error.responseCode, error.message);
    throw error;
  }
}

/**
 * GetPasswordExpirationDate: the password was set when first asked about and expires after the
 * domain's maximum password age. Another mailbox (MailboxSmtpAddress) needs access to it.
 */
export const getPasswordExpirationDate: OperationHandler = (ctx, request) =>
  selfMessage('GetPasswordExpirationDateResponse', () => {
    const store = storeForAddress(ctx, childText(request, 'MailboxSmtpAddress')?.trim());
    requireAccess(ctx, store);
    store.passwordLastSet ??= ctx.now;
    const expires = new Date(store.passwordLastSet.getTime() + MAX_PASSWORD_AGE_MS);
    return textEl('m:PasswordExpirationDate', expires.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  });

/** The tags of Exchange's Default MRM Policy that a mailbox sees (stable GUIDs for this server). */
const DEFAULT_POLICY_TAGS = [
  [
    'Default 2 year move to archive',
    'c8c1d5b3-2f4a-4e7a-9d36-1f0e6f6a0001',
    730,
    'All',
    'MoveToArchive',
    true,
    true,
  ],
  [
    '1 Week Delete',
    'c8c1d5b3-2f4a-4e7a-9d36-1f0e6f6a0002',
    7,
    'Personal',
    'DeleteAndAllowRecovery',
    true,
    false,
  ],
  [
    '1 Month Delete',
    'c8c1d5b3-2f4a-4e7a-9d36-1f0e6f6a0003',
    30,
    'Personal',
    'DeleteAndAllowRecovery',
    true,
    false,
  ],
  [
    'Never Delete',
    'c8c1d5b3-2f4a-4e7a-9d36-1f0e6f6a0004',
    0,
    'Personal',
    'DeleteAndAllowRecovery',
    true,
    false,
  ],
  [
    'Personal 1 year move to archive',
    'c8c1d5b3-2f4a-4e7a-9d36-1f0e6f6a0005',
    365,
    'Personal',
    'MoveToArchive',
    true,
    true,
  ],
  [
    'Recoverable Items 14 days move to archive',
    'c8c1d5b3-2f4a-4e7a-9d36-1f0e6f6a0006',
    14,
    'RecoverableItems',
    'MoveToArchive',
    false,
    true,
  ],
] as const;

/** GetUserRetentionPolicyTags: the default policy's tags, in t:RetentionPolicyTagType's order. */
export const getUserRetentionPolicyTags: OperationHandler = (ctx) =>
  selfMessage('GetUserRetentionPolicyTagsResponse', () => {
    requireAccess(ctx, storeForAddress(ctx, undefined));
    return el(
      'm:RetentionPolicyTags',
      null,
      DEFAULT_POLICY_TAGS.map(([name, id, days, type, action, visible, archive]) =>
        el(
          't:RetentionPolicyTag',
          null,
          textEl('t:DisplayName', name),
          textEl('t:RetentionId', id),
          textEl('t:RetentionPeriod', days),
          textEl('t:Type', type),
          textEl('t:RetentionAction', action),
          textEl('t:IsVisible', visible),
          textEl('t:OptedInto', false),
          textEl('t:IsArchive', archive),
        ),
      ),
    );
  });
