import { ResponseError } from '../operations/operation-context.js';
import type { ItemView } from '../render/item-view.js';
import { childrenNamed } from '../xml/xml-tree.js';
import type { PathReader, Scalar } from './path-reader.js';
import { renderedElement } from './rendered-value.js';

/**
 * FieldURIs Exchange accepts in a restriction but that never match: exchangelib's live-server suite
 * (test_queryset_nonsearchable_fields) finds no error and no match for ReminderDueBy and ConversationIndex,
 * and none for PercentComplete and AllowNewTimeProposal.
 */
export const NEVER_MATCHING_PATHS: ReadonlySet<string> = new Set([
  'item:ReminderDueBy',
  'message:ConversationIndex',
  'task:PercentComplete',
  'calendar:AllowNewTimeProposal',
]);

type SimpleType = 'string' | 'boolean' | 'integer' | 'dateTime';

function typed(type: SimpleType, text: string): Scalar | undefined {
  switch (type) {
    case 'boolean':
      return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : undefined;
    case 'integer':
      return /^[+-]?[0-9]+$/.test(text) ? Number(text) : undefined;
    case 'dateTime': {
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? undefined : date;
    }
    default:
      return text;
  }
}

function renderedReader(uri: string, type: SimpleType): PathReader<ItemView> {
  return {
    read: (view) => {
      const text = renderedElement(view, uri)?.text;
      return text === undefined ? undefined : typed(type, text.trim());
    },
    constant: (text) => {
      const value = typed(type, text.trim());
      if (value === undefined)
        throw new ResponseError('ErrorInvalidValueForProperty', `Not a ${type}: ${text}.`);
      return value;
    },
  };
}

/**
 * Searchable properties read from the item as GetItem writes it, with their schema type (types.xsd), for
 * those the property table gives no value of its own: an item that leaves one out matches nothing.
 */
const RENDERED_PATHS: Readonly<Record<string, SimpleType>> = {
  'item:ReminderIsSet': 'boolean',
  'item:ReminderMinutesBeforeStart': 'integer',
  'item:ReminderNextTime': 'dateTime',
  'message:IsReadReceiptRequested': 'boolean',
  'message:IsDeliveryReceiptRequested': 'boolean',
  'message:IsResponseRequested': 'boolean',
  'calendar:When': 'string',
  'calendar:ConferenceType': 'integer',
};

export function renderedPathReader(uri: string): PathReader<ItemView> | undefined {
  const type = RENDERED_PATHS[uri];
  return type === undefined ? undefined : renderedReader(uri, type);
}

/**
 * Paths with their own query semantics, whatever the property table says: the body is searched as its
 * text (what Exchange's content index holds), and a list matches when any member does (exchangelib's
 * categories__contains is an And of IsEqualTo on item:Categories, one per category).
 */
const SPECIAL_PATHS: Readonly<Record<string, PathReader<ItemView>>> = {
  'item:Body': {
    read: (view) => renderedElement({ ...view, bodyType: 'Text' }, 'item:Body')?.text || undefined,
  },
  'item:Categories': {
    read: (view) => childrenNamed(renderedElement(view, 'item:Categories'), 'String').map((s) => s.text),
    multiValued: true,
  },
  'contacts:Children': {
    read: (view) => childrenNamed(renderedElement(view, 'contacts:Children'), 'String').map((s) => s.text),
    multiValued: true,
  },
};

export function specialPathReader(uri: string): PathReader<ItemView> | undefined {
  return SPECIAL_PATHS[uri];
}
