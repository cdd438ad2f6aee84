import { type Occurrence, originalStarts } from '../calendar/recurrence-expansion.js';
import type { ItemView } from '../render/item-view.js';
import type { StoredItem } from '../store/item-model.js';
import { decodeId, type MailboxStore } from '../store/mailbox-store.js';
import type { XmlElement } from '../xml/xml-tree.js';
import { checkChangeKey, malformedId } from './id-checks.js';
import { type OperationContext, ResponseError } from './operation-context.js';
import { requireAccess } from './resolve-folder.js';

export interface ResolvedItem {
  readonly store: MailboxStore;
  readonly view: ItemView;
}

const NOT_FOUND = () =>
  new ResponseError('ErrorItemNotFound', 'The specified object was not found in the store.');

function storedItem(ctx: OperationContext, id: string): { store: MailboxStore; item: StoredItem } {
  const decoded = decodeId(id);
  if (decoded === undefined) throw malformedId();
  if (decoded.kind === 'F')
    throw new ResponseError('ErrorCannotUseFolderIdForItemId', 'Folder Id cannot be used as an item Id.');
  const store = ctx.state.storeForId(id);
  const item = store?.items.get(decoded.masterId ?? id);
  if (store === undefined || item === undefined) throw NOT_FOUND();
  requireAccess(ctx, store);
  return { store, item };
}

/**
 * The occurrence of `item` whose original start is `originalStart`, as a view: its position in the
 * series, and its exception's start and end when it has one (however far the exception moved it).
 */
function occurrenceView(item: StoredItem, originalStart: Date): ItemView {
  const data = item.calendar;
  if (data?.recurrence === undefined) throw NOT_FOUND();
  if (data.deletedOccurrences.some((d) => d.getTime() === originalStart.getTime())) {
    throw new ResponseError(
      'ErrorCalendarOccurrenceIsDeletedFromRecurrence',
      'Occurrence was deleted from the recurrence.',
    );
  }
  const starts = originalStarts(data, new Date(originalStart.getTime() + 1), Number.POSITIVE_INFINITY);
  const index = starts.length;
  if (starts[index - 1]?.getTime() !== originalStart.getTime()) throw NOT_FOUND();
  const exception = data.exceptions.find((e) => e.originalStart.getTime() === originalStart.getTime());
  const duration = data.end.getTime() - data.start.getTime();
  const occurrence: Occurrence = {
    index,
    originalStart,
    start: exception?.start ?? originalStart,
    end: exception?.end ?? new Date(originalStart.getTime() + duration),
    exception,
  };
  return { item, occurrence };
}

/** Resolves t:ItemId, t:OccurrenceItemId or t:RecurringMasterItemId. */
export function resolveItem(ctx: OperationContext, idEl: XmlElement): ResolvedItem {
  checkChangeKey(idEl);
  if (idEl.name === 'OccurrenceItemId') {
    const { store, item } = storedItem(ctx, idEl.attrs.RecurringMasterId ?? '');
    const index = Number(idEl.attrs.InstanceIndex);
    const data = item.calendar;
    if (data?.recurrence === undefined) {
      throw new ResponseError(
        'ErrorCalendarCannotUseIdForRecurringMasterId',
        'The id is not a recurring master.',
      );
    }
    const valid = Number.isInteger(index) && index >= 1;
    const starts = valid ? originalStarts(data, new Date(8.64e15), index) : [];
    const originalStart = valid ? starts[index - 1] : undefined;
    if (originalStart === undefined) {
      throw new ResponseError(
        'ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange',
        'The occurrence index is out of the recurrence range.',
      );
    }
    return { store, view: occurrenceView(item, originalStart) };
  }
  const id = (idEl.name === 'RecurringMasterItemId' ? idEl.attrs.OccurrenceId : idEl.attrs.Id) ?? '';
  const decoded = decodeId(id);
  const { store, item } = storedItem(ctx, id);
  if (idEl.name === 'RecurringMasterItemId') {
    // OccurrenceId must name an occurrence or exception: a master's or a single item's id is refused.
    if (decoded?.kind !== 'O') {
      throw new ResponseError(
        'ErrorCalendarCannotUseIdForOccurrenceId',
        'The id is not the id of an occurrence of a recurring series.',
      );
    }
    return { store, view: { item } };
  }
  if (decoded?.kind === 'O' && decoded.originalStart !== undefined) {
    return { store, view: occurrenceView(item, new Date(decoded.originalStart)) };
  }
  return { store, view: { item } };
}

export function itemIdElements(container: XmlElement | undefined): XmlElement[] {
  return (container?.children ?? []).filter((c) =>
    ['ItemId', 'OccurrenceItemId', 'RecurringMasterItemId'].includes(c.name),
  );
}
