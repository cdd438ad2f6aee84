import { child, children, EwsInvalidArgumentError, type EwsResponse, type XmlNode } from '@ews/core';
import { type FolderRef, folderIdXml } from '../internal/ids.js';
import { type ItemShapeSpec, itemShapeXml } from '../internal/item-shape.js';
import { onlyMessage } from '../internal/messages.js';
import { utcDateTime } from '../internal/xml.js';

export type ItemTraversal = 'Shallow' | 'SoftDeleted' | 'Associated';

/** IndexedPageItemView (offset paging) or CalendarView (recurrences expanded by the server). */
export type FindItemView =
  | { readonly type: 'indexed'; readonly maxEntries: number; readonly offset: number }
  | { readonly type: 'calendar'; readonly start: Date; readonly end: Date; readonly maxEntries: number };

export interface FindItemParams {
  readonly folders: readonly FolderRef[];
  readonly shape: ItemShapeSpec;
  readonly view: FindItemView;
  readonly traversal?: ItemTraversal | undefined;
  /** One serialized search expression (`<t:IsEqualTo>…`), wrapped in `<m:Restriction>` here. */
  readonly restriction?: string | undefined;
  /** Serialized `<t:FieldOrder>` elements, wrapped in `<m:SortOrder>` here. */
  readonly sortOrder?: readonly string[] | undefined;
}

export interface FindItemPage {
  /** Item elements (Message, CalendarItem…) in server order. */
  readonly items: readonly XmlNode[];
  readonly includesLastItemInRange: boolean;
  readonly totalItemsInView: number | undefined;
  readonly indexedPagingOffset: number | undefined;
}

export function buildFindItem(params: FindItemParams): string {
  if (params.folders.length === 0) throw new EwsInvalidArgumentError('FindItem needs at least one folder');
  if (params.view.type === 'calendar' && params.restriction !== undefined) {
    // Exchange refuses restrictions together with a CalendarView.
    throw new EwsInvalidArgumentError('A calendar view cannot be combined with a restriction');
  }
  const traversal = params.traversal ?? 'Shallow';
  return (
    `<m:FindItem Traversal="${traversal}">` +
    itemShapeXml(params.shape) +
    viewXml(params.view) +
    (params.restriction === undefined ? '' : `<m:Restriction>${params.restriction}</m:Restriction>`) +
    (params.sortOrder && params.sortOrder.length > 0
      ? `<m:SortOrder>${params.sortOrder.join('')}</m:SortOrder>`
      : '') +
    `<m:ParentFolderIds>${params.folders.map(folderIdXml).join('')}</m:ParentFolderIds>` +
    '</m:FindItem>'
  );
}

function viewXml(view: FindItemView): string {
  const max = positiveInteger(view.maxEntries, 'maxEntries');
  if (view.type === 'indexed') {
    const offset = Number.isSafeInteger(view.offset) && view.offset >= 0 ? view.offset : Number.NaN;
    if (Number.isNaN(offset)) throw new EwsInvalidArgumentError('offset must be a non-negative integer');
    return `<m:IndexedPageItemView MaxEntriesReturned="${max}" Offset="${offset}" BasePoint="Beginning"/>`;
  }
  if (!(view.start.getTime() < view.end.getTime())) {
    throw new EwsInvalidArgumentError('A calendar view needs start < end');
  }
  return `<m:CalendarView MaxEntriesReturned="${max}" StartDate="${utcDateTime(view.start)}" EndDate="${utcDateTime(view.end)}"/>`;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new EwsInvalidArgumentError(`${name} must be a positive integer`);
  return value;
}

export function readFindItem(response: EwsResponse): FindItemPage {
  const root = child(onlyMessage(response).node, 'RootFolder');
  const number = (name: string): number | undefined => {
    const value = root?.attributes[name];
    return value === undefined ? undefined : Number(value);
  };
  return {
    items: children(child(root, 'Items')),
    includesLastItemInRange: root?.attributes.IncludesLastItemInRange !== 'false',
    totalItemsInView: number('TotalItemsInView'),
    indexedPagingOffset: number('IndexedPagingOffset'),
  };
}
