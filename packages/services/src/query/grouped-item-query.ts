import { type CallOptions, EwsProtocolError, eachChild, type XmlFragment, type XmlNode } from '@ews/core';
import type { AccountContext } from '../account/account-context.js';
import { wholeCall } from '../internal/call-deadline.js';
import { send } from '../internal/send.js';
import { readFindItemGroups } from '../operations/find-item.js';
import { requiredItemRef } from '../operations/item-id-results.js';

/**
 * One group of a grouped search, as one page answered it. A group the page boundary cut in two comes
 * again at the start of the next page with the same `groupIndex` and `continued: true`: nothing is
 * held back to join the halves (a group may be larger than any page).
 */
export interface ItemGroup<T> {
  /** The value the group's items share, as Exchange writes it (t:GroupIndex). */
  readonly groupIndex: string;
  readonly items: readonly T[];
  /** True when this entry goes on with the group the previous page ended with. */
  readonly continued: boolean;
}

/** What a grouped query sends and how it reads items (made by ItemQuery.groupBy). */
export interface GroupedQueryPlan<T> {
  readonly account: AccountContext;
  /** The whole FindItem body for one page (its GroupBy included). */
  readonly body: (maxEntries: number, offset: number) => XmlFragment;
  readonly offset: number;
  readonly limit: number | undefined;
  readonly pageSize: number;
  readonly read: (node: XmlNode) => T;
}

/**
 * The groups of a FindItem with GroupBy or DistinguishedGroupBy, page by page: every group of every
 * page is read (readFindItemGroups refuses an ungrouped answer and a misshapen group). Lazy and
 * immutable like ItemQuery; `limit()`/`offset()`/`pageSize()` of the query count items.
 */
export class GroupedItemQuery<T> implements AsyncIterable<ItemGroup<T>> {
  readonly #plan: GroupedQueryPlan<T>;

  constructor(plan: GroupedQueryPlan<T>) {
    this.#plan = plan;
  }

  [Symbol.asyncIterator](): AsyncIterator<ItemGroup<T>> {
    return this.iterate()[Symbol.asyncIterator]();
  }

  /** Every group entry; `timeoutMs` bounds the whole call. */
  async toArray(options: CallOptions = {}): Promise<ItemGroup<T>[]> {
    const groups: ItemGroup<T>[] = [];
    for await (const group of this.iterate(wholeCall(options))) groups.push(group);
    return groups;
  }

  /** Pages lazily; `timeoutMs` bounds each request. */
  async *iterate(options: CallOptions = {}): AsyncGenerator<ItemGroup<T>, void, undefined> {
    const { account, body, pageSize, read } = this.#plan;
    let offset = this.#plan.offset;
    let remaining = this.#plan.limit;
    let previous: string | undefined;
    while (remaining === undefined || remaining > 0) {
      const max = remaining === undefined ? pageSize : Math.min(pageSize, remaining);
      const page = readFindItemGroups(await send(account, 'FindItem', body(max, offset), options), max);
      for (const [index, group] of page.groups.entries()) {
        const items: T[] = [];
        for (const node of eachChild(group.list, 0, group.count)) {
          requiredItemRef(node, 'FindItem');
          items.push(read(node));
        }
        yield {
          groupIndex: group.groupIndex,
          items,
          continued: index === 0 && previous === group.groupIndex,
        };
        previous = group.groupIndex;
      }
      if (remaining !== undefined) remaining -= page.count;
      if (page.includesLastItemInRange || page.count === 0) return;
      const next = page.indexedPagingOffset ?? offset + page.count;
      // A next page that does not move forward would be asked for forever.
      if (next <= offset)
        throw new EwsProtocolError(`FindItem: IndexedPagingOffset ${next} does not move past ${offset}`, {
          operation: 'FindItem',
        });
      offset = next;
    }
  }
}
