import { renderItem } from '../render/render-item.js';
import { parseShape } from '../render/shape.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import { child } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import type { OperationHandler } from './operation-context.js';
import { itemIdElements, resolveItem } from './resolve-item.js';

/** GetItem: IdOnly/Default/AllProperties plus AdditionalProperties, one message per id. */
export const getItem: OperationHandler = (ctx, request) => {
  const shape = parseShape(child(request, 'ItemShape'));
  const messages = itemIdElements(child(request, 'ItemIds')).map((idEl) =>
    messageFor(
      'GetItemResponseMessage',
      () => el('m:Items', null, renderItem(resolveItem(ctx, idEl).view, shape, 'get')),
      () => el('m:Items', null),
    ),
  );
  return operationResponse('GetItem', messages);
};
