import type { ItemKind } from '../store/item-model.js';
import { textEl, type XmlContent } from '../xml/xml-writer.js';
import type { ItemView } from './item-view.js';
import { formatDateTime } from './values.js';

/** A value restrictions and sort orders compare. */
export type FieldValue = string | number | boolean | Date | undefined;

/**
 * One property of an item: its FieldURI, which kinds have it, whether the Default shape returns it,
 * whether FindItem may return it, how it is written and what value queries see. Table order is
 * schema (wire) order.
 */
export interface ItemField {
  readonly uri: string;
  readonly kinds: readonly ItemKind[] | 'all';
  readonly inDefault: boolean;
  /** FindItem never returns these (Exchange returns bodies and recipient lists only from GetItem). */
  readonly getItemOnly?: boolean;
  /** Only written when AdditionalProperties names it (legacy or newer-version forms of a property). */
  readonly byNameOnly?: boolean;
  /** FindItem returns it when asked for by name (AdditionalProperties), never in a base shape. */
  readonly findByName?: boolean;
  readonly write: (view: ItemView) => XmlContent;
  readonly value?: (view: ItemView) => FieldValue;
}

export const bool = (name: string, value: boolean | undefined): XmlContent => textEl(name, value);
export const date = (name: string, value: Date | undefined): XmlContent =>
  value === undefined ? undefined : textEl(name, formatDateTime(value));
