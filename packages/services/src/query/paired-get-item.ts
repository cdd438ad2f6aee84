import { EwsProtocolError, type EwsResponse, type XmlNode } from '@ews/core';
import type { ItemRef } from '../internal/ids.js';
import type { Outcome } from '../internal/messages.js';
import { readGetItem } from '../operations/get-item.js';
import { requiredItemRef } from '../operations/item-id-results.js';

/**
 * One outcome per id asked, in the order asked, each success checked to be THE item asked for at
 * its place: readGetItem pairs messages with ids by position and count, and this also compares
 * each answered ItemId with the id sent there. An answer in another order, or naming another
 * item, fails that entry (EWS_PROTOCOL) instead of pinning one item's fields on another.
 */
export function readGetItemFor(response: EwsResponse, asked: readonly ItemRef[]): Outcome<XmlNode>[] {
  return readGetItem(response, asked.length).map((outcome, index): Outcome<XmlNode> => {
    if (!outcome.ok) return outcome;
    const answered = requiredItemRef(outcome.value, 'GetItem').id;
    if (answered === asked[index]?.id) return outcome;
    return {
      ok: false,
      error: new EwsProtocolError(
        `GetItem answered entry ${index + 1} of ${asked.length} with another item than the one asked for there`,
        { operation: 'GetItem', requestFate: 'executed' },
      ),
    };
  });
}
