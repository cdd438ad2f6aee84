export {
  type BulkOptions,
  type BulkResult,
  DEFAULT_BULK_CONCURRENCY,
  DEFAULT_CHUNK_SIZE,
} from './run-chunks.js';

import type { InferModel, Model } from '@ews/models';
import type { AccountContext } from '../account/account-context.js';
import type { FolderRef, ItemRef } from '../internal/ids.js';
import {
  buildCreateItem,
  type MessageDisposition,
  readCreateItem,
  type SendMeetingInvitations,
} from '../operations/create-item.js';
import {
  buildDeleteItem,
  type DeleteType,
  readDeleteItem,
  type SendMeetingCancellations,
} from '../operations/delete-item.js';
import {
  buildUpdateItem,
  type ConflictResolution,
  type ItemChange,
  readUpdateItem,
  type SendMeetingInvitationsOrCancellations,
} from '../operations/update-item.js';
import { type BulkOptions, type BulkResult, runChunks } from './run-chunks.js';

export interface BulkCreateOptions extends BulkOptions {
  readonly folder?: FolderRef | undefined;
  readonly messageDisposition?: MessageDisposition | undefined;
  readonly sendMeetingInvitations?: SendMeetingInvitations | undefined;
}

export function bulkCreate<M extends Model>(
  account: AccountContext,
  model: M,
  items: readonly InferModel<M>[],
  options: BulkCreateOptions = {},
): Promise<BulkResult<ItemRef | undefined>[]> {
  return runChunks('CreateItem', items, options, async (part) => {
    const body = buildCreateItem({
      model,
      items: part,
      version: account.version,
      savedItemFolder: options.folder,
      messageDisposition: options.messageDisposition,
      sendMeetingInvitations: options.sendMeetingInvitations,
    });
    return readCreateItem(await account.send('CreateItem', body, options.signal), part.length);
  });
}

export interface BulkUpdateOptions extends BulkOptions {
  readonly conflictResolution?: ConflictResolution | undefined;
  readonly messageDisposition?: MessageDisposition | undefined;
  readonly sendMeetingInvitationsOrCancellations?: SendMeetingInvitationsOrCancellations | undefined;
}

export function bulkUpdate<M extends Model>(
  account: AccountContext,
  model: M,
  changes: readonly ItemChange<M>[],
  options: BulkUpdateOptions = {},
): Promise<BulkResult<ItemRef>[]> {
  return runChunks('UpdateItem', changes, options, async (part) => {
    const body = buildUpdateItem({
      model,
      changes: part,
      version: account.version,
      conflictResolution: options.conflictResolution,
      messageDisposition: options.messageDisposition,
      sendMeetingInvitationsOrCancellations: options.sendMeetingInvitationsOrCancellations,
    });
    return readUpdateItem(await account.send('UpdateItem', body, options.signal), part.length);
  });
}

export interface BulkDeleteOptions extends BulkOptions {
  readonly deleteType?: DeleteType | undefined;
  readonly sendMeetingCancellations?: SendMeetingCancellations | undefined;
}

export function bulkDelete(
  account: AccountContext,
  items: readonly ItemRef[],
  options: BulkDeleteOptions = {},
): Promise<BulkResult<true>[]> {
  return runChunks('DeleteItem', items, options, async (part) => {
    const body = buildDeleteItem({
      items: part,
      deleteType: options.deleteType,
      sendMeetingCancellations: options.sendMeetingCancellations,
    });
    return readDeleteItem(await account.send('DeleteItem', body, options.signal), part.length);
  });
}
