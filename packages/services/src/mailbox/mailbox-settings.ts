import { EwsProtocolError } from '@ews/core';
import type { AccountContext, SignalOption } from '../account/account-context.js';
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
export async function getOofSettings(account: AccountContext, options: SignalOption): Promise<OofSettings> {
  const body = buildGetUserOofSettings(account.primarySmtpAddress);
  return readGetUserOofSettings(await account.send('GetUserOofSettings', body, options.signal));
}

/** Replaces the automatic replies (exchangelib: `account.oof_settings = OofSettings(...)`). */
export async function setOofSettings(
  account: AccountContext,
  settings: OofSettings,
  options: SignalOption,
): Promise<void> {
  const body = buildSetUserOofSettings(account.primarySmtpAddress, settings);
  readSetUserOofSettings(await account.send('SetUserOofSettings', body, options.signal));
}

export interface DelegatesOptions extends SignalOption {
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
  return readGetDelegate(await account.send('GetDelegate', body, options.signal));
}

/** The mailbox's inbox rules (exchangelib: `account.rules`). */
export async function getInboxRules(account: AccountContext, options: SignalOption): Promise<InboxRules> {
  const body = buildGetInboxRules(account.primarySmtpAddress);
  return readGetInboxRules(await account.send('GetInboxRules', body, options.signal));
}

/** Applies rule changes all at once; any invalid change rejects them all with the server's error. */
export async function updateInboxRules(
  account: AccountContext,
  operations: readonly InboxRuleOperation[],
  options: SignalOption,
): Promise<void> {
  const body = buildUpdateInboxRules({ mailbox: account.primarySmtpAddress, operations });
  readUpdateInboxRules(await account.send('UpdateInboxRules', body, options.signal));
}

/** Creates a rule (exchangelib: `Rule(account=…).save()`); returns the rule as the server stored it. */
export async function createInboxRule(
  account: AccountContext,
  rule: InboxRule,
  options: SignalOption,
): Promise<InboxRule> {
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
  options: SignalOption,
): Promise<void> {
  return updateInboxRules(account, [{ delete: ruleId }], options);
}

/** eDiscovery: mailboxes the caller may search (needs the Discovery Management role). */
export async function getSearchableMailboxes(
  account: AccountContext,
  options: SignalOption & GetSearchableMailboxesParams,
): Promise<readonly (SearchableMailbox | FailedSearchMailbox)[]> {
  const body = buildGetSearchableMailboxes({
    searchFilter: options.searchFilter,
    expandGroupMembership: options.expandGroupMembership,
  });
  return readGetSearchableMailboxes(await account.send('GetSearchableMailboxes', body, options.signal));
}
