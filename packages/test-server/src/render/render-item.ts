import { el, type XmlFragment } from '../xml/xml-writer.js';
import { fieldApplies, ITEM_FIELDS } from './item-fields.js';
import { ITEM_ELEMENT, type ItemView, viewId } from './item-view.js';
import type { Shape } from './shape.js';

/** Writes one item in the requested shape; FindItem (`find`) leaves out GetItem-only properties. */
export function renderItem(view: ItemView, shape: Shape, mode: 'get' | 'find'): XmlFragment {
  const kind = view.item.kind;
  const fields = ITEM_FIELDS.filter((field) => {
    if (!fieldApplies(field, kind)) return false;
    if (mode === 'find' && field.getItemOnly) return false;
    if (shape.additional.has(field.uri)) return true;
    return shape.base === 'AllProperties' || (shape.base === 'Default' && field.inDefault);
  });
  const itemId = el('t:ItemId', { Id: viewId(view), ChangeKey: view.item.changeKey });
  return el(
    ITEM_ELEMENT[kind],
    null,
    itemId,
    fields.map((field) => field.write(view)),
  );
}
