import { children, EwsInvalidArgumentError, type EwsResponse } from '@ews/core';
import { type ExchangeVersion, type InferModel, type Model, toXml } from '@ews/models';
import { type ItemRef, type MailboxFolderRef, targetFolderIdXml } from '../internal/ids.js';
import type { Outcome } from '../internal/messages.js';
import { protocolFailure, readOutcomes } from '../internal/outcomes.js';

/** How messages are sent (MessageDisposition). */
export type MessageDisposition = 'SaveOnly' | 'SendOnly' | 'SendAndSaveCopy';
/** Who hears about a new meeting (SendMeetingInvitations). */
export type SendMeetingInvitations = 'SendToNone' | 'SendOnlyToAll' | 'SendToAllAndSaveCopy';

interface CreateItemBase<M extends Model> {
  readonly model: M;
  readonly items: readonly InferModel<M>[];
  readonly version: ExchangeVersion;
  readonly sendMeetingInvitations?: SendMeetingInvitations | undefined;
}

/**
 * Where the new items land is always named: `savedItemFolder`, naming its mailbox (see
 * `MailboxFolderRef`), is required unless `messageDisposition` is `SendOnly`, which keeps no copy
 * and names no folder. Without SavedItemFolderId Exchange would pick the signed-in user's own
 * default folder, which under delegate access is not the mailbox being worked on.
 */
export type CreateItemParams<M extends Model> = CreateItemBase<M> &
  (
    | { readonly messageDisposition: 'SendOnly'; readonly savedItemFolder?: undefined }
    | {
        readonly messageDisposition?: 'SaveOnly' | 'SendAndSaveCopy' | undefined;
        readonly savedItemFolder: MailboxFolderRef;
      }
  );

export function buildCreateItem<M extends Model>(params: CreateItemParams<M>): string {
  if (params.items.length === 0) throw new EwsInvalidArgumentError('CreateItem needs at least one item');
  const attributes = [
    params.messageDisposition === undefined ? '' : ` MessageDisposition="${params.messageDisposition}"`,
    params.sendMeetingInvitations === undefined
      ? ''
      : ` SendMeetingInvitations="${params.sendMeetingInvitations}"`,
  ].join('');
  const items = params.items.map((item) => toXml(params.model, item, { version: params.version })).join('');
  return `<m:CreateItem${attributes}>${savedItemFolderXml(params)}<m:Items>${items}</m:Items></m:CreateItem>`;
}

/** `<m:SavedItemFolderId>`, required unless SendOnly (CreateItem docs: SendOnly saves no copy, in no folder). */
function savedItemFolderXml(params: {
  readonly messageDisposition?: MessageDisposition | undefined;
  readonly savedItemFolder?: MailboxFolderRef | undefined;
}): string {
  if (params.messageDisposition === 'SendOnly') {
    if (params.savedItemFolder !== undefined)
      throw new EwsInvalidArgumentError('CreateItem: SendOnly keeps no copy, so it takes no savedItemFolder');
    return '';
  }
  if (params.savedItemFolder === undefined) {
    throw new EwsInvalidArgumentError(
      "CreateItem needs savedItemFolder: without it Exchange saves in the signed-in user's own default folder",
    );
  }
  return `<m:SavedItemFolderId>${targetFolderIdXml(params.savedItemFolder, 'CreateItem')}</m:SavedItemFolderId>`;
}

/**
 * One outcome per item in request order: the new item's id, or the server's error. A message sent
 * without a saved copy has no id (`undefined`).
 */
export function readCreateItem(response: EwsResponse): readonly Outcome<ItemRef | undefined>[] {
  return readOutcomes(response, 'CreateItem', (message): Outcome<ItemRef | undefined> => {
    const [item] = children(children(message.node, 'Items')[0]);
    if (!item) return { ok: true, value: undefined };
    const idNode = children(item, 'ItemId')[0];
    const id = idNode?.attributes.Id;
    if (id === undefined) return protocolFailure('CreateItem', 'CreateItem answered without an ItemId');
    return { ok: true, value: { id, changeKey: idNode?.attributes.ChangeKey } };
  });
}
