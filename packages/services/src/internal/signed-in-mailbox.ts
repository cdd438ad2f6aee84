import { EwsInvalidArgumentError } from '@ews/core';
import type { AccessType } from '../account/account-context.js';

/*
 * Operations whose request names no mailbox: Exchange answers them for the mailbox it acts as, the
 * impersonated one or the signed-in user's. On a delegate Account working on someone else's mailbox
 * they would silently answer for the delegate's own mailbox, so Account.send checks this table
 * before anything goes out (test/signed-in-mailbox.test.ts). An operation that gains a mailbox
 * slot (a folder, MailboxSmtpAddress, an id) leaves the table.
 */
export const SIGNED_IN_MAILBOX_OPERATIONS: Readonly<Record<string, string>> = {
  GetReminders: 'the reminders of the mailbox Exchange acts as',
  GetUserRetentionPolicyTags: 'the retention tags of the mailbox Exchange acts as',
};

export interface MailboxIdentity {
  readonly primarySmtpAddress: string;
  readonly accessType: AccessType;
  /** Who signs in, when known (an address); see AccountOptions.signedInAs. */
  readonly signedInAs: string | undefined;
}

/**
 * Refuses (EWS_INVALID_ARGUMENT) an operation of the table on a delegate Account unless it is known
 * to be the signed-in user's own mailbox. Impersonation is always the mailbox itself.
 */
export function checkActsOnAccountMailbox(account: MailboxIdentity, operation: string): void {
  const answers = SIGNED_IN_MAILBOX_OPERATIONS[operation];
  if (answers === undefined || account.accessType === 'impersonation') return;
  const own =
    account.signedInAs !== undefined &&
    account.signedInAs.toLowerCase() === account.primarySmtpAddress.toLowerCase();
  if (own) return;
  throw new EwsInvalidArgumentError(
    `${operation} names no mailbox: Exchange answers it with ${answers}, which through delegate access is the signed-in user's, ` +
      `not necessarily ${account.primarySmtpAddress}. Create the Account with signedInAs (the signed-in user's address) ` +
      "when it is that user's own mailbox, or use accessType: 'impersonation'",
    { operation },
  );
}
