import { children, EwsInvalidArgumentError, type EwsResponse, type XmlNode } from '@ews/core';
import { type ItemRef, itemIdXml } from '../internal/ids.js';
import type { Outcome } from '../internal/messages.js';
import { protocolFailure, readOutcomes } from '../internal/outcomes.js';

export interface GetItemParams {
  readonly items: readonly ItemRef[];
  /** One `<m:ItemShape>` element (`itemShape(model, …).xml` from @ews/models). */
  readonly shape: string;
}

export function buildGetItem(params: GetItemParams): string {
  if (params.items.length === 0) throw new EwsInvalidArgumentError('GetItem needs at least one item id');
  return `<m:GetItem>${params.shape}<m:ItemIds>${params.items.map(itemIdXml).join('')}</m:ItemIds></m:GetItem>`;
}

/** One outcome per requested id, in request order: the item element or the server's error. */
export function readGetItem(response: EwsResponse): readonly Outcome<XmlNode>[] {
  return readOutcomes(response, 'GetItem', (message): Outcome<XmlNode> => {
    const [item] = children(children(message.node, 'Items')[0]);
    if (!item) return protocolFailure('GetItem', 'GetItem answered without the item');
    return { ok: true, value: item };
  });
}
