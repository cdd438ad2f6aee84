import { children, EwsInvalidArgumentError, type EwsResponse } from '@ews/core';
import { type ExchangeVersion, type InferModel, type Model, toXml } from '@ews/models';
import { type FolderRef, folderIdXml, type ItemRef } from '../internal/ids.js';
import type { Outcome } from '../internal/messages.js';
import { protocolFailure, readOutcomes } from '../internal/outcomes.js';

/** How messages are sent (MessageDisposition). */
export type MessageDisposition = 'SaveOnly' | 'SendOnly' | 'SendAndSaveCopy';
/** Who hears about a new meeting (SendMeetingInvitations). */
export type SendMeetingInvitations = 'SendToNone' | 'SendOnlyToAll' | 'SendToAllAndSaveCopy';

export interface CreateItemParams<M extends Model> {
  readonly model: M;
  readonly items: readonly InferModel<M>[];
  readonly version: ExchangeVersion;
  readonly savedItemFolder?: FolderRef | undefined;
  readonly messageDisposition?: MessageDisposition | undefined;
  readonly sendMeetingInvitations?: SendMeetingInvitations | undefined;
}

export function buildCreateItem<M extends Model>(params: CreateItemParams<M>): string {
  if (params.items.length === 0) throw new EwsInvalidArgumentError('CreateItem needs at least one item');
  const attributes = [
    params.messageDisposition === undefined ? '' : ` MessageDisposition="${params.messageDisposition}"`,
    params.sendMeetingInvitations === undefined
      ? ''
      : ` SendMeetingInvitations="${params.sendMeetingInvitations}"`,
  ].join('');
  const folder =
    params.savedItemFolder === undefined
      ? ''
      : `<m:SavedItemFolderId>${folderIdXml(params.savedItemFolder)}</m:SavedItemFolderId>`;
  const items = params.items.map((item) => toXml(params.model, item, { version: params.version })).join('');
  return `<m:CreateItem${attributes}>${folder}<m:Items>${items}</m:Items></m:CreateItem>`;
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
