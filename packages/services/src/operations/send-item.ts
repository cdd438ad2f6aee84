import { EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { itemIdXml, targetFolderIdXml } from '../internal/ids.js';
import { readOutcomes } from '../internal/outcomes.js';
import type { Outcome } from '../outcome.js';
import type { AnyItemRef, MailboxFolderRef } from '../refs.js';

/**
 * Saved messages (drafts) to send. A kept copy goes to `savedItemFolder`, which must name its
 * mailbox: without SavedItemFolderId Exchange keeps it in the signed-in user's own Sent Items.
 * `saveCopy: false` keeps none.
 */
export type SendItemParams = { readonly items: readonly AnyItemRef[] } & (
  | { readonly saveCopy: false; readonly savedItemFolder?: undefined }
  | { readonly saveCopy?: true | undefined; readonly savedItemFolder: MailboxFolderRef }
);

export function buildSendItem(params: SendItemParams): XmlFragment {
  if (params.items.length === 0) throw new EwsInvalidArgumentError('SendItem needs at least one item id');
  const save = params.saveCopy ?? true;
  if (!save && params.savedItemFolder !== undefined) {
    throw new EwsInvalidArgumentError('SendItem: savedItemFolder needs saveCopy');
  }
  if (save && params.savedItemFolder === undefined) {
    throw new EwsInvalidArgumentError(
      "SendItem needs savedItemFolder to keep a copy: without it Exchange keeps it in the signed-in user's own Sent Items",
    );
  }
  const folder =
    params.savedItemFolder === undefined
      ? undefined
      : el('m:SavedItemFolderId', {}, targetFolderIdXml(params.savedItemFolder, 'SendItem'));
  return el('m:SendItem', { SaveItemToFolder: save }, [
    el(
      'm:ItemIds',
      {},
      params.items.map((item) => itemIdXml(item, 'SendItem')),
    ),
    folder,
  ]);
}

/**
 * One outcome per id in request order (`sent`: how many ids the request named); SendItem answers
 * carry no new ids.
 */
export function readSendItem(response: EwsResponse, sent: number): readonly Outcome<true>[] {
  return readOutcomes(response, 'SendItem', sent, () => ({ ok: true, value: true }));
}
