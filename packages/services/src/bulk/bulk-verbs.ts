import { EwsInvalidArgumentError } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import { accountFolder } from '../account/default-folders.js';
import { send } from '../internal/send.js';
import { buildArchiveItem, readArchiveItem } from '../operations/archive-item.js';
import { buildCopyItem, readCopyItem } from '../operations/copy-item.js';
import { buildMarkAsJunk, readMarkAsJunk } from '../operations/mark-as-junk.js';
import { buildMoveItem, readMoveItem } from '../operations/move-item.js';
import { buildSendItem, readSendItem } from '../operations/send-item.js';
import { type AnyItemRef, type FolderTarget, type ItemRef, mailboxFolderRef } from '../refs.js';
import { type BulkOptions, type BulkResult, runChunks } from './run-chunks.js';

// The verbs that act on existing items by id: one request per chunk, one result per id.

export interface BulkSendOptions extends BulkOptions {
  /** Keep a copy of each sent message (default true): in the account's Sent Items, or in `savedItemFolder`. */
  readonly saveCopy?: boolean | undefined;
  /** A distinguished folder without a mailbox is the account's. */
  readonly savedItemFolder?: FolderTarget | undefined;
}

/** Sends saved messages (drafts) with SendItem. */
export async function bulkSend(
  account: AccountContext,
  items: readonly AnyItemRef[],
  options: BulkSendOptions = {},
): Promise<BulkResult<true>[]> {
  const saveCopy = options.saveCopy ?? true;
  const folder =
    options.savedItemFolder === undefined
      ? accountFolder(account, 'sentitems')
      : mailboxFolderRef(account.primarySmtpAddress, options.savedItemFolder);
  if (!saveCopy && options.savedItemFolder !== undefined) {
    throw new EwsInvalidArgumentError('bulkSend: savedItemFolder needs saveCopy');
  }
  return runChunks('SendItem', items, options, async (part, call) => {
    const body = saveCopy
      ? buildSendItem({ items: part, savedItemFolder: folder })
      : buildSendItem({ items: part, saveCopy: false });
    return readSendItem(await send(account, 'SendItem', body, call), part.length);
  });
}

/** MoveItem, CopyItem and ArchiveItem share their request shape (ids + a target folder) and answer. */
const TRANSFERS = {
  MoveItem: { build: buildMoveItem, read: readMoveItem },
  CopyItem: { build: buildCopyItem, read: readCopyItem },
  ArchiveItem: { build: buildArchiveItem, read: readArchiveItem },
} as const;

/** `to`: a handle or a FolderRef; a distinguished folder without a mailbox is the account's. */
async function transfer(
  operation: keyof typeof TRANSFERS,
  account: AccountContext,
  items: readonly AnyItemRef[],
  to: FolderTarget,
  options: BulkOptions,
): Promise<BulkResult<ItemRef | undefined>[]> {
  const { build, read } = TRANSFERS[operation];
  const target = mailboxFolderRef(account.primarySmtpAddress, to);
  return runChunks(operation, items, options, async (part, call) =>
    read(await send(account, operation, build({ items: part, to: target }), call), part.length),
  );
}

/** Moves items to `to`; each result is the item's new id (Exchange gives moved items new ids). */
export function bulkMove(
  account: AccountContext,
  items: readonly AnyItemRef[],
  to: FolderTarget,
  options: BulkOptions = {},
): Promise<BulkResult<ItemRef | undefined>[]> {
  return transfer('MoveItem', account, items, to, options);
}

/** Copies items to `to`; each result is the copy's id. */
export function bulkCopy(
  account: AccountContext,
  items: readonly AnyItemRef[],
  to: FolderTarget,
  options: BulkOptions = {},
): Promise<BulkResult<ItemRef | undefined>[]> {
  return transfer('CopyItem', account, items, to, options);
}

/** Moves items to a folder of the archive mailbox (ArchiveItem, Exchange 2013+). */
export function bulkArchive(
  account: AccountContext,
  items: readonly AnyItemRef[],
  to: FolderTarget,
  options: BulkOptions = {},
): Promise<BulkResult<ItemRef | undefined>[]> {
  return transfer('ArchiveItem', account, items, to, options);
}

export interface BulkMarkAsJunkOptions extends BulkOptions {
  /** `true` (default): junk (sender blocked); `false`: not junk. */
  readonly isJunk?: boolean | undefined;
  /** Move to Junk Email (or back to the Inbox), default true. */
  readonly moveItem?: boolean | undefined;
}

/** Marks items as junk (or not) with MarkAsJunk (Exchange 2013+); each result is the moved item's id. */
export function bulkMarkAsJunk(
  account: AccountContext,
  items: readonly AnyItemRef[],
  options: BulkMarkAsJunkOptions = {},
): Promise<BulkResult<ItemRef | undefined>[]> {
  return runChunks('MarkAsJunk', items, options, async (part, call) => {
    const body = buildMarkAsJunk({ items: part, isJunk: options.isJunk, moveItem: options.moveItem });
    return readMarkAsJunk(await send(account, 'MarkAsJunk', body, call), part.length);
  });
}
