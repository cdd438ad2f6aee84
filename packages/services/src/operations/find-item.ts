import {
  childCount,
  children,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  nonNegativeInteger,
  positiveInteger,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { boolean, calendarViewXml, indexedPageViewXml, int, type RestrictionResult } from '@ews/models';
import { folderIdXml } from '../internal/ids.js';
import { onlyMessage } from '../internal/messages.js';
import { requiredChild } from '../internal/required-child.js';
import { attributeValue } from '../internal/scalar-values.js';
import { XS_INT_MAX } from '../internal/schema-limits.js';
import type { FolderRef } from '../refs.js';

export type ItemTraversal = 'Shallow' | 'SoftDeleted' | 'Associated';

/**
 * IndexedPageItemView (offset paging), CalendarView (recurrences expanded by the server) or
 * SeekToConditionPageItemView (the page starts at the first item matching `condition`, Exchange 2013+).
 */
export type FindItemView =
  | { readonly type: 'indexed'; readonly maxEntries: number; readonly offset: number }
  | { readonly type: 'calendar'; readonly start: Date; readonly end: Date; readonly maxEntries: number }
  | {
      readonly type: 'seek';
      readonly maxEntries: number;
      /**
       * `restrictionXml(filter, …)` of a filter that matches some items: its search expression is
       * sent as the view's t:Condition.
       */
      readonly condition: SeekCondition;
      readonly basePoint?: 'Beginning' | 'End';
    };

/** What a seek view seeks to: a restriction that matches some items (`restrictionXml(filter, …)`). */
export type SeekCondition = Extract<RestrictionResult, { readonly matches: 'some' }>;

export interface FindItemParams {
  readonly folders: readonly FolderRef[];
  /** One `<m:ItemShape>` element (`itemShape(model, { operation: 'FindItem', … }).xml` from @ews/models). */
  readonly shape: XmlFragment;
  readonly view: FindItemView;
  readonly traversal?: ItemTraversal | undefined;
  /** One `<m:Restriction>` element (`restrictionXml(filter, …)` from @ews/models). */
  readonly restriction?: XmlFragment | undefined;
  /** One `<m:SortOrder>` element (`sortOrderXml(model, keys, …)` from @ews/models). */
  readonly sortOrder?: XmlFragment | undefined;
  /** One `<m:GroupBy>` or `<m:DistinguishedGroupBy>` (`groupByXml` from @ews/models): a grouped answer. */
  readonly groupBy?: XmlFragment | undefined;
  /** An AQS query string (Exchange 2010+); Exchange allows no Restriction with it. */
  readonly queryString?: string | undefined;
}

export interface FindItemPage {
  /** Item elements (Message, CalendarItem…) in server order. */
  readonly items: readonly XmlNode[];
  readonly includesLastItemInRange: boolean;
  readonly totalItemsInView: number | undefined;
  readonly indexedPagingOffset: number | undefined;
}

export function buildFindItem(params: FindItemParams): XmlFragment {
  if (params.folders.length === 0) throw new EwsInvalidArgumentError('FindItem needs at least one folder');
  const calendar = params.view.type === 'calendar';
  if (calendar && params.restriction !== undefined) {
    // Exchange refuses restrictions together with a CalendarView.
    throw new EwsInvalidArgumentError('A calendar view cannot be combined with a restriction');
  }
  if (params.queryString !== undefined && params.restriction !== undefined) {
    // Microsoft: "The QueryString element excludes the use of EWS restrictions."
    throw new EwsInvalidArgumentError(
      'A query string (AQS) cannot be combined with a restriction: Exchange allows one or the other',
    );
  }
  if (calendar && (params.queryString !== undefined || params.groupBy !== undefined))
    throw new EwsInvalidArgumentError('A calendar view cannot be searched with a query string or grouped');
  const traversal = params.traversal ?? 'Shallow';
  return el('m:FindItem', { Traversal: traversal }, [
    params.shape,
    viewXml(params.view),
    params.groupBy,
    params.restriction,
    params.sortOrder,
    el('m:ParentFolderIds', {}, params.folders.map(folderIdXml)),
    params.queryString === undefined ? undefined : el('m:QueryString', {}, params.queryString),
  ]);
}

function seekViewXml(maxEntriesReturned: number, condition: SeekCondition, basePoint: string): XmlFragment {
  if (basePoint !== 'Beginning' && basePoint !== 'End')
    throw new EwsInvalidArgumentError('basePoint must be Beginning or End');
  // Checked for callers without types: a bare fragment here would write an empty t:Condition.
  const expression = condition?.matches === 'some' ? condition.expression : undefined;
  if (expression === undefined)
    throw new EwsInvalidArgumentError(
      'A seek condition is restrictionXml(filter, …) of a filter that matches some items',
    );
  return el(
    'm:SeekToConditionPageItemView',
    { MaxEntriesReturned: maxEntriesReturned, BasePoint: basePoint },
    [el('t:Condition', {}, expression)],
  );
}

function viewXml(view: FindItemView): XmlFragment {
  const maxEntriesReturned = positiveInteger('maxEntries', view.maxEntries, { max: XS_INT_MAX });
  if (view.type === 'seek')
    return seekViewXml(maxEntriesReturned, view.condition, view.basePoint ?? 'Beginning');
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

/** What a FindItem's RootFolder holds: `Items` for an ungrouped ask, `Groups` for a grouped one. */
export type FindItemContent = 'Items' | 'Groups';

/**
 * The one place a FindItem answer's RootFolder is opened (types.xsd FindItemParentType: a choice of
 * Items or Groups). It must hold exactly the one element the request asked for: a grouped answer
 * read as a page (or a page read as groups) would silently lose every group but one, so either
 * mismatch, a missing RootFolder or anything beside the list is refused (EWS_PROTOCOL).
 */
export function findItemRoot(
  response: EwsResponse,
  expected: FindItemContent,
): { readonly root: XmlNode; readonly content: XmlNode } {
  const { operation } = response;
  const root = requiredChild(onlyMessage(response).node, 'RootFolder', operation);
  if (root.children.length === 0) return { root, content: requiredChild(root, expected, operation) };
  const content = root.children.length === 1 ? root.children[0] : undefined;
  if (content === undefined || content.name !== expected) {
    // xml-guard: message text
    const found = root.children.map((node) => `<${node.name}>`).join(', ');
    const asked = expected === 'Groups' ? 'a grouped search' : 'an ungrouped search';
    throw new EwsProtocolError(
      `${operation}: the RootFolder for ${asked} must hold one <${expected}>; it holds ${found}`,
      { operation, requestFate: 'unknown' },
    );
  }
  return { root, content };
}

function pagingOf(root: XmlNode): Omit<FindItemPage, 'items'> {
  return {
    includesLastItemInRange: attributeValue(root, 'IncludesLastItemInRange', boolean, 'RootFolder') ?? true,
    totalItemsInView: attributeValue(root, 'TotalItemsInView', int, 'RootFolder'),
    indexedPagingOffset: attributeValue(root, 'IndexedPagingOffset', int, 'RootFolder'),
  };
}

/**
 * A Success (or Warning) FindItem message holds its RootFolder, and the RootFolder its Items
 * (findItemRoot: a grouped answer is refused here); without them it is refused (EWS_PROTOCOL),
 * never read as an empty page.
 */
export function readFindItemList(response: EwsResponse): FindItemList {
  const { root, content: list } = findItemRoot(response, 'Items');
  return { list, count: childCount(list), ...pagingOf(root) };
}

/** One group of a grouped FindItem page, its items not built yet (read them with `eachChild`). */
export interface FindItemGroup {
  /** t:GroupIndex: the value the group's items share (as Exchange writes it). */
  readonly groupIndex: string;
  /** The group's `<t:Items>`. */
  readonly list: XmlNode;
  readonly count: number;
}

/** A grouped FindItem page: every group in the server's order, and the page's paging attributes. */
export interface FindItemGroupsPage extends Omit<FindItemPage, 'items'> {
  readonly groups: readonly FindItemGroup[];
  /** Items in all groups together. */
  readonly count: number;
}

/**
 * A grouped FindItem page (t:Groups of t:GroupedItems, each GroupIndex then Items then an optional
 * GroupSummary, in that order). Every group is read; one shaped otherwise, or more items than
 * `maxEntries` (what the view asked for) across the groups, is refused (EWS_PROTOCOL).
 */
export function readFindItemGroups(response: EwsResponse, maxEntries: number): FindItemGroupsPage {
  positiveInteger('maxEntries', maxEntries, { max: XS_INT_MAX });
  const { operation } = response;
  const { root, content } = findItemRoot(response, 'Groups');
  const groups: FindItemGroup[] = [];
  let count = 0;
  for (const node of content.children) {
    const [index, list, summary, ...rest] = node.children;
    if (
      node.name !== 'GroupedItems' ||
      index?.name !== 'GroupIndex' ||
      index.children.length > 0 ||
      list?.name !== 'Items' ||
      (summary !== undefined && summary.name !== 'GroupSummary') ||
      rest.length > 0
    ) {
      throw new EwsProtocolError(
        `${operation}: a <${node.name}> of <Groups> is not GroupIndex, Items and an optional GroupSummary`,
        { operation, requestFate: 'unknown' },
      );
    }
    const items = childCount(list);
    count += items;
    groups.push({ groupIndex: index.text, list, count: items });
  }
  if (count > maxEntries) {
    throw new EwsProtocolError(
      `${operation}: the grouped page holds ${count} items; ${maxEntries} were asked for`,
      { operation, requestFate: 'unknown' },
    );
  }
  return { groups, count, ...pagingOf(root) };
}
