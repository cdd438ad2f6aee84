import type { ItemKind } from '../store/item-model.js';
import { CALENDAR_FIELDS } from './calendar-fields.js';
import { CONTACT_FIELDS, TASK_FIELDS } from './contact-task-fields.js';
import type { ItemField } from './field-types.js';
import { ITEM_BASE_FIELDS } from './item-base-fields.js';
import { MEETING_MESSAGE_FIELDS } from './meeting-message-fields.js';
import { MESSAGE_FIELDS } from './message-fields.js';

export type { FieldValue, ItemField } from './field-types.js';

/** Every field the test server knows, in wire order: ItemType's fields, then each kind's own. */
export const ITEM_FIELDS: readonly ItemField[] = [
  ...ITEM_BASE_FIELDS,
  ...MESSAGE_FIELDS,
  ...MEETING_MESSAGE_FIELDS,
  ...CALENDAR_FIELDS,
  ...CONTACT_FIELDS,
  ...TASK_FIELDS,
];

const BY_URI = new Map(ITEM_FIELDS.map((f) => [f.uri, f]));

export function itemField(uri: string): ItemField | undefined {
  return BY_URI.get(uri);
}

export function fieldApplies(field: ItemField, kind: ItemKind): boolean {
  return field.kinds === 'all' || field.kinds.includes(kind);
}
