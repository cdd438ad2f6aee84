import { children, EwsInvalidArgumentError, type EwsResponse } from '@ews/core';
import { type ItemRef, itemIdXml } from '../internal/ids.js';
import type { Outcome } from '../internal/messages.js';
import { protocolFailure, readOutcomes } from '../internal/outcomes.js';

/** One item in Exchange's native (opaque, base64) format, as ExportItems gives it. */
export interface ExportedItem {
  readonly item: ItemRef;
  /** The base64 `Data`, unchanged: UploadItems takes it back. */
  readonly data: string;
}

export function buildExportItems(params: { readonly items: readonly ItemRef[] }): string {
  if (params.items.length === 0) throw new EwsInvalidArgumentError('ExportItems needs at least one item id');
  return `<m:ExportItems><m:ItemIds>${params.items.map(itemIdXml).join('')}</m:ItemIds></m:ExportItems>`;
}

/** One outcome per id in request order. */
export function readExportItems(response: EwsResponse): readonly Outcome<ExportedItem>[] {
  return readOutcomes(response, 'ExportItems', (message): Outcome<ExportedItem> => {
    const idNode = children(message.node, 'ItemId')[0];
    const dataNode = children(message.node, 'Data')[0];
    const id = idNode?.attributes.Id;
    if (id === undefined || dataNode === undefined)
      return protocolFailure('ExportItems', 'ExportItems answered without ItemId and Data');
    return {
      ok: true,
      value: {
        item: { id, changeKey: idNode?.attributes.ChangeKey },
        data: dataNode.text.replace(/\s+/g, ''),
      },
    };
  });
}
