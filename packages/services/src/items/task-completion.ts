import type { CallOptions } from '@ews/core';
import { TaskModel } from '@ews/models';
import type { AccountContext } from '../account/account-context.js';
import { bulkUpdate } from '../bulk/bulk.js';
import { onlyOutcome } from '../internal/messages.js';
import type { ItemRef } from '../refs.js';
import { type PlainItemTarget, plainItemRefOf } from './item-target.js';

/**
 * Marks a task complete (exchangelib's `Task.complete()`): Status Completed and PercentComplete 100
 * in one UpdateItem. Exchange sets CompleteDate (to now) and IsComplete itself; a CompleteDate
 * sent by a client is not taken. Resolves with the task's id and new change key.
 */
export async function completeTask(
  account: AccountContext,
  task: PlainItemTarget,
  options: CallOptions = {},
): Promise<ItemRef> {
  const item = plainItemRefOf(task, 'completeTask');
  const [updated] = await bulkUpdate(
    account,
    TaskModel,
    [{ item, changes: { status: 'Completed', percentComplete: 100 } }],
    options,
  );
  return onlyOutcome(updated ? [updated] : [], 'UpdateItem');
}
