import { child, EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { itemIdXml } from '../internal/ids.js';
import { readOutcomes } from '../internal/outcomes.js';
import type { Outcome } from '../outcome.js';
import type { AnyItemRef, ItemRef } from '../refs.js';
import { optionalItemRef } from './item-id-results.js';

export interface MarkAsJunkParams {
  readonly items: readonly AnyItemRef[];
  /** `true` (default): junk, and the sender is blocked; `false`: not junk, the sender is unblocked. */
  readonly isJunk?: boolean | undefined;
  /** `true` (default): move to Junk Email (or back to the Inbox when not junk). */
  readonly moveItem?: boolean | undefined;
}

/** MarkAsJunk (Exchange 2013+), with exchangelib's defaults `IsJunk="true" MoveItem="true"`. */
export function buildMarkAsJunk(params: MarkAsJunkParams): XmlFragment {
  if (params.items.length === 0) throw new EwsInvalidArgumentError('MarkAsJunk needs at least one item id');
  return el(
    'm:MarkAsJunk',
    { IsJunk: params.isJunk ?? true, MoveItem: params.moveItem ?? true },
    el(
      'm:ItemIds',
      {},
      params.items.map((item) => itemIdXml(item, 'MarkAsJunk')),
    ),
  );
}

/**
 * One outcome per item in request order (`sent`: how many ids the request named): the moved
 * item's new id, or undefined when it was not moved.
 */
export function readMarkAsJunk(response: EwsResponse, sent: number): readonly Outcome<ItemRef | undefined>[] {
  return readOutcomes(response, 'MarkAsJunk', sent, (message) => ({
    ok: true,
    value: optionalItemRef(child(message.node, 'MovedItemId'), 'MarkAsJunk'),
  }));
}
