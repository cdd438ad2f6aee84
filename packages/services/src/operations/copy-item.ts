import type { EwsResponse, XmlFragment } from '@ews/core';
import type { Outcome } from '../outcome.js';
import type { ItemRef } from '../refs.js';
import { readNewItemIds } from './item-id-results.js';
import { buildMoveOrCopyItem, type MoveItemParams } from './move-item.js';

export type CopyItemParams = MoveItemParams;

export function buildCopyItem(params: CopyItemParams): XmlFragment {
  return buildMoveOrCopyItem('CopyItem', params);
}

/** One outcome per item in request order (`sent`: how many ids the request named): the copy's id. */
export function readCopyItem(response: EwsResponse, sent: number): readonly Outcome<ItemRef | undefined>[] {
  return readNewItemIds(response, 'CopyItem', sent);
}
