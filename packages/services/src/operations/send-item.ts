import { EwsInvalidArgumentError, type EwsResponse } from '@ews/core';
import { type FolderRef, folderIdXml, type ItemRef, itemIdXml } from '../internal/ids.js';
import type { Outcome } from '../internal/messages.js';
import { readOutcomes } from '../internal/outcomes.js';

export interface SendItemParams {
  /** Saved messages (drafts) to send. */
  readonly items: readonly ItemRef[];
  /** Keep a copy after sending (default true): in Sent Items, or in `savedItemFolder`. */
  readonly saveCopy?: boolean | undefined;
  readonly savedItemFolder?: FolderRef | undefined;
}

export function buildSendItem(params: SendItemParams): string {
  if (params.items.length === 0) throw new EwsInvalidArgumentError('SendItem needs at least one item id');
  const save = params.saveCopy ?? true;
  if (!save && params.savedItemFolder !== undefined) {
    throw new EwsInvalidArgumentError('SendItem: savedItemFolder needs saveCopy');
  }
  const folder =
    params.savedItemFolder === undefined
      ? ''
      : `<m:SavedItemFolderId>${folderIdXml(params.savedItemFolder)}</m:SavedItemFolderId>`;
  return `<m:SendItem SaveItemToFolder="${save}"><m:ItemIds>${params.items.map(itemIdXml).join('')}</m:ItemIds>${folder}</m:SendItem>`;
}

/**
 * One outcome per id in request order (`sent`: how many ids the request named); SendItem answers
 * carry no new ids.
 */
export function readSendItem(response: EwsResponse, sent: number): readonly Outcome<true>[] {
  return readOutcomes(response, 'SendItem', sent, () => ({ ok: true, value: true }));
}
