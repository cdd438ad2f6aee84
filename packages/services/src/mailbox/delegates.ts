import type { CallOptions } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import { send } from '../internal/send.js';
import type { DelegateUser, DeliverMeetingRequests } from '../operations/get-delegate.js';
import {
  buildAddDelegate,
  buildRemoveDelegate,
  buildUpdateDelegate,
  type DelegateInput,
  type DelegateUserRef,
  readRemoveDelegate,
  readWriteDelegates,
} from '../operations/write-delegates.js';
import type { Outcome } from '../outcome.js';

export interface DelegateWriteOptions extends CallOptions {
  /** Where meeting requests go (DeliverMeetingRequests); left out: unchanged. */
  readonly deliverMeetingRequests?: DeliverMeetingRequests | undefined;
}

/** Adds delegates: one outcome per delegate, in order (the delegate as stored, or its error). */
export async function addDelegates(
  account: AccountContext,
  delegates: readonly DelegateInput[],
  options: DelegateWriteOptions,
): Promise<readonly Outcome<DelegateUser>[]> {
  const body = buildAddDelegate(account.primarySmtpAddress, delegates, options.deliverMeetingRequests);
  return readWriteDelegates(await send(account, 'AddDelegate', body, options), 'AddDelegate', delegates);
}

/** Changes delegates' permissions and flags, and/or where meeting requests go. */
export async function updateDelegates(
  account: AccountContext,
  delegates: readonly DelegateInput[],
  options: DelegateWriteOptions,
): Promise<readonly Outcome<DelegateUser>[]> {
  const body = buildUpdateDelegate(account.primarySmtpAddress, delegates, options.deliverMeetingRequests);
  return readWriteDelegates(
    await send(account, 'UpdateDelegate', body, options),
    'UpdateDelegate',
    delegates,
  );
}

/** Removes delegates: one outcome per user, in order. */
export async function removeDelegates(
  account: AccountContext,
  users: readonly DelegateUserRef[],
  options: CallOptions,
): Promise<readonly Outcome<true>[]> {
  const body = buildRemoveDelegate(account.primarySmtpAddress, users);
  return readRemoveDelegate(await send(account, 'RemoveDelegate', body, options), users.length);
}
