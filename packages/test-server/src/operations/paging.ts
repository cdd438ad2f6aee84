import type { XmlElement } from '../xml/xml-tree.js';
import { ResponseError } from './operation-context.js';

export interface Page<T> {
  readonly items: readonly T[];
  readonly offset: number;
  readonly total: number;
  readonly includesLast: boolean;
  /** IndexedPagingOffset to report: where the next page starts. */
  readonly nextOffset: number;
}

function nonNegativeInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new ResponseError('ErrorInvalidIndexedPagingParameters', `Invalid ${name}: ${value}.`);
  }
  return n;
}

/** Applies IndexedPageItemView/IndexedPageFolderView (Offset from Beginning or End); no view = everything. */
export function indexedPage<T>(all: readonly T[], view: XmlElement | undefined): Page<T> {
  if (view === undefined) {
    return { items: all, offset: 0, total: all.length, includesLast: true, nextOffset: all.length };
  }
  const max = nonNegativeInt(view.attrs.MaxEntriesReturned, 'MaxEntriesReturned');
  if (max === 0)
    throw new ResponseError('ErrorInvalidPagingMaxRows', 'MaxEntriesReturned must be at least 1.');
  const offset = nonNegativeInt(view.attrs.Offset, 'Offset') ?? 0;
  const fromEnd = view.attrs.BasePoint === 'End';
  const start = fromEnd ? Math.max(0, all.length - offset - (max ?? all.length)) : offset;
  const stop = fromEnd ? all.length - offset : Math.min(all.length, offset + (max ?? all.length));
  const items = start >= all.length ? [] : all.slice(start, Math.max(start, stop));
  const end = start + items.length;
  return {
    items,
    offset: start,
    total: all.length,
    includesLast: fromEnd ? start === 0 || items.length === 0 : end >= all.length,
    nextOffset: fromEnd ? start : end,
  };
}

export function pagingAttrs(page: Page<unknown>): Record<string, string | number | boolean> {
  return {
    IndexedPagingOffset: page.nextOffset,
    TotalItemsInView: page.total,
    IncludesLastItemInRange: page.includesLast,
  };
}

/**
 * SeekToConditionPageItemView: the page starts at the first item of the view matching the Condition
 * (BasePoint Beginning) or the last one (End, the view searched backwards) and runs forward for at
 * most MaxEntriesReturned items. IndexedPagingOffset is where the next page starts, so the caller
 * goes on with an IndexedPageItemView there. No match: an empty page that includes the last item.
 */
export function seekPage<T>(all: readonly T[], view: XmlElement, matches: (entry: T) => boolean): Page<T> {
  const max = nonNegativeInt(view.attrs.MaxEntriesReturned, 'MaxEntriesReturned');
  if (max === 0)
    throw new ResponseError('ErrorInvalidPagingMaxRows', 'MaxEntriesReturned must be at least 1.');
  const basePoint = view.attrs.BasePoint;
  if (basePoint !== 'Beginning' && basePoint !== 'End')
    throw new ResponseError('ErrorInvalidRequest', 'BasePoint must be Beginning or End.');
  const start = basePoint === 'Beginning' ? all.findIndex(matches) : all.findLastIndex(matches);
  if (start < 0) {
    return { items: [], offset: all.length, total: all.length, includesLast: true, nextOffset: all.length };
  }
  const stop = Math.min(all.length, start + (max ?? all.length));
  return {
    items: all.slice(start, stop),
    offset: start,
    total: all.length,
    includesLast: stop >= all.length,
    nextOffset: stop,
  };
}
