import type { InferModel, Model } from '@ews/models';
import type { AccountContext } from '../account/account-context.js';
import type { FolderRef, ItemRef } from '../internal/ids.js';
import { chunk, mapLimit } from '../internal/map-limit.js';
import type { Outcome } from '../internal/messages.js';
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

export const DEFAULT_CHUNK_SIZE = 100;
export const DEFAULT_BULK_CONCURRENCY = 4;

export interface BulkOptions {
  /** Items per request (default 100). */
  readonly chunkSize?: number | undefined;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** One result per input, in input order: its value or its own error. */
export type BulkResult<T> = Outcome<T>;

/**
 * Sends `inputs` in chunks with bounded concurrency. A chunk whose call fails as a whole (a fault,
 * a lost connection) gives that error to each of its inputs; other chunks keep their results.
 * An abort is not a result: it rejects the whole call.
 */
async function runChunks<I, R>(
  inputs: readonly I[],
  options: BulkOptions,
  send: (chunk: readonly I[]) => Promise<readonly Outcome<R>[]>,
): Promise<BulkResult<R>[]> {
  const chunks = chunk(inputs, Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE));
  const results = await mapLimit(
    chunks,
    options.concurrency ?? DEFAULT_BULK_CONCURRENCY,
    options.signal,
    async (part) => {
      try {
        return await send(part);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        const failure = error instanceof Error ? error : new Error(String(error));
        return part.map((): Outcome<R> => ({ ok: false, error: failure }));
      }
    },
  );
  return results.flat();
}

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
  return runChunks(items, options, async (part) => {
    const body = buildCreateItem({
      model,
      items: part,
      version: account.version,
      savedItemFolder: options.folder,
      messageDisposition: options.messageDisposition,
      sendMeetingInvitations: options.sendMeetingInvitations,
    });
    return readCreateItem(await account.send('CreateItem', body, options.signal));
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
  return runChunks(changes, options, async (part) => {
    const body = buildUpdateItem({
      model,
      changes: part,
      version: account.version,
      conflictResolution: options.conflictResolution,
      messageDisposition: options.messageDisposition,
      sendMeetingInvitationsOrCancellations: options.sendMeetingInvitationsOrCancellations,
    });
    return readUpdateItem(await account.send('UpdateItem', body, options.signal));
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
  return runChunks(items, options, async (part) => {
    const body = buildDeleteItem({
      items: part,
      deleteType: options.deleteType,
      sendMeetingCancellations: options.sendMeetingCancellations,
    });
    return readDeleteItem(await account.send('DeleteItem', body, options.signal));
  });
}
