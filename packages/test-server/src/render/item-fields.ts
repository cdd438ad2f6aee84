import {
  isComparable,
  keptValue,
  propertiesInOrder,
  type SchemaItemProperty,
  schemaProperty,
  writeProperty,
} from '../schema/item-properties.js';
import { isTyped } from '../schema/typed-properties.js';
import type { ItemKind } from '../store/item-model.js';
import { CALENDAR_FIELDS } from './calendar-fields.js';
import { CONTACT_FIELDS, TASK_FIELDS } from './contact-task-fields.js';
import type { ItemField } from './field-types.js';
import { ITEM_BASE_FIELDS } from './item-base-fields.js';
import type { ItemView } from './item-view.js';
import { MEETING_MESSAGE_FIELDS } from './meeting-message-fields.js';
import { MESSAGE_FIELDS } from './message-fields.js';

export type { FieldValue, ItemField } from './field-types.js';

/** The fields with behaviour: written from the typed model (calendar times, attendees, read flags, ...). */
export const HAND_WRITTEN_FIELDS: readonly ItemField[] = [
  ...ITEM_BASE_FIELDS,
  ...MESSAGE_FIELDS,
  ...MEETING_MESSAGE_FIELDS,
  ...CALENDAR_FIELDS,
  ...CONTACT_FIELDS,
  ...TASK_FIELDS,
];

const HAND_BY_URI = new Map(HAND_WRITTEN_FIELDS.map((f) => [f.uri, f]));

function kept(view: ItemView, uri: string) {
  return view.item.properties?.[uri];
}

/**
 * May the hand-written field answer for this item? For the typed model's own properties and the ones
 * the server computes, always; for the rest only on items without a property bag (seeded ones), so
 * a deleted kept property is gone rather than showing the typed copy it was created with.
 */
function handAnswers(hand: ItemField | undefined, property: SchemaItemProperty, view: ItemView): boolean {
  if (hand === undefined || !fieldApplies(hand, view.item.kind)) return false;
  return (
    view.item.properties === undefined ||
    property.readOnly !== undefined ||
    isTyped(property.uri, view.item.kind)
  );
}

/**
 * One field per schema property. A property the item keeps as sent (its property bag) is written and
 * compared from there; otherwise the hand-written field (if any) answers from the typed model.
 */
function merged(property: SchemaItemProperty): ItemField {
  const uri = property.uri;
  const hand = HAND_BY_URI.get(uri);
  const comparable = isComparable(property);
  const handValue = hand?.value;
  const value =
    handValue !== undefined
      ? (v: ItemView) => {
          // A kept dictionary (contacts:EmailAddresses) compares through its typed copy.
          const element = comparable ? kept(v, uri) : undefined;
          if (element !== undefined) return keptValue(property, element);
          return handAnswers(hand, property, v) ? handValue(v) : undefined;
        }
      : comparable
        ? (v: ItemView) => {
            const element = kept(v, uri);
            return element === undefined ? undefined : keptValue(property, element);
          }
        : undefined;
  return {
    uri,
    kinds: Object.keys(property.positions) as ItemKind[],
    inDefault: hand?.inDefault ?? false,
    ...(hand?.getItemOnly ? { getItemOnly: true } : {}),
    ...(hand?.findByName ? { findByName: true } : {}),
    ...(hand?.byNameOnly ? { byNameOnly: true } : {}),
    write: (v) => {
      const element = kept(v, uri);
      if (element !== undefined) return writeProperty(property, element);
      return handAnswers(hand, property, v) ? hand?.write(v) : undefined;
    },
    ...(value === undefined ? {} : { value }),
  };
}

const MERGED = new Map<string, ItemField>();
function mergedField(property: SchemaItemProperty): ItemField {
  let field = MERGED.get(property.uri);
  if (field === undefined) {
    field = merged(property);
    MERGED.set(property.uri, field);
  }
  return field;
}

const BY_KIND = new Map<ItemKind, readonly ItemField[]>();

/**
 * Every field an item of this kind has, in wire order (types.xsd's sequence, base types first): the
 * hand-written ones that apply to the kind and a generic one for every other schema property.
 */
export function fieldsOf(kind: ItemKind): readonly ItemField[] {
  let fields = BY_KIND.get(kind);
  if (fields === undefined) {
    fields = propertiesInOrder(kind).map(mergedField);
    BY_KIND.set(kind, fields);
  }
  return fields;
}

/** The field a FieldURI names (aliases resolved), or undefined when the schema has no such item property. */
export function itemField(uri: string): ItemField | undefined {
  const property = schemaProperty(uri);
  return property === undefined ? undefined : mergedField(property);
}

export function fieldApplies(field: ItemField, kind: ItemKind): boolean {
  return field.kinds === 'all' || field.kinds.includes(kind);
}
