import { EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { itemIdXml, targetFolderIdXml } from '../internal/ids.js';
import type { Outcome } from '../outcome.js';
import type { AnyItemRef, ItemRef, MailboxFolderRef } from '../refs.js';
import { readNewItemIds } from './item-id-results.js';

export interface MoveItemParams {
  readonly items: readonly AnyItemRef[];
  /** The folder the items go to, naming its mailbox (see `MailboxFolderRef`). */
  readonly to: MailboxFolderRef;
  /** Exchange 2010 SP1+: `false` asks the server not to return the new ids (left out by default). */
  readonly returnNewItemIds?: boolean | undefined;
}

/** MoveItem and CopyItem share one body (t:BaseMoveCopyItemType). */
export function buildMoveOrCopyItem(operation: 'MoveItem' | 'CopyItem', params: MoveItemParams): XmlFragment {
  if (params.items.length === 0) throw new EwsInvalidArgumentError(`${operation} needs at least one item id`);
  return el(`m:${operation}`, {}, [
    el('m:ToFolderId', {}, targetFolderIdXml(params.to, operation)),
    el(
      'm:ItemIds',
      {},
      params.items.map((item) => itemIdXml(item, operation)),
    ),
    params.returnNewItemIds === undefined ? undefined : el('m:ReturnNewItemIds', {}, params.returnNewItemIds),
  ]);
}

export function buildMoveItem(params: MoveItemParams): XmlFragment {
  return buildMoveOrCopyItem('MoveItem', params);
}

/**
 * One outcome per item in request order (`sent`: how many ids the request named): the moved
 * item's new id (Exchange gives moved items new ids).
 */
export function readMoveItem(response: EwsResponse, sent: number): readonly Outcome<ItemRef | undefined>[] {
  return readNewItemIds(response, 'MoveItem', sent);
}
