import { child, children, type EwsResponse, type XmlNode } from '@ews/core';
import type { ItemRef } from '../internal/ids.js';
import type { Outcome } from '../internal/messages.js';
import { protocolFailure, readOutcomes } from '../internal/outcomes.js';

/**
 * One outcome per requested item, in request order, for operations that answer with the items'
 * new ids in `<m:Items>` (MoveItem, CopyItem, ArchiveItem). The id is `undefined` when the server
 * does not return one (a move to another mailbox, `ReturnNewItemIds` false, Exchange 2007).
 */
export function readNewItemIds(
  response: EwsResponse,
  operation: string,
): readonly Outcome<ItemRef | undefined>[] {
  return readOutcomes(response, operation, (message): Outcome<ItemRef | undefined> => {
    const [item] = children(child(message.node, 'Items'));
    return { ok: true, value: itemRefOf(child(item, 'ItemId')) };
  });
}

/** `{ id, changeKey }` from an `<t:ItemId>`-like element, or undefined without one. */
export function itemRefOf(node: XmlNode | undefined): ItemRef | undefined {
  const id = node?.attributes.Id;
  if (id === undefined) return undefined;
  const changeKey = node?.attributes.ChangeKey;
  return changeKey === undefined ? { id } : { id, changeKey };
}

/**
 * One outcome per response message for operations whose answer must name what they made or
 * changed (UpdateItem's item, CreateAttachment's attachment): the first element in
 * `<m:{container}>` and its `<t:{idElement}>`, handed to `read` with its `Id`. A success without
 * that id fails that entry alone, as a protocol error.
 */
export function readRequiredIds<T>(
  response: EwsResponse,
  operation: string,
  where: { readonly container: string; readonly idElement: string },
  read: (id: string, idNode: XmlNode) => T,
): readonly Outcome<T>[] {
  return readOutcomes(response, operation, (message): Outcome<T> => {
    const [first] = children(child(message.node, where.container));
    const idNode = child(first, where.idElement);
    const id = idNode?.attributes.Id;
    if (idNode === undefined || id === undefined)
      return protocolFailure(operation, `${operation} answered without ${where.idElement}`);
    return { ok: true, value: read(id, idNode) };
  });
}
