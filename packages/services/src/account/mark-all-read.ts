import type { CallOptions } from '@ews/core';
import { onlyOutcome } from '../internal/messages.js';
import { send } from '../internal/send.js';
import { buildMarkAllItemsAsRead, readMarkAllItemsAsRead } from '../operations/mark-all-items-as-read.js';
import type { MailboxFolderRef } from '../refs.js';
import type { AccountContext } from './account-context.js';

export interface MarkAllAsReadOptions extends CallOptions {
  /** Default true; false marks every item unread. */
  readonly read?: boolean | undefined;
  /** Default false: read receipts that were asked for are sent. */
  readonly suppressReadReceipts?: boolean | undefined;
}

/** Marks every item of one folder read or unread (MarkAllItemsAsRead, Exchange 2013 and later). */
export async function markAllItemsAsRead(
  account: AccountContext,
  folder: MailboxFolderRef,
  options: MarkAllAsReadOptions = {},
): Promise<void> {
  const body = buildMarkAllItemsAsRead({
    folders: [folder],
    read: options.read ?? true,
    suppressReadReceipts: options.suppressReadReceipts ?? false,
  });
  const response = await send(account, 'MarkAllItemsAsRead', body, options);
  onlyOutcome(readMarkAllItemsAsRead(response, 1), 'MarkAllItemsAsRead');
}
