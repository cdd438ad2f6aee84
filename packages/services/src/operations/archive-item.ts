import { EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { itemIdXml, targetFolderIdXml } from '../internal/ids.js';
import type { Outcome } from '../outcome.js';
import type { AnyItemRef, ItemRef, MailboxFolderRef } from '../refs.js';
import { readNewItemIds } from './item-id-results.js';

export interface ArchiveItemParams {
  readonly items: readonly AnyItemRef[];
  /**
   * The folder in the archive mailbox the items go to (EWS calls it ArchiveSourceFolderId), e.g.
   * `{ distinguishedId: 'archiveinbox', mailbox: 'alice@contoso.com' }`. Exchange 2013+.
   */
  readonly to: MailboxFolderRef;
}

export function buildArchiveItem(params: ArchiveItemParams): XmlFragment {
  if (params.items.length === 0) throw new EwsInvalidArgumentError('ArchiveItem needs at least one item id');
  return el('m:ArchiveItem', {}, [
    el('m:ArchiveSourceFolderId', {}, targetFolderIdXml(params.to, 'ArchiveItem')),
    el(
      'm:ItemIds',
      {},
      params.items.map((item) => itemIdXml(item, 'ArchiveItem')),
    ),
  ]);
}

/**
 * One outcome per item in request order (`sent`: how many ids the request named): the archived
 * item's id when the server returns it.
 */
export function readArchiveItem(
  response: EwsResponse,
  sent: number,
): readonly Outcome<ItemRef | undefined>[] {
  return readNewItemIds(response, 'ArchiveItem', sent);
}
