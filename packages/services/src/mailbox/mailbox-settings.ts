import { type CallOptions, EwsProtocolError } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import { wholeCall } from '../internal/call-deadline.js';
import { send } from '../internal/send.js';
import { buildGetDelegate, type GetDelegateResult, readGetDelegate } from '../operations/get-delegate.js';
import {
  buildGetSearchableMailboxes,
  type FailedSearchMailbox,
  type GetSearchableMailboxesParams,
  readGetSearchableMailboxes,
  type SearchableMailbox,
} from '../operations/get-searchable-mailboxes.js';
import {
  buildGetInboxRules,
  buildUpdateInboxRules,
  type InboxRule,
  type InboxRuleOperation,
  type InboxRules,
  readGetInboxRules,
  readUpdateInboxRules,
} from './inbox-rules.js';
import {
  buildGetUserOofSettings,
  buildSetUserOofSettings,
  type OofSettings,
  readGetUserOofSettings,
  readSetUserOofSettings,
} from './oof-settings.js';

/** The account's automatic replies (exchangelib: `account.oof_settings`). */
export async function getOofSettings(account: AccountContext, options: CallOptions): Promise<OofSettings> {
  const body = buildGetUserOofSettings(account.primarySmtpAddress);
  return readGetUserOofSettings(await send(account, 'GetUserOofSettings', body, options));
}

/** Replaces the automatic replies (exchangelib: `account.oof_settings = OofSettings(...)`). */
export async function setOofSettings(
  account: AccountContext,
  settings: OofSettings,
  options: CallOptions,
): Promise<void> {
  const body = buildSetUserOofSettings(account.primarySmtpAddress, settings);
  readSetUserOofSettings(await send(account, 'SetUserOofSettings', body, options));
}

export interface DelegatesOptions extends CallOptions {
  /** Default true: each delegate's folder permission levels. */
  readonly includePermissions?: boolean | undefined;
}

/** The mailbox's delegates and where meeting requests go (exchangelib: `account.delegates`). */
export async function getDelegates(
  account: AccountContext,
  options: DelegatesOptions,
): Promise<GetDelegateResult> {
  const body = buildGetDelegate(account.primarySmtpAddress, {
    includePermissions: options.includePermissions ?? true,
  });
  return readGetDelegate(await send(account, 'GetDelegate', body, options));
}

/** The mailbox's inbox rules (exchangelib: `account.rules`). */
export async function getInboxRules(account: AccountContext, options: CallOptions): Promise<InboxRules> {
  const body = buildGetInboxRules(account.primarySmtpAddress);
  return readGetInboxRules(await send(account, 'GetInboxRules', body, options));
}

/** Applies rule changes all at once; any invalid change rejects them all with the server's error. */
export async function updateInboxRules(
  account: AccountContext,
  operations: readonly InboxRuleOperation[],
  options: CallOptions,
): Promise<void> {
  const body = buildUpdateInboxRules({ mailbox: account.primarySmtpAddress, operations });
  readUpdateInboxRules(await send(account, 'UpdateInboxRules', body, options));
}

/**
 * Creates a rule (exchangelib: `Rule(account=…).save()`); returns the rule as the server stored it.
 * Three calls (the rules before, the change, the rules after) share `timeoutMs`.
 */
export async function createInboxRule(
  account: AccountContext,
  rule: InboxRule,
  given: CallOptions,
): Promise<InboxRule> {
  const options = wholeCall(given);
  const before = new Set((await getInboxRules(account, options)).rules.map((r) => r.id));
  await updateInboxRules(account, [{ create: { ...rule, id: undefined } }], options);
  const after = await getInboxRules(account, options);
  // UpdateInboxRules returns no id; the new rule is the one that was not there before.
  const created = after.rules.find((r) => !before.has(r.id) && r.displayName === rule.displayName);
  if (created === undefined)
    throw new EwsProtocolError('The created inbox rule is not in GetInboxRules', {
      operation: 'UpdateInboxRules',
    });
  return created;
}

/** Deletes a rule by id (exchangelib: `rule.delete()`). */
export function deleteInboxRule(
  account: AccountContext,
  ruleId: string,
  options: CallOptions,
): Promise<void> {
  return updateInboxRules(account, [{ delete: ruleId }], options);
}

/** eDiscovery: mailboxes the caller may search (needs the Discovery Management role). */
export async function getSearchableMailboxes(
  account: AccountContext,
  options: CallOptions & GetSearchableMailboxesParams,
): Promise<readonly (SearchableMailbox | FailedSearchMailbox)[]> {
  const body = buildGetSearchableMailboxes({
    searchFilter: options.searchFilter,
    expandGroupMembership: options.expandGroupMembership,
  });
  return readGetSearchableMailboxes(await send(account, 'GetSearchableMailboxes', body, options));
}
