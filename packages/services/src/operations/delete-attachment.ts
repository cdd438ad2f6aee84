import { child, EwsProtocolError, type EwsResponse } from '@ews/core';
import type { ItemRef } from '../internal/ids.js';
import type { Outcome } from '../internal/messages.js';
import { readOutcomes } from '../internal/outcomes.js';
import { attachmentIdsXml } from './get-attachment.js';

export function buildDeleteAttachment(params: { readonly attachments: readonly string[] }): string {
  return `<m:DeleteAttachment><m:AttachmentIds>${attachmentIdsXml(params.attachments, 'DeleteAttachment')}</m:AttachmentIds></m:DeleteAttachment>`;
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
    const id = root.attributes.RootItemId;
    if (id === undefined || id === '')
      throw new EwsProtocolError('DeleteAttachment answered a RootItemId without its RootItemId', {
        operation: 'DeleteAttachment',
      });
    const changeKey = root.attributes.RootItemChangeKey;
    return { ok: true, value: changeKey === undefined ? { id } : { id, changeKey } };
  });
}
