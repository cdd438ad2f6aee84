import { child, EwsProtocolError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { readOutcomes } from '../internal/outcomes.js';
import type { Outcome } from '../outcome.js';
import type { ItemRef } from '../refs.js';
import { attachmentIdsXml } from './get-attachment.js';
import { itemRefOf, ROOT_ITEM_ATTRIBUTES } from './item-id-results.js';

export function buildDeleteAttachment(params: { readonly attachments: readonly string[] }): XmlFragment {
  return el(
    'm:DeleteAttachment',
    {},
    el('m:AttachmentIds', {}, attachmentIdsXml(params.attachments, 'DeleteAttachment')),
  );
}

/**
 * One outcome per id in request order (`sent`: how many ids the request named): the parent item
 * with its new change key, when the server says.
 */
export function readDeleteAttachment(
  response: EwsResponse,
  sent: number,
): readonly Outcome<ItemRef | undefined>[] {
  return readOutcomes(response, 'DeleteAttachment', sent, (message): Outcome<ItemRef | undefined> => {
    const root = child(message.node, 'RootItemId');
    if (root === undefined) return { ok: true, value: undefined };
    // t:RootItemIdType requires RootItemId: an element without it names no item.
    const ref = itemRefOf(root, ROOT_ITEM_ATTRIBUTES);
    if (ref === undefined)
      throw new EwsProtocolError('DeleteAttachment answered a RootItemId without its RootItemId', {
        operation: 'DeleteAttachment',
      });
    return { ok: true, value: ref };
  });
}
