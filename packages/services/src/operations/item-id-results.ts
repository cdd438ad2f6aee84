import { child, children, EwsProtocolError, type EwsResponse, type XmlNode } from '@ews/core';
import { protocolFailure, readOutcomes } from '../internal/outcomes.js';
import type { Outcome } from '../outcome.js';
import type { ItemRef } from '../refs.js';

/**
 * One outcome per requested item, in request order, for operations that answer with the items'
 * new ids in `<m:Items>` (MoveItem, CopyItem, ArchiveItem). The id is `undefined` when the server
 * returns no item (a move to another mailbox, `ReturnNewItemIds` false, Exchange 2007); an item
 * it returns must carry its ItemId, and one entry names at most one item.
 */
export function readNewItemIds(
  response: EwsResponse,
  operation: string,
  sent: number,
): readonly Outcome<ItemRef | undefined>[] {
  return readOutcomes(response, operation, sent, (message): Outcome<ItemRef | undefined> => {
    const items = children(requiredChild(message.node, 'Items', operation));
    if (items.length > 1) return tooMany(operation, items);
    const [item] = items;
    return { ok: true, value: item === undefined ? undefined : requiredItemRef(item, operation) };
  });
}

/**
 * `{ id, changeKey }` of an item element's `<t:ItemId>`. Every item an answer names carries one
 * (t:ItemIdType's Id is required): an item without it, or with a misspelt `<t:ItemID>`, is a
 * broken answer (EWS_PROTOCOL), never a success without an id.
 */
export function requiredItemRef(item: XmlNode, operation: string): ItemRef {
  const ref = itemRefOf(child(item, 'ItemId'));
  if (ref === undefined)
    throw new EwsProtocolError(`${operation} answered a ${nameOf(item)} without an ItemId`, { operation });
  return ref;
}

/**
 * `{ id, changeKey }` of an optional `<t:ItemId>`-like element (MarkAsJunk's MovedItemId,
 * UploadItems' ItemId): undefined when the element is absent, a protocol error when it is there
 * without its required Id.
 */
export function optionalItemRef(node: XmlNode | undefined, operation: string): ItemRef | undefined {
  if (node === undefined) return undefined;
  const ref = itemRefOf(node);
  if (ref === undefined)
    throw new EwsProtocolError(`${operation} answered a ${nameOf(node)} without its Id`, { operation });
  return ref;
}

/** The attributes an id element names its id and change key with. */
export interface IdAttributes {
  readonly id: string;
  readonly changeKey: string;
}

/** t:ItemIdType, FolderIdType, AttachmentIdType and the persona ids: `Id` and `ChangeKey`. */
export const ID_ATTRIBUTES: IdAttributes = { id: 'Id', changeKey: 'ChangeKey' };
/** t:RootItemIdType and an AttachmentId's parent item: `RootItemId` and `RootItemChangeKey`. */
export const ROOT_ITEM_ATTRIBUTES: IdAttributes = { id: 'RootItemId', changeKey: 'RootItemChangeKey' };

/**
 * `{ id, changeKey }` from an `<t:ItemId>`-like element, or undefined when it is absent or has no
 * Id. THE place services reads an id element's attributes (test/required-ids.test.ts keeps it so):
 * the schema requires the Id (xs:string) and Exchange never sends an empty one, so `Id=""` names
 * nothing, exactly like a missing Id, and every caller refuses it as a broken answer.
 */
export function itemRefOf(
  node: XmlNode | undefined,
  attributes: IdAttributes = ID_ATTRIBUTES,
): ItemRef | undefined {
  const id = node?.attributes[attributes.id];
  if (id === undefined || id === '') return undefined;
  const changeKey = node?.attributes[attributes.changeKey];
  return changeKey === undefined ? { id } : { id, changeKey };
}

/**
 * One outcome per response message for operations whose answer must name what they made or
 * changed (UpdateItem's item, CreateAttachment's attachment): the one element in
 * `<m:{container}>` and its `<t:{idElement}>`, handed to `read` with its `Id`. A success without
 * that id, or naming several, fails that entry alone, as a protocol error.
 */
export function readRequiredIds<T>(
  response: EwsResponse,
  operation: string,
  sent: number,
  where: { readonly container: string; readonly idElement: string },
  read: (ref: ItemRef, idNode: XmlNode) => T,
): readonly Outcome<T>[] {
  return readOutcomes(response, operation, sent, (message): Outcome<T> => {
    const found = children(child(message.node, where.container));
    if (found.length > 1) return tooMany(operation, found);
    const idNode = child(found[0], where.idElement);
    const ref = itemRefOf(idNode);
    if (idNode === undefined || ref === undefined)
      return protocolFailure(operation, `${operation} answered without ${where.idElement}`);
    return { ok: true, value: read(ref, idNode) };
  });
}

/** An entry answered with several elements where one is expected: which one is ours is unknown. */
export function tooMany(operation: string, found: readonly XmlNode[]): Outcome<never> {
  const names = found.slice(0, 4).map(nameOf);
  const more = found.length > names.length ? ', …' : '';
  return protocolFailure(
    operation,
    `${operation} answered ${found.length} elements (${names.join(', ')}${more}) for one entry`,
  );
}

/** An element's name for an error text, cut short: names come from the server. */
export function nameOf(node: XmlNode): string {
  return node.name.length > 64 ? `${node.name.slice(0, 64)}…` : node.name;
}

/** A child element the schema requires in a successful message (e.g. ItemInfoResponseMessage's Items). */
export function requiredChild(node: XmlNode, name: string, operation: string): XmlNode {
  const found = child(node, name);
  if (found === undefined) throw new EwsProtocolError(`${operation} answered without ${name}`, { operation });
  return found;
}
