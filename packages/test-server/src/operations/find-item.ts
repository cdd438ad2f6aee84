import { inCalendarView } from '../calendar/calendar-view-window.js';
import { occurrencesInRange } from '../calendar/recurrence-expansion.js';
import { compileQueryString } from '../query/aqs.js';
import {
  compileDistinguishedGroupBy,
  compileGroupBy,
  type Grouping,
  type ItemGroup,
} from '../query/group-by.js';
import { compileRestriction } from '../query/restriction.js';
import { compileSortOrder, type ItemComparator } from '../query/sort-order.js';
import { itemField } from '../render/item-fields.js';
import type { ItemView } from '../render/item-view.js';
import { renderItem } from '../render/render-item.js';
import { parseShape } from '../render/shape.js';
import { messageFor, operationResponse } from '../soap/response-messages.js';
import type { StoredItem } from '../store/item-model.js';
import { child, type XmlElement } from '../xml/xml-tree.js';
import { el, textEl, type XmlFragment } from '../xml/xml-writer.js';
import { type OperationHandler, ResponseError } from './operation-context.js';
import { indexedPage, type Page, pagingAttrs, seekPage } from './paging.js';
import { folderIdElements, resolveFolder } from './resolve-folder.js';

const TWO_YEARS_MS = 2 * 366 * 86_400_000;

const byReceivedDescending: ItemComparator = (a, b) =>
  b.item.dateTimeReceived.getTime() - a.item.dateTimeReceived.getTime();
const byStart: ItemComparator = (a, b) =>
  (a.occurrence?.start ?? a.item.calendar?.start ?? a.item.dateTimeCreated).getTime() -
  (b.occurrence?.start ?? b.item.calendar?.start ?? b.item.dateTimeCreated).getTime();

function parseDate(text: string | undefined, name: string): Date {
  const date = new Date(text ?? '');
  if (Number.isNaN(date.getTime()))
    throw new ResponseError('ErrorInvalidRequest', `${name} is not a date-time.`);
  return date;
}

/** CalendarView: occurrences of series and single items in the view's window (calendar-view-window.ts). */
function calendarViewItems(items: readonly StoredItem[], view: XmlElement): ItemView[] {
  const start = parseDate(view.attrs.StartDate, 'StartDate');
  const end = parseDate(view.attrs.EndDate, 'EndDate');
  if (end < start) {
    throw new ResponseError(
      'ErrorCalendarEndDateIsEarlierThanStartDate',
      'The EndDate value is earlier than StartDate.',
    );
  }
  if (end.getTime() - start.getTime() > TWO_YEARS_MS) {
    throw new ResponseError(
      'ErrorCalendarViewRangeTooBig',
      'The specified view range exceeds the maximum range of two years.',
    );
  }
  return items.flatMap((item) => {
    const data = item.calendar;
    if (data === undefined) return [];
    if (data.recurrence === undefined)
      return inCalendarView(data.start, data.end, start, end) ? [{ item }] : [];
    return occurrencesInRange(data, start, end, inCalendarView).map((occurrence) => ({ item, occurrence }));
  });
}

/** MaxEntriesReturned on a CalendarView truncates and reports IncludesLastItemInRange="false". */
function calendarPage(all: ItemView[], view: XmlElement): Page<ItemView> {
  const max = view.attrs.MaxEntriesReturned === undefined ? undefined : Number(view.attrs.MaxEntriesReturned);
  const items = max === undefined ? all : all.slice(0, max);
  return {
    items,
    offset: 0,
    total: all.length,
    includesLast: items.length === all.length,
    nextOffset: items.length,
  };
}

/** SeekToConditionPageItemView's t:Condition, whose one child is the search expression. */
function conditionOf(view: XmlElement): XmlElement {
  const expression = child(view, 'Condition')?.children[0];
  if (expression === undefined)
    throw new ResponseError('ErrorInvalidRestriction', 'SeekToConditionPageItemView needs a Condition.');
  return expression;
}

const matchingEntry =
  (matches: (view: ItemView) => boolean) =>
  (entry: { readonly v: ItemView }): boolean =>
    matches(entry.v);

/**
 * A grouped answer (t:Groups of t:GroupedItems): the view pages over the items of every group in
 * group order (MaxEntriesReturned counts items), and each page's items are shown in their groups;
 * a group cut by the page boundary continues, under the same GroupIndex, on the next page.
 */
function groupedRoot(
  groups: readonly ItemGroup[],
  view: XmlElement | undefined,
  shape: ReturnType<typeof parseShape>,
): XmlFragment {
  const flat = groups.flatMap((group) => group.views.map((v) => ({ v, group })));
  const page =
    view?.name === 'SeekToConditionPageItemView'
      ? seekPage(flat, view, matchingEntry(compileRestriction(conditionOf(view))))
      : indexedPage(flat, view);
  const shown: { groupIndex: string; views: ItemView[] }[] = [];
  for (const { v, group } of page.items) {
    const last = shown.at(-1);
    if (last !== undefined && last.groupIndex === group.groupIndex) last.views.push(v);
    else shown.push({ groupIndex: group.groupIndex, views: [v] });
  }
  return el(
    'm:RootFolder',
    pagingAttrs(page),
    el(
      't:Groups',
      null,
      shown.map((group) =>
        el(
          't:GroupedItems',
          null,
          textEl('t:GroupIndex', group.groupIndex),
          el(
            't:Items',
            null,
            group.views.map((v) => renderItem(v, shape, 'find')),
          ),
        ),
      ),
    ),
  );
}

export const findItem: OperationHandler = (ctx, request) => {
  const shape = parseShape(child(request, 'ItemShape'));
  const traversal = request.attrs.Traversal ?? 'Shallow';
  const calendarView = child(request, 'CalendarView');
  const indexedView = child(request, 'IndexedPageItemView');
  const restrictionEl = child(request, 'Restriction')?.children[0];
  const sortEl = child(request, 'SortOrder');
  const seekView = child(request, 'SeekToConditionPageItemView');
  const queryString = child(request, 'QueryString')?.text;
  const groupByEl = child(request, 'GroupBy');
  const distinguishedEl = child(request, 'DistinguishedGroupBy');
  const messages = folderIdElements(child(request, 'ParentFolderIds')).map((idEl) =>
    messageFor('FindItemResponseMessage', () => {
      if (child(request, 'FractionalPageItemView')) {
        throw new ResponseError(
          'ErrorInvalidRequest',
          'Only IndexedPageItemView, SeekToConditionPageItemView and CalendarView are supported.',
        );
      }
      // Microsoft: "The QueryString element excludes the use of EWS restrictions."
      if (queryString !== undefined && restrictionEl !== undefined) {
        throw new ResponseError(
          'ErrorInvalidArgument',
          'A QueryString cannot be combined with a Restriction.',
        );
      }
      if (queryString !== undefined && calendarView !== undefined) {
        throw new ResponseError(
          'ErrorInvalidArgument',
          'A QueryString cannot be combined with a CalendarView.',
        );
      }
      if ((groupByEl ?? distinguishedEl) !== undefined && calendarView !== undefined) {
        throw new ResponseError('ErrorInvalidRequest', 'A CalendarView cannot be grouped.');
      }
      // Exchange refuses GetItem-only properties (bodies, recipient lists, recurrence) asked for by name.
      const refused = [...shape.additional].find((uri) => itemField(uri)?.getItemOnly);
      if (refused !== undefined) {
        throw new ResponseError(
          'ErrorInvalidPropertyRequest',
          `The property ${refused} can't be used in FindItem requests.`,
        );
      }
      const { store, folder } = resolveFolder(ctx, idEl);
      const predicate =
        restrictionEl !== undefined
          ? compileRestriction(restrictionEl)
          : queryString !== undefined
            ? compileQueryString(queryString)
            : undefined;
      const grouping: Grouping | undefined =
        groupByEl !== undefined
          ? compileGroupBy(groupByEl)
          : distinguishedEl !== undefined
            ? compileDistinguishedGroupBy(distinguishedEl)
            : undefined;
      const comparator = sortEl === undefined ? undefined : compileSortOrder(sortEl);
      // Soft-deleted and associated items are never kept by this server.
      const stored = traversal === 'Shallow' ? store.itemsIn(folder.id) : [];
      let views: ItemView[];
      if (calendarView !== undefined) {
        if (folder.kind !== 'CalendarFolder') {
          throw new ResponseError(
            'ErrorCalendarFolderIsInvalidForCalendarView',
            'The folder is not a calendar folder; CalendarView needs one.',
          );
        }
        views = calendarViewItems(stored, calendarView);
      } else {
        views = stored.map((item) => ({ item }));
      }
      if (predicate) views = views.filter(predicate);
      views.sort(comparator ?? (calendarView ? byStart : byReceivedDescending));
      if (grouping !== undefined) return groupedRoot(grouping(views), seekView ?? indexedView, shape);
      const page = calendarView
        ? calendarPage(views, calendarView)
        : seekView !== undefined
          ? seekPage(views, seekView, compileRestriction(conditionOf(seekView)))
          : indexedPage(views, indexedView);
      const attrs = pagingAttrs(page);
      return el(
        'm:RootFolder',
        calendarView
          ? {
              TotalItemsInView: attrs.TotalItemsInView,
              IncludesLastItemInRange: attrs.IncludesLastItemInRange,
            }
          : attrs,
        el(
          't:Items',
          null,
          page.items.map((v) => renderItem(v, shape, 'find')),
        ),
      );
    }),
  );
  return operationResponse('FindItem', messages);
};
