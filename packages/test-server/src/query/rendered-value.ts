import { fieldApplies, itemField } from '../render/item-fields.js';
import type { ItemView } from '../render/item-view.js';
import { parseXml, type XmlElement } from '../xml/xml-tree.js';
import { toXml } from '../xml/xml-writer.js';

/**
 * A property's element exactly as GetItem would write it, read back: restrictions on structured
 * properties (indexed entries, list members) see what the item shows, whatever the store keeps.
 * Undefined when the kind has no such property or the item leaves it out.
 */
export function renderedElement(view: ItemView, uri: string): XmlElement | undefined {
  const field = itemField(uri);
  if (field === undefined || !fieldApplies(field, view.item.kind)) return undefined;
  const xml = toXml(field.write(view));
  if (xml === '') return undefined;
  return parseXml(`<rendered>${xml}</rendered>`).children[0];
}
