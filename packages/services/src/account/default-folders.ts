import { EwsInvalidArgumentError } from '@ews/core';
import {
  CalendarItemModel,
  ContactModel,
  type DistinguishedFolderId,
  DistributionListModel,
  MessageModel,
  type Model,
  TaskModel,
} from '@ews/models';
import type { MessageDisposition } from '../operations/create-item.js';
import { type FolderTarget, type MailboxFolderRef, mailboxFolderRef } from '../refs.js';
import type { AccountContext } from './account-context.js';

/**
 * The folder a new item of each kind lands in when none is given: Exchange's own default for the
 * kind, but always the ACCOUNT's. Without a folder Exchange would pick the signed-in user's, which
 * under delegate access is another mailbox (exchangelib refuses such a save instead).
 */
export const DEFAULT_FOLDER_BY_MODEL: ReadonlyMap<Model, DistinguishedFolderId> = new Map<
  Model,
  DistinguishedFolderId
>([
  [CalendarItemModel, 'calendar'],
  [ContactModel, 'contacts'],
  [DistributionListModel, 'contacts'],
  [TaskModel, 'tasks'],
  [MessageModel, 'drafts'],
]);

/** Where a sent message's copy is kept, and a message saved unsent (a draft or an unsent answer). */
const MESSAGE_COPY_FOLDER: Readonly<Record<'SaveOnly' | 'SendAndSaveCopy', DistinguishedFolderId>> = {
  SaveOnly: 'drafts',
  SendAndSaveCopy: 'sentitems',
};

/**
 * The folder CreateItem names for new items of `model` on `account`: `folder` if given (a
 * distinguished one without a mailbox is the account's), else the kind's default in the account's
 * mailbox; for messages, Sent Items when sent with a copy and none when sent without one.
 * A model with no default folder (Item, PostItem…) needs `folder`: EwsInvalidArgumentError.
 */
export function newItemFolder(
  account: AccountContext,
  model: Model,
  disposition: MessageDisposition | undefined,
  folder: FolderTarget | undefined,
): MailboxFolderRef | undefined {
  const isMessage = model === (MessageModel as Model);
  if (!isMessage && disposition === 'SendOnly') {
    throw new EwsInvalidArgumentError(`SendOnly is for messages: a new ${model.name} is always saved`);
  }
  if (isMessage && disposition === 'SendOnly') {
    if (folder !== undefined)
      throw new EwsInvalidArgumentError('A message sent without a copy (SendOnly) is kept in no folder');
    return undefined;
  }
  if (folder !== undefined) return mailboxFolderRef(account.primarySmtpAddress, folder);
  const id = isMessage
    ? MESSAGE_COPY_FOLDER[disposition === 'SendAndSaveCopy' ? 'SendAndSaveCopy' : 'SaveOnly']
    : DEFAULT_FOLDER_BY_MODEL.get(model);
  if (id === undefined) {
    throw new EwsInvalidArgumentError(
      `A new ${model.name} has no default folder: give the folder it goes to (e.g. a folder handle of the account)`,
    );
  }
  return accountFolder(account, id);
}

/** Where an answer (reply, forward, meeting answer, cancellation) is kept: `folder`, else the account's Drafts / Sent Items. */
export function answerFolder(
  account: AccountContext,
  disposition: MessageDisposition,
  folder: FolderTarget | undefined,
): MailboxFolderRef | undefined {
  if (disposition === 'SendOnly') {
    if (folder !== undefined)
      throw new EwsInvalidArgumentError('An answer sent without a copy (SendOnly) is kept in no folder');
    return undefined;
  }
  if (folder !== undefined) return mailboxFolderRef(account.primarySmtpAddress, folder);
  return accountFolder(account, MESSAGE_COPY_FOLDER[disposition]);
}

/** A distinguished folder of the account's own mailbox. */
export function accountFolder(account: AccountContext, id: DistinguishedFolderId): MailboxFolderRef {
  return mailboxFolderRef(account.primarySmtpAddress, { distinguishedId: id });
}
