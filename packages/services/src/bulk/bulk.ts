export {
  type BulkOptions,
  type BulkResult,
  DEFAULT_BULK_CONCURRENCY,
  DEFAULT_CHUNK_SIZE,
} from './run-chunks.js';

import { type CallOptions, EwsInvalidArgumentError, EwsProtocolError, type XmlFragment } from '@ews/core';
import type { InferModel, Model } from '@ews/models';
import type { AccountContext } from '../account/account-context.js';
import { accountFolder, newItemFolder } from '../account/default-folders.js';
import { meetingZoneOf } from '../internal/meeting-zone.js';
import { send } from '../internal/send.js';
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
import { buildSendItem, readSendItem } from '../operations/send-item.js';
import {
  buildUpdateItem,
  type ConflictResolution,
  type ItemChange,
  readUpdateItem,
  type SendMeetingInvitationsOrCancellations,
} from '../operations/update-item.js';
import type { Outcome } from '../outcome.js';
import {
  type AnyItemRef,
  type FolderTarget,
  type ItemRef,
  type MailboxFolderRef,
  mailboxFolderRef,
} from '../refs.js';
import { type BulkOptions, type BulkResult, runChunks } from './run-chunks.js';

export interface BulkCreateOptions extends BulkOptions {
  /**
   * Where the items go: a folder handle or a FolderRef (a distinguished one without a mailbox is
   * the account's). Default: the account's own folder for the kind — Calendar, Contacts, Tasks,
   * Drafts, or Sent Items for messages sent with a copy. A kind without one (Item, PostItem…)
   * needs it (EwsInvalidArgumentError).
   */
  readonly folder?: FolderTarget | undefined;
  /** Messages: `SaveOnly` (a draft), `SendAndSaveCopy` or `SendOnly`. */
  readonly messageDisposition?: MessageDisposition | undefined;
  readonly sendMeetingInvitations?: SendMeetingInvitations | undefined;
}

/**
 * Creates items, each in the account's mailbox: the folder CreateItem names always carries it
 * (see `BulkCreateOptions.folder`). One result per item, in order.
 */
export async function bulkCreate<M extends Model>(
  account: AccountContext,
  model: M,
  items: readonly InferModel<M>[],
  options: BulkCreateOptions = {},
): Promise<BulkResult<ItemRef | undefined>[]> {
  const folder = newItemFolder(account, model, options.messageDisposition, options.folder);
  if (folder === undefined && account.accessType !== 'impersonation') {
    return sendWithoutCopy(account, model, items, options);
  }
  return runChunks('CreateItem', items, options, async (part, call) => {
    const base = {
      model,
      items: part,
      version: account.version,
      sendMeetingInvitations: options.sendMeetingInvitations,
      meetingTimeZone: meetingZoneOf(account),
    };
    const body =
      folder === undefined
        ? buildCreateItem({ ...base, messageDisposition: 'SendOnly' })
        : buildCreateItem({
            ...base,
            savedItemFolder: folder,
            messageDisposition:
              options.messageDisposition === 'SendOnly' ? undefined : options.messageDisposition,
          });
    return readCreateItem(await send(account, 'CreateItem', body, call), part.length);
  });
}

/**
 * New messages sent without a copy, as the account rather than as the signed-in user. CreateItem
 * with SendOnly cannot name a mailbox, so Exchange sends as whoever signed in ("CreateItem does not
 * support delegate access when the SendOnly option is used"); Microsoft's way round it: save in the
 * account's Drafts, then SendItem without a copy. A message that was saved but could not be sent
 * stays in Drafts, and its result is the send's error.
 */
function sendWithoutCopy<M extends Model>(
  account: AccountContext,
  model: M,
  items: readonly InferModel<M>[],
  options: BulkCreateOptions,
): Promise<BulkResult<ItemRef | undefined>[]> {
  const drafts = accountFolder(account, 'drafts');
  return runChunks('CreateItem', items, options, async (part, call) => {
    const saveBody = buildCreateItem({
      model,
      items: part,
      version: account.version,
      savedItemFolder: drafts,
      messageDisposition: 'SaveOnly',
    });
    const saved = readCreateItem(await send(account, 'CreateItem', saveBody, call), part.length);
    const sent = await sendSaved(account, saved, undefined, call);
    return sent.map(
      (outcome): Outcome<ItemRef | undefined> => (outcome.ok ? { ok: true, value: undefined } : outcome),
    );
  });
}

/**
 * Sends the items an earlier call of the same chunk saved (SendItem), keeping a copy in `keep` or
 * none. Each result is the saved item's ref, or the error of whichever step failed it: an item
 * that was saved but not sent stays where it was saved.
 */
async function sendSaved(
  account: AccountContext,
  saved: readonly Outcome<ItemRef | undefined>[],
  keep: MailboxFolderRef | undefined,
  options: CallOptions,
): Promise<Outcome<ItemRef>[]> {
  const ids = saved.flatMap((outcome) => (outcome.ok && outcome.value !== undefined ? [outcome.value] : []));
  const sent =
    ids.length === 0
      ? []
      : readSendItem(await send(account, 'SendItem', sendBody(ids, keep), options), ids.length);
  let next = 0;
  return saved.map((outcome): Outcome<ItemRef> => {
    if (!outcome.ok) return outcome;
    if (outcome.value === undefined) {
      const error = new EwsProtocolError(
        'The server saved a message without returning its id; it was not sent',
        {
          operation: 'SendItem',
        },
      );
      return { ok: false, error };
    }
    const result = sent[next++];
    return result === undefined || result.ok ? { ok: true, value: outcome.value } : result;
  });
}

function sendBody(ids: readonly ItemRef[], keep: MailboxFolderRef | undefined): XmlFragment {
  return keep === undefined
    ? buildSendItem({ items: ids, saveCopy: false })
    : buildSendItem({ items: ids, savedItemFolder: keep });
}

export interface BulkUpdateOptions extends BulkOptions {
  readonly conflictResolution?: ConflictResolution | undefined;
  /** Messages: `SendOnly` / `SendAndSaveCopy` send them once updated. */
  readonly messageDisposition?: MessageDisposition | undefined;
  /** Where `SendAndSaveCopy` keeps the sent messages (default: the account's Sent Items). */
  readonly savedItemFolder?: FolderTarget | undefined;
  readonly sendMeetingInvitationsOrCancellations?: SendMeetingInvitationsOrCancellations | undefined;
}

/**
 * Updates items; each result is the item's new id and change key. Messages updated with
 * `SendOnly` / `SendAndSaveCopy` are then sent with SendItem (an UpdateItem that sends answers
 * without the item), the copy kept in the account's Sent Items or `savedItemFolder`; the result is
 * the item as updated, before the send.
 */
export async function bulkUpdate<M extends Model>(
  account: AccountContext,
  model: M,
  changes: readonly ItemChange<M>[],
  options: BulkUpdateOptions = {},
): Promise<BulkResult<ItemRef>[]> {
  const disposition = options.messageDisposition;
  const sending = disposition === 'SendOnly' || disposition === 'SendAndSaveCopy';
  if (options.savedItemFolder !== undefined && disposition !== 'SendAndSaveCopy') {
    throw new EwsInvalidArgumentError(
      'bulkUpdate: savedItemFolder is where SendAndSaveCopy keeps the sent copy',
    );
  }
  const keep =
    disposition !== 'SendAndSaveCopy'
      ? undefined
      : options.savedItemFolder === undefined
        ? accountFolder(account, 'sentitems')
        : mailboxFolderRef(account.primarySmtpAddress, options.savedItemFolder);
  return runChunks('UpdateItem', changes, options, async (part, call) => {
    const body = buildUpdateItem({
      model,
      changes: part,
      version: account.version,
      meetingTimeZone: meetingZoneOf(account),
      conflictResolution: options.conflictResolution,
      messageDisposition: sending ? 'SaveOnly' : disposition,
      sendMeetingInvitationsOrCancellations: options.sendMeetingInvitationsOrCancellations,
    });
    const updated = readUpdateItem(await send(account, 'UpdateItem', body, call), part.length);
    return sending ? sendSaved(account, updated, keep, call) : updated;
  });
}

export interface BulkDeleteOptions extends BulkOptions {
  readonly deleteType?: DeleteType | undefined;
  readonly sendMeetingCancellations?: SendMeetingCancellations | undefined;
}

export function bulkDelete(
  account: AccountContext,
  items: readonly AnyItemRef[],
  options: BulkDeleteOptions = {},
): Promise<BulkResult<true>[]> {
  return runChunks('DeleteItem', items, options, async (part, call) => {
    const body = buildDeleteItem({
      items: part,
      deleteType: options.deleteType,
      sendMeetingCancellations: options.sendMeetingCancellations,
    });
    return readDeleteItem(await send(account, 'DeleteItem', body, call), part.length);
  });
}
