import {
  type CallOptions,
  EwsInvalidArgumentError,
  EwsProtocolError,
  positiveInteger,
  responseCodeOf,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { type CalendarItem, CalendarItemModel, type FieldName, fromXml, itemShape } from '@ews/models';
import { XS_INT_MAX } from '../internal/schema-limits.js';
import { send } from '../internal/send.js';
import { buildFindItem, readFindItem } from '../operations/find-item.js';
import { requiredItemRef } from '../operations/item-id-results.js';
import {
  type FieldFetchOptions,
  type FieldFetchPlan,
  fieldFetchSettings,
  withFetchedFields,
} from '../query/fetch-batches.js';
import type { FolderRef } from '../refs.js';
import type { AccountContext } from './account-context.js';

/**
 * `signal` and `timeoutMs` apply to each FindItem and GetItem the view sends (the time between
 * items is yours).
 */
export interface CalendarViewOptions extends CallOptions, FieldFetchOptions {
  readonly start: Date;
  readonly end: Date;
  /**
   * Return only these fields (plus the id, and `start`, which the view orders its windows by).
   * Any field: those FindItem returns cost nothing more; the others (attendees, body, categories…,
   * the model's `complex` fields) are fetched with one GetItem per `fetchBatchSize` items (default
   * 100) and merged in, still in view order. Default: the Default shape (no GetItem).
   */
  readonly only?: readonly FieldName<typeof CalendarItemModel>[] | undefined;
  /** MaxEntriesReturned per call (default 1000, Exchange's usual limit). */
  readonly maxEntriesPerCall?: number | undefined;
  /** Longest window sent in one call, in days (default 365; Exchange refuses more than two years). */
  readonly maxWindowDays?: number | undefined;
}

const DAY_MS = 86_400_000;
// Below this a window cannot be split further: more than maxEntries items start in one minute.
const MIN_WINDOW_MS = 60_000;
const RANGE_TOO_BIG = 'ErrorCalendarViewRangeTooBig';

/**
 * Occurrences, exceptions and single items overlapping [start, end), with recurring series
 * expanded by the server, in start order. A window the server truncates (more than
 * `maxEntriesPerCall` items) or refuses as too long is split in halves and fetched again, so
 * no item is lost and none is repeated: a sub-window other than the first keeps only items that
 * start in it (an item crossing the boundary was already returned by the earlier half).
 */
export async function* calendarView(
  account: AccountContext,
  folder: FolderRef,
  options: CalendarViewOptions,
): AsyncGenerator<CalendarItem, void, undefined> {
  const start = options.start.getTime();
  const end = options.end.getTime();
  if (!(start < end)) throw new EwsInvalidArgumentError('calendar view needs start < end');
  const maxEntries = positiveInteger('maxEntriesPerCall', options.maxEntriesPerCall ?? 1000, {
    max: XS_INT_MAX,
  });
  // 0 days once split the range into windows of no length until memory ran out; NaN returned nothing.
  const spanMs = positiveInteger('maxWindowDays', options.maxWindowDays ?? 365) * DAY_MS;
  const { shape, fetch } = calendarShapes(account, options);
  const found = foundItems(account, folder, options, { start, end, maxEntries, spanMs, shape });
  yield* fetch === undefined ? found : withFetchedFields(account, found, fetch, options);
}

interface ViewWindows {
  readonly start: number;
  readonly end: number;
  readonly maxEntries: number;
  readonly spanMs: number;
  readonly shape: XmlFragment;
}

/** The items FindItem returns for the view, window by window, each once, in start order. */
async function* foundItems(
  account: AccountContext,
  folder: FolderRef,
  options: CallOptions,
  { start, end, maxEntries, spanMs, shape }: ViewWindows,
): AsyncGenerator<CalendarItem, void, undefined> {
  // Windows of spanMs ending at `end`, made one at a time (earliest first) so memory does not grow
  // with the range; a window's halves wait on a stack (pushed latest-first).
  let windowsLeft = Math.ceil((end - start) / spanMs);
  const pending: { start: number; end: number }[] = [];
  for (;;) {
    if (pending.length === 0) {
      if (windowsLeft === 0) return;
      windowsLeft--;
      const at = end - windowsLeft * spanMs;
      pending.push({ start: Math.max(start, at - spanMs), end: at });
    }
    const window = pending.pop() as { start: number; end: number };
    const page = await fetchWindow(account, folder, shape, window, maxEntries, options);
    if (page === 'split') {
      if (window.end - window.start <= MIN_WINDOW_MS) {
        throw new EwsProtocolError(`More than ${maxEntries} calendar items start within one minute`, {
          operation: 'FindItem',
        });
      }
      const middle = window.start + Math.floor((window.end - window.start) / 2);
      pending.push({ start: middle, end: window.end }, { start: window.start, end: middle });
      continue;
    }
    for (const node of page) {
      requiredItemRef(node, 'FindItem');
      const item = fromXml(CalendarItemModel, node);
      const itemStart = item.start?.getTime();
      // Items starting before this sub-window overlapped an earlier one and were yielded there.
      if (window.start > start && itemStart !== undefined && itemStart < window.start) continue;
      yield item;
    }
  }
}

async function fetchWindow(
  account: AccountContext,
  folder: FolderRef,
  shape: XmlFragment,
  window: { start: number; end: number },
  maxEntries: number,
  options: CallOptions,
): Promise<readonly XmlNode[] | 'split'> {
  const body = buildFindItem({
    folders: [folder],
    shape,
    view: { type: 'calendar', start: new Date(window.start), end: new Date(window.end), maxEntries },
  });
  try {
    const page = readFindItem(await send(account, 'FindItem', body, options));
    return page.includesLastItemInRange ? page.items : 'split';
  } catch (error) {
    if (responseCodeOf(error) === RANGE_TOO_BIG) return 'split';
    throw error;
  }
}

/**
 * The FindItem shape, and how the fields it cannot carry are fetched (undefined: none asked).
 * `start` is always asked for: a split window drops the items an earlier half returned by it.
 */
function calendarShapes(
  account: AccountContext,
  options: CalendarViewOptions,
): { readonly shape: XmlFragment; readonly fetch: FieldFetchPlan<CalendarItem> | undefined } {
  const { version } = account;
  const settings = fieldFetchSettings(options);
  if (options.only === undefined)
    return {
      shape: itemShape(CalendarItemModel, { version, baseShape: 'Default' }).xml,
      fetch: undefined,
    };
  const fields: FieldName<typeof CalendarItemModel>[] = [...options.only, 'start'];
  const found = itemShape(CalendarItemModel, { version, fields, operation: 'FindItem' });
  const { complexFields } = found;
  if (complexFields.length === 0) return { shape: found.xml, fetch: undefined };
  return {
    shape: found.xml,
    fetch: {
      fields: complexFields,
      shape: itemShape(CalendarItemModel, { version, fields: complexFields }).xml,
      wholeShape: itemShape(CalendarItemModel, { version, fields }).xml,
      read: (node) => fromXml(CalendarItemModel, node),
      ...settings,
    },
  };
}
