import { EwsProtocolError, type EwsResponse, type XmlNode } from '@ews/core';
import { itemRefKind } from '../internal/ids.js';
import { readGetItem } from '../operations/get-item.js';
import { requiredItemRef } from '../operations/item-id-results.js';
import type { Outcome } from '../outcome.js';
import type { AnyItemRef } from '../refs.js';

/**
 * One outcome per id asked, in the order asked, each success checked to be THE item asked for at
 * its place: readGetItem pairs messages with ids by position and count, and this also compares
 * each answered ItemId with the id sent there. An answer in another order, or naming another
 * item, fails that entry (EWS_PROTOCOL) instead of pinning one item's fields on another.
 */
export function readGetItemFor(response: EwsResponse, asked: readonly AnyItemRef[]): Outcome<XmlNode>[] {
  return readGetItem(response, asked.length).map((outcome, index): Outcome<XmlNode> => {
    if (!outcome.ok) return outcome;
    const answered = requiredItemRef(outcome.value, 'GetItem').id;
    const ask = asked[index] as AnyItemRef;
    // An occurrence or master is answered with its own id, which the asker cannot know: position
    // and count are all that pair it.
    if (itemRefKind(ask) !== 'item') return outcome;
    if (answered === (ask as { readonly id: string }).id) return outcome;
    return {
      ok: false,
      error: new EwsProtocolError(
        `GetItem answered entry ${index + 1} of ${asked.length} with another item than the one asked for there`,
        { operation: 'GetItem', requestFate: 'executed' },
      ),
    };
  });
}
