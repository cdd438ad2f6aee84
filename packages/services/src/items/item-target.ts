import { EwsInvalidArgumentError } from '@ews/core';
import type { ItemId } from '@ews/models';
import { itemRefKind } from '../internal/ids.js';
import type { AnyItemRef, ItemRef } from '../refs.js';

/**
 * An item to act on, as a caller holds it: an ItemRef (`{ id, changeKey }`), one occurrence or a
 * series' master (`{ occurrenceOf, index }`, `{ masterOf }`), the `itemId` an item carries (models'
 * ItemId, whose `id` the type leaves optional), or the item itself. So
 * `account.items.get(model, item.itemId!)` and `account.items.delete(item)` need no cast.
 */
export type ItemTarget = AnyItemRef | PlainItemTarget;

/** One item by its own id (no occurrence or master form): an ItemRef, an ItemId or an item. */
export type PlainItemTarget = ItemRef | ItemId | { readonly itemId?: ItemId | undefined };

/**
 * THE place an ItemTarget becomes the item reference a request names: the item's `itemId`, or the id
 * given. An id that is missing or empty is the caller's slip (EWS_INVALID_ARGUMENT), refused
 * before anything is sent.
 */
export function itemRefOf(target: ItemTarget | string): AnyItemRef {
  if (typeof target === 'string') return { id: nonEmptyId(target) };
  if (typeof target !== 'object' || target === null)
    throw new EwsInvalidArgumentError('An item must be an id, an ItemId or an item with its itemId');
  // Occurrence and master forms are checked where they are written (itemIdXml, per operation).
  if ('occurrenceOf' in target || 'masterOf' in target) return target;
  const id: ItemId | undefined = 'itemId' in target ? target.itemId : (target as ItemId);
  if (id === undefined) throw new EwsInvalidArgumentError('The item has no itemId (was it saved?)');
  const changeKey = id.changeKey;
  return changeKey === undefined ? { id: nonEmptyId(id.id) } : { id: nonEmptyId(id.id), changeKey };
}

function nonEmptyId(id: unknown): string {
  if (typeof id !== 'string' || id === '')
    throw new EwsInvalidArgumentError('An item id must be a non-empty string');
  return id;
}

/**
 * The item's own id, where only a plain t:ItemIdType fits (the series an occurrence belongs to, the
 * occurrence a master is asked of): an occurrence or master reference is refused, naming `purpose`.
 */
export function plainItemRefOf(target: PlainItemTarget, purpose: string): ItemRef {
  const ref = itemRefOf(target);
  if (itemRefKind(ref) !== 'item') {
    throw new EwsInvalidArgumentError(
      `${purpose}: give the item itself or its { id }, not an occurrence or master reference`,
    );
  }
  return ref as ItemRef;
}
