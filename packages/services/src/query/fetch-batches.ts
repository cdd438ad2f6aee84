import {
  type CallOptions,
  EwsInvalidArgumentError,
  EwsProtocolError,
  positiveInteger,
  responseCodeOf,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import type { ItemId } from '@ews/models';
import type { AccountContext } from '../account/account-context.js';
import { send } from '../internal/send.js';
import { buildGetItem } from '../operations/get-item.js';
import type { ItemRef } from '../refs.js';
import { readGetItemFor } from './paired-get-item.js';

/** Ids per GetItem when a view or query fetches fields FindItem cannot return (exchangelib's too). */
export const DEFAULT_FETCH_BATCH_SIZE = 100;
/** GetItem calls in flight at once for those fields. */
export const DEFAULT_FETCH_CONCURRENCY = 3;

/**
 * How a view or query fetches the fields FindItem cannot return (bodies, attendees, categories…:
 * the model's `complex` fields): GetItem for batches of the found items, a few in flight, merged
 * into the FindItem results in view order.
 */
export interface FieldFetchOptions {
  /** Item ids per GetItem (default 100). */
  readonly fetchBatchSize?: number | undefined;
  /** GetItem calls in flight at once (default 3). */
  readonly fetchConcurrency?: number | undefined;
  /**
   * An item deleted between the FindItem and its GetItem (ErrorItemNotFound): `skip` (default,
   * as exchangelib does: the item no longer exists, so a view taken a moment later would not show
   * it either) or `throw` (the iteration fails with that error). Never yielded half-filled.
   */
  readonly itemNotFound?: 'skip' | 'throw' | undefined;
}

/** A found item: whatever carries the ItemId it was found under. */
export interface Found {
  readonly itemId?: ItemId | undefined;
}

/** What the GetItem half of a view or query asks for and how. */
export interface FieldFetchPlan<T extends Found> {
  /** The fields FindItem left out, copied from each GetItem answer into the found item. */
  readonly fields: readonly string[];
  /** `<m:ItemShape>` asking for `fields` only, or `wholeShape` itself to take GetItem's item whole. */
  readonly shape: XmlFragment;
  /**
   * `<m:ItemShape>` asking for every field of the view, for an item whose change key moved between
   * the FindItem and the GetItem: it is read again whole, so no item mixes two versions.
   */
  readonly wholeShape: XmlFragment;
  /** Reads one GetItem item element (the same reader the FindItem items went through). */
  readonly read: (node: XmlNode) => T;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly itemNotFound: 'skip' | 'throw';
}

/** The options checked (EWS_INVALID_ARGUMENT) and completed with their defaults. */
export function fieldFetchSettings(
  options: FieldFetchOptions,
): Pick<FieldFetchPlan<Found>, 'batchSize' | 'concurrency' | 'itemNotFound'> {
  const itemNotFound = options.itemNotFound ?? 'skip';
  if (itemNotFound !== 'skip' && itemNotFound !== 'throw')
    throw new EwsInvalidArgumentError("itemNotFound must be 'skip' or 'throw'");
  return {
    batchSize: positiveInteger('fetchBatchSize', options.fetchBatchSize ?? DEFAULT_FETCH_BATCH_SIZE),
    concurrency: positiveInteger('fetchConcurrency', options.fetchConcurrency ?? DEFAULT_FETCH_CONCURRENCY),
    itemNotFound,
  };
}

/**
 * The found items (read from FindItem, in view order) with `plan.fields` filled in from GetItem,
 * still in view order. Memory stays bounded: at most `concurrency` batches are in flight and one
 * is being handed out; the source is read as batches complete, never collected whole. Each
 * answer is paired with the id asked at its place (readGetItemFor): another item there is
 * EWS_PROTOCOL, never merged. Leaving early aborts the GetItem calls still in flight.
 */
export async function* withFetchedFields<T extends Found>(
  account: AccountContext,
  found: AsyncIterable<T>,
  plan: FieldFetchPlan<T>,
  options: CallOptions,
): AsyncGenerator<T, void, undefined> {
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  const call: CallOptions = { ...options, signal };
  const inFlight: Promise<T[]>[] = [];
  const start = (batch: T[]): void => {
    const fetched = fetchBatch(account, batch, plan, call);
    // Awaited in order below; until then a failure must not count as unhandled.
    fetched.catch(() => undefined);
    inFlight.push(fetched);
  };
  try {
    let batch: T[] = [];
    for await (const item of found) {
      batch.push(item);
      if (batch.length < plan.batchSize) continue;
      start(batch);
      batch = [];
      if (inFlight.length >= plan.concurrency) yield* (await inFlight.shift()) as T[];
    }
    if (batch.length > 0) start(batch);
    while (inFlight.length > 0) yield* (await inFlight.shift()) as T[];
  } finally {
    stop.abort();
  }
}

async function fetchBatch<T extends Found>(
  account: AccountContext,
  batch: readonly T[],
  plan: FieldFetchPlan<T>,
  options: CallOptions,
): Promise<T[]> {
  const refs = batch.map(refOf);
  const response = await send(account, 'GetItem', buildGetItem({ items: refs, shape: plan.shape }), options);
  const outcomes = readGetItemFor(response, refs);
  const merged: (T | undefined)[] = [];
  const changed: number[] = [];
  outcomes.forEach((outcome, index) => {
    if (!outcome.ok) {
      if (plan.itemNotFound === 'skip' && responseCodeOf(outcome.error) === 'ErrorItemNotFound') {
        merged.push(undefined);
        return;
      }
      throw outcome.error;
    }
    const got = plan.read(outcome.value);
    // Asked whole (a query's FindItem gave the ids only): the answer is the item, one version.
    if (plan.shape.xml === plan.wholeShape.xml) {
      merged.push(got);
      return;
    }
    const item = batch[index] as T;
    if (got.itemId?.changeKey !== item.itemId?.changeKey) changed.push(index);
    merged.push(withFields(item, got, plan.fields));
  });
  if (changed.length > 0) await readAgainWhole(account, changed, refs, merged, plan, options);
  return merged.filter((item): item is T => item !== undefined);
}

/** Items changed since the FindItem, read again with every field of the view, in place. */
async function readAgainWhole<T extends Found>(
  account: AccountContext,
  indexes: readonly number[],
  refs: readonly ItemRef[],
  merged: (T | undefined)[],
  plan: FieldFetchPlan<T>,
  options: CallOptions,
): Promise<void> {
  const asked = indexes.map((index) => refs[index] as ItemRef);
  const body = buildGetItem({ items: asked, shape: plan.wholeShape });
  readGetItemFor(await send(account, 'GetItem', body, options), asked).forEach((outcome, at) => {
    const index = indexes[at] as number;
    if (outcome.ok) merged[index] = plan.read(outcome.value);
    else if (plan.itemNotFound === 'skip' && responseCodeOf(outcome.error) === 'ErrorItemNotFound')
      merged[index] = undefined;
    else throw outcome.error;
  });
}

function refOf(item: Found): ItemRef {
  // The FindItem readers refuse an item without its ItemId (requiredItemRef) before it gets here.
  const id = item.itemId?.id;
  if (id === undefined || id === '')
    throw new EwsProtocolError('FindItem answered an item without an ItemId', { operation: 'FindItem' });
  return { id };
}

/** `item` with `fields` taken from `got` (FindItem left them out, so nothing is overwritten). */
function withFields<T extends Found>(item: T, got: T, fields: readonly string[]): T {
  const values = got as unknown as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...(item as unknown as Record<string, unknown>) };
  for (const name of fields) if (values[name] !== undefined) merged[name] = values[name];
  return merged as unknown as T;
}
