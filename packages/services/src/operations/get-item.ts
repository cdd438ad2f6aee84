import {
  child,
  children,
  EwsInvalidArgumentError,
  type EwsResponse,
  el,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { itemIdXml } from '../internal/ids.js';
import { protocolFailure, readOutcomes } from '../internal/outcomes.js';
import type { Outcome } from '../outcome.js';
import type { AnyItemRef } from '../refs.js';
import { requiredItemRef, tooMany } from './item-id-results.js';

export interface GetItemParams {
  readonly items: readonly AnyItemRef[];
  /** One `<m:ItemShape>` element (`itemShape(model, …).xml`: @ews/models writes it). */
  readonly shape: XmlFragment;
}

export function buildGetItem(params: GetItemParams): XmlFragment {
  if (params.items.length === 0) throw new EwsInvalidArgumentError('GetItem needs at least one item id');
  return el('m:GetItem', {}, [
    params.shape,
    el(
      'm:ItemIds',
      {},
      params.items.map((item) => itemIdXml(item, 'GetItem')),
    ),
  ]);
}

/**
 * One outcome per requested id, in request order (`sent`: how many ids the request named): the
 * item element or the server's error. Each success names exactly one item, with its ItemId.
 */
export function readGetItem(response: EwsResponse, sent: number): readonly Outcome<XmlNode>[] {
  return readOutcomes(response, 'GetItem', sent, (message): Outcome<XmlNode> => {
    const items = children(child(message.node, 'Items'));
    if (items.length > 1) return tooMany('GetItem', items);
    const [item] = items;
    if (!item) return protocolFailure('GetItem', 'GetItem answered without the item');
    requiredItemRef(item, 'GetItem');
    return { ok: true, value: item };
  });
}
