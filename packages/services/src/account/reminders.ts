import type { CallOptions } from '@ews/core';
import { send } from '../internal/send.js';
import { type PlainItemTarget, plainItemRefOf } from '../items/item-target.js';
import {
  buildGetReminders,
  buildPerformReminderAction,
  type GetRemindersParams,
  MAX_REMINDERS,
  type Reminder,
  type ReminderAction,
  readGetReminders,
  readPerformReminderAction,
} from '../operations/reminders.js';
import type { ItemRef } from '../refs.js';
import type { AccountContext } from './account-context.js';

export interface RemindersOptions extends GetRemindersParams, CallOptions {}

/** The mailbox's reminders (GetReminders): calendar items and tasks with a reminder set. */
export async function getReminders(
  account: AccountContext,
  options: RemindersOptions = {},
): Promise<readonly Reminder[]> {
  const params: GetRemindersParams = {
    type: options.type,
    beginTime: options.beginTime,
    endTime: options.endTime,
    maxItems: options.maxItems,
  };
  const response = await send(account, 'GetReminders', buildGetReminders(params), options);
  return readGetReminders(response, options.maxItems ?? MAX_REMINDERS);
}

/** A reminder or the item it belongs to. */
export type ReminderTarget = Reminder | PlainItemTarget;

function itemOf(target: ReminderTarget): ItemRef {
  return 'reminderTime' in target ? target.itemId : plainItemRefOf(target, 'reminder');
}

/**
 * Dismisses or snoozes reminders (PerformReminderAction): the items' new ids and change keys, in
 * request order. The server applies all or none: one failure is the call's error.
 */
export async function performReminderActions(
  account: AccountContext,
  actions: readonly (
    | { readonly action: 'Dismiss'; readonly reminder: ReminderTarget }
    | { readonly action: 'Snooze'; readonly reminder: ReminderTarget; readonly until: Date }
  )[],
  options: CallOptions = {},
): Promise<readonly ItemRef[]> {
  const written: ReminderAction[] = actions.map((entry) =>
    entry.action === 'Snooze'
      ? { action: 'Snooze', item: itemOf(entry.reminder), until: entry.until }
      : { action: entry.action, item: itemOf(entry.reminder) },
  );
  const response = await send(account, 'PerformReminderAction', buildPerformReminderAction(written), options);
  return readPerformReminderAction(
    response,
    written.map((w) => w.item),
  );
}
