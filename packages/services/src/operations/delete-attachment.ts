import { children, type EwsResponse, responseMessageError } from '@ews/core';
import type { ItemRef } from '../internal/ids.js';
import type { Outcome } from '../internal/messages.js';
import { attachmentIdsXml } from './get-attachment.js';

export function buildDeleteAttachment(params: { readonly attachments: readonly string[] }): string {
  return `<m:DeleteAttachment><m:AttachmentIds>${attachmentIdsXml(params.attachments, 'DeleteAttachment')}</m:AttachmentIds></m:DeleteAttachment>`;
}

/** One outcome per id in request order: the parent item with its new change key, when the server says. */
export function readDeleteAttachment(response: EwsResponse): readonly Outcome<ItemRef | undefined>[] {
  return response.messages.map((message): Outcome<ItemRef | undefined> => {
    if (message.responseClass === 'Error')
      return { ok: false, error: responseMessageError(message, 'DeleteAttachment') };
    const root = children(message.node, 'RootItemId')[0];
    const id = root?.attributes.RootItemId;
    return {
      ok: true,
      value: id === undefined ? undefined : { id, changeKey: root?.attributes.RootItemChangeKey },
    };
  });
}
