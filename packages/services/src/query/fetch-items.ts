import { type CallOptions, responseCodeOf, type XmlFragment, type XmlNode } from '@ews/core';
import type { Item } from '@ews/models';
import type { AccountContext } from '../account/account-context.js';
import { readItemNode } from '../internal/item-classes.js';
import { chunk, mapLimit } from '../internal/map-limit.js';
import { send } from '../internal/send.js';
import { buildGetItem } from '../operations/get-item.js';
import { requiredItemRef } from '../operations/item-id-results.js';
import type { ItemRef } from '../refs.js';
import { readGetItemFor } from './paired-get-item.js';

export const GET_ITEM_BATCH_SIZE = 100;
export const GET_ITEM_CONCURRENCY = 4;

/**
 * GetItem for the fields FindItem cannot return, in batches of 100 with a few calls in flight.
 * An item deleted between the FindItem and the GetItem is skipped (it no longer exists). A found
 * item without its ItemId, a batch answered with another number of messages than ids sent, or an
 * answer naming another item than the id asked at its place, is refused (EWS_PROTOCOL) rather than
 * silently dropping, shifting or mislabelling items.
 */
export async function fetchItems(
  account: AccountContext,
  /** The FindItem item elements (only their ItemId is read), e.g. built one at a time. */
  found: Iterable<XmlNode>,
  /** The `<m:ItemShape>` asking for the fields. */
  shape: XmlFragment,
  options: CallOptions,
): Promise<Item[]> {
  const refs: ItemRef[] = [];
  for (const node of found) refs.push({ id: requiredItemRef(node, 'FindItem').id });
  // Each batch's items are read as soon as it arrives, while other batches are still in flight,
  // and its response tree is released before the next one is read.
  const batches = await mapLimit(
    chunk(refs, GET_ITEM_BATCH_SIZE),
    GET_ITEM_CONCURRENCY,
    options.signal,
    async (batch) => {
      const response = await send(account, 'GetItem', buildGetItem({ items: batch, shape }), options);
      const items: Item[] = [];
      for (const outcome of readGetItemFor(response, batch)) {
        if (outcome.ok) items.push(readItemNode(outcome.value));
        else if (responseCodeOf(outcome.error) !== 'ErrorItemNotFound') throw outcome.error;
      }
      return items;
    },
  );
  return batches.flat();
}
