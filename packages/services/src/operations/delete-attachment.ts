import { children, type EwsResponse } from '@ews/core';
import type { ItemRef } from '../internal/ids.js';
import type { Outcome } from '../internal/messages.js';
import { readOutcomes } from '../internal/outcomes.js';
import { attachmentIdsXml } from './get-attachment.js';

export function buildDeleteAttachment(params: { readonly attachments: readonly string[] }): string {
  return `<m:DeleteAttachment><m:AttachmentIds>${attachmentIdsXml(params.attachments, 'DeleteAttachment')}</m:AttachmentIds></m:DeleteAttachment>`;
}

/** One outcome per id in request order: the parent item with its new change key, when the server says. */
export function readDeleteAttachment(response: EwsResponse): readonly Outcome<ItemRef | undefined>[] {
  return readOutcomes(response, 'DeleteAttachment', (message): Outcome<ItemRef | undefined> => {
    const root = children(message.node, 'RootItemId')[0];
    const id = root?.attributes.RootItemId;
    return {
      ok: true,
      value: id === undefined ? undefined : { id, changeKey: root?.attributes.RootItemChangeKey },
    };
  });
}
