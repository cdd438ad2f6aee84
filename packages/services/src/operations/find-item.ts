import {
  childCount,
  children,
  EwsInvalidArgumentError,
  type EwsResponse,
  nonNegativeInteger,
  positiveInteger,
  type XmlNode,
} from '@ews/core';
import { boolean, calendarViewXml, indexedPageViewXml, int } from '@ews/models';
import { type FolderRef, folderIdXml } from '../internal/ids.js';
import { onlyMessage } from '../internal/messages.js';
import { requiredChild } from '../internal/required-child.js';
import { attributeValue } from '../internal/scalar-values.js';
import { XS_INT_MAX } from '../internal/schema-limits.js';

export type ItemTraversal = 'Shallow' | 'SoftDeleted' | 'Associated';

/** IndexedPageItemView (offset paging) or CalendarView (recurrences expanded by the server). */
export type FindItemView =
  | { readonly type: 'indexed'; readonly maxEntries: number; readonly offset: number }
  | { readonly type: 'calendar'; readonly start: Date; readonly end: Date; readonly maxEntries: number };

export interface FindItemParams {
  readonly folders: readonly FolderRef[];
  /** One `<m:ItemShape>` element (`itemShape(model, { operation: 'FindItem', … }).xml` from @ews/models). */
  readonly shape: string;
  readonly view: FindItemView;
  readonly traversal?: ItemTraversal | undefined;
  /** One `<m:Restriction>` element (`restrictionXml(filter, …)` from @ews/models). */
  readonly restriction?: string | undefined;
  /** One `<m:SortOrder>` element (`sortOrderXml(model, keys, …)` from @ews/models). */
  readonly sortOrder?: string | undefined;
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
    params.shape +
    viewXml(params.view) +
    (params.restriction ?? '') +
    (params.sortOrder ?? '') +
    `<m:ParentFolderIds>${params.folders.map(folderIdXml).join('')}</m:ParentFolderIds>` +
    '</m:FindItem>'
  );
}

function viewXml(view: FindItemView): string {
  const maxEntriesReturned = positiveInteger('maxEntries', view.maxEntries, { max: XS_INT_MAX });
  return view.type === 'indexed'
    ? indexedPageViewXml({
        maxEntriesReturned,
        offset: nonNegativeInteger('offset', view.offset, { max: XS_INT_MAX }),
      })
    : calendarViewXml({ start: view.start, end: view.end, maxEntriesReturned });
}

export function readFindItem(response: EwsResponse): FindItemPage {
  const { list, count: _count, ...page } = readFindItemList(response);
  return { items: children(list), ...page };
}

/**
 * A FindItem page whose items are not built yet: read them one at a time with
 * `eachChild(list, from, to)` (@ews/core), so that a page of 1,000 is never held as one tree.
 */
export interface FindItemList extends Omit<FindItemPage, 'items'> {
  /** The `<m:Items>` element. */
  readonly list: XmlNode | undefined;
  /** How many items it holds. */
  readonly count: number;
}

/**
 * A Success (or Warning) FindItem message holds its RootFolder, and the RootFolder its Items
 * (types.xsd's FindItemParentType: Items, or Groups for a grouped view, which is never asked for);
 * without them it is refused (EWS_PROTOCOL), never read as an empty page.
 */
export function readFindItemList(response: EwsResponse): FindItemList {
  const { operation } = response;
  const root = requiredChild(onlyMessage(response).node, 'RootFolder', operation);
  const list = requiredChild(root, 'Items', operation);
  return {
    list,
    count: childCount(list),
    includesLastItemInRange: attributeValue(root, 'IncludesLastItemInRange', boolean, 'RootFolder') ?? true,
    totalItemsInView: attributeValue(root, 'TotalItemsInView', int, 'RootFolder'),
    indexedPagingOffset: attributeValue(root, 'IndexedPagingOffset', int, 'RootFolder'),
  };
}
