import type { CallOptions } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import { send } from '../internal/send.js';
import {
  buildGetPasswordExpirationDate,
  readGetPasswordExpirationDate,
} from '../operations/password-expiration.js';
import {
  buildGetUserRetentionPolicyTags,
  type RetentionPolicyTag,
  readGetUserRetentionPolicyTags,
} from '../operations/retention-policy-tags.js';

/** When the mailbox user's password expires (GetPasswordExpirationDate). */
export async function getPasswordExpiration(account: AccountContext, options: CallOptions): Promise<Date> {
  const body = buildGetPasswordExpirationDate(account.primarySmtpAddress);
  return readGetPasswordExpirationDate(await send(account, 'GetPasswordExpirationDate', body, options));
}

/** The retention and archive tags the mailbox can use (GetUserRetentionPolicyTags). */
export async function getRetentionPolicyTags(
  account: AccountContext,
  options: CallOptions,
): Promise<readonly RetentionPolicyTag[]> {
  const body = buildGetUserRetentionPolicyTags();
  return readGetUserRetentionPolicyTags(await send(account, 'GetUserRetentionPolicyTags', body, options));
}
