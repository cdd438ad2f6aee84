import { ResponseError } from '../operations/operation-context.js';
import type { ItemView } from '../render/item-view.js';
import { child, type XmlElement } from '../xml/xml-tree.js';
import { compareValues, fieldAccessor } from './field-values.js';
import type { PathReader, Scalar } from './path-reader.js';

/** One group of a grouped FindItem: its GroupIndex (the grouping value as text) and its items in view order. */
export interface ItemGroup {
  readonly groupIndex: string;
  readonly views: readonly ItemView[];
}

/** Turns the sorted items of a view into ordered groups. */
export type Grouping = (views: readonly ItemView[]) => ItemGroup[];

const PATH_NAMES = new Set(['FieldURI', 'IndexedFieldURI', 'ExtendedFieldURI']);
const REPLY_PREFIX = /^\s*(?:(?:re|fw|fwd)\s*:\s*)+/i;

function pathOf(parent: XmlElement): XmlElement {
  const path = parent.children.find((c) => PATH_NAMES.has(c.name));
  if (path === undefined)
    throw new ResponseError('ErrorInvalidRequest', `${parent.name} needs a property path.`);
  return path;
}

/** A grouping or aggregation path: multi-valued properties cannot group (as they cannot sort). */
function singleValued(path: XmlElement): PathReader<ItemView> {
  const reader = fieldAccessor(path, 'ErrorUnsupportedPathForSortGroup');
  if (reader.multiValued)
    throw new ResponseError('ErrorUnsupportedPathForSortGroup', 'A multi-valued property cannot group.');
  return reader;
}

function asText(value: Scalar | undefined): string {
  if (value === undefined) return '';
  if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return String(value);
}

/** A conversation's topic: the subject without reply and forward prefixes. */
export function conversationTopic(view: ItemView): string {
  return view.item.subject.replace(REPLY_PREFIX, '');
}

/**
 * Groups in first-seen order, then ordered by the aggregate (the Minimum or Maximum of a value over
 * each group's items; groups without one last), ties by GroupIndex. Items keep the view's order.
 */
function grouping(
  key: (view: ItemView) => string,
  aggregateOf: (view: ItemView) => Scalar | undefined,
  aggregate: 'Minimum' | 'Maximum',
  sign: 1 | -1,
): Grouping {
  return (views) => {
    const groups = new Map<string, { views: ItemView[]; value: Scalar | undefined }>();
    for (const view of views) {
      const groupIndex = key(view);
      const value = aggregateOf(view);
      const group = groups.get(groupIndex);
      if (group === undefined) {
        groups.set(groupIndex, { views: [view], value });
        continue;
      }
      group.views.push(view);
      if (value === undefined) continue;
      if (group.value === undefined) group.value = value;
      else {
        const order = compareValues(value, group.value);
        if (aggregate === 'Maximum' ? order > 0 : order < 0) group.value = value;
      }
    }
    return [...groups]
      .sort(([ka, a], [kb, b]) => {
        if (a.value === undefined || b.value === undefined) {
          if (a.value !== b.value) return a.value === undefined ? 1 : -1;
        } else {
          const order = compareValues(a.value, b.value);
          if (order !== 0) return sign * order;
        }
        return ka.localeCompare(kb);
      })
      .map(([groupIndex, group]) => ({ groupIndex, views: group.views }));
  };
}

const direction = (el: XmlElement): 1 | -1 => (el.attrs.Order === 'Descending' ? -1 : 1);

/** m:GroupBy: FieldURI (what makes a group) and AggregateOn (what orders the groups). */
export function compileGroupBy(groupBy: XmlElement): Grouping {
  const by = singleValued(pathOf(groupBy));
  const aggregateOn = child(groupBy, 'AggregateOn');
  if (aggregateOn === undefined)
    throw new ResponseError('ErrorInvalidRequest', 'GroupBy needs an AggregateOn.');
  const aggregate = aggregateOn.attrs.Aggregate;
  if (aggregate !== 'Minimum' && aggregate !== 'Maximum')
    throw new ResponseError('ErrorInvalidRequest', 'Aggregate must be Minimum or Maximum.');
  const on = singleValued(pathOf(aggregateOn));
  return grouping(
    (view) => asText(by.read(view) as Scalar | undefined),
    (view) => on.read(view) as Scalar | undefined,
    aggregate,
    direction(groupBy),
  );
}

/**
 * m:DistinguishedGroupBy ConversationTopic: one group per conversation topic, conversations ordered by
 * their latest item (DateTimeReceived, Maximum), as Outlook's conversation view.
 */
export function compileDistinguishedGroupBy(groupBy: XmlElement): Grouping {
  const standard = child(groupBy, 'StandardGroupBy')?.text;
  if (standard !== 'ConversationTopic')
    throw new ResponseError('ErrorInvalidRequest', `Unknown StandardGroupBy: ${standard ?? '(none)'}.`);
  return grouping(conversationTopic, (view) => view.item.dateTimeReceived, 'Maximum', direction(groupBy));
}
