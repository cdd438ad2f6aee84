import { child, EwsInvalidArgumentError, type EwsResponse, el, type XmlFragment } from '@ews/core';
import { itemIdXml } from '../internal/ids.js';
import { protocolFailure, readOutcomes } from '../internal/outcomes.js';
import type { Outcome } from '../outcome.js';
import type { ItemRef } from '../refs.js';
import { itemRefOf } from './item-id-results.js';

/** One item in Exchange's native (opaque, base64) format, as ExportItems gives it. */
export interface ExportedItem {
  readonly item: ItemRef;
  /** The base64 `Data`, unchanged: UploadItems takes it back. */
  readonly data: string;
}

export function buildExportItems(params: { readonly items: readonly ItemRef[] }): XmlFragment {
  if (params.items.length === 0) throw new EwsInvalidArgumentError('ExportItems needs at least one item id');
  return el(
    'm:ExportItems',
    {},
    el(
      'm:ItemIds',
      {},
      params.items.map((item) => itemIdXml(item, 'ExportItems')),
    ),
  );
}

/** One outcome per id in request order (`sent`: how many ids the request named). */
export function readExportItems(response: EwsResponse, sent: number): readonly Outcome<ExportedItem>[] {
  return readOutcomes(response, 'ExportItems', sent, (message): Outcome<ExportedItem> => {
    const item = itemRefOf(child(message.node, 'ItemId'));
    const dataNode = child(message.node, 'Data');
    if (item === undefined || dataNode === undefined)
      return protocolFailure('ExportItems', 'ExportItems answered without ItemId and Data');
    return {
      ok: true,
      value: {
        item,
        data: dataNode.text.replace(/\s+/g, ''),
      },
    };
  });
}
