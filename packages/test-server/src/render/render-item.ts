import { viewExtendedProperties } from '../calendar/global-object-id.js';
import { el, type XmlFragment } from '../xml/xml-writer.js';
import {
  ITEM_URIS_BEFORE_EXTENDED,
  renderExtendedProperties,
  withExtendedProperties,
} from './extended-properties.js';
import { fieldsOf } from './item-fields.js';
import { ITEM_ELEMENT, type ItemView, viewId } from './item-view.js';
import { mimeContentOf } from './mime-content.js';
import type { Shape } from './shape.js';

/** Writes one item in the requested shape; FindItem (`find`) leaves out GetItem-only properties. */
export function renderItem(requested: ItemView, shape: Shape, mode: 'get' | 'find'): XmlFragment {
  // MIME comes from GetItem/GetAttachment only, written before the ItemId as the schema orders it.
  const mimeContent = mode === 'get' && shape.mimeContent ? mimeContentOf(requested.item) : undefined;
  const typed = shape.bodyType === undefined ? requested : { ...requested, bodyType: shape.bodyType };
  // FindItem returns the first 255 characters of a streamed property such as the body.
  const view = mode === 'find' ? { ...typed, truncated: true } : typed;
  const kind = view.item.kind;
  const fields = fieldsOf(kind).filter((field) => {
    if (shape.additional.has(field.uri)) return !(mode === 'find' && field.getItemOnly);
    if (field.byNameOnly) return false;
    if (mode === 'find' && (field.getItemOnly || field.findByName)) return false;
    return shape.base === 'AllProperties' || (shape.base === 'Default' && field.inDefault);
  });
  const itemId = el('t:ItemId', { Id: viewId(view), ChangeKey: view.item.changeKey });
  return el(
    ITEM_ELEMENT[kind],
    null,
    mimeContent === undefined ? undefined : el('t:MimeContent', { CharacterSet: 'UTF-8' }, mimeContent),
    itemId,
    withExtendedProperties(
      fields,
      ITEM_URIS_BEFORE_EXTENDED,
      (field) => field.write(view),
      renderExtendedProperties(
        shape.extended === undefined || shape.extended.length === 0
          ? view.item
          : viewExtendedProperties(view),
        shape.extended,
      ),
    ),
  );
}
