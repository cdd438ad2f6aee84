import { EwsInvalidArgumentError, el, type XmlFragment, type XmlNode } from '@ews/core';
import {
  type CalendarItem,
  type Contact,
  type DistributionList,
  type ExchangeVersion,
  type FieldName,
  type InferModel,
  type Item,
  ItemModel,
  itemShape,
  type MeetingCancellation,
  type MeetingMessage,
  type MeetingRequest,
  type MeetingResponse,
  type Message,
  type Model,
  type PostItem,
  type Task,
} from '@ews/models';
import type { AccountContext } from '../account/account-context.js';
import { type BulkOptions, type BulkResult, runChunks } from '../bulk/run-chunks.js';
import { ITEM_MODELS_BY_ELEMENT, readItemNode } from '../internal/item-classes.js';
import { send } from '../internal/send.js';
import { everyField } from '../items/item-actions.js';
import { type ItemTarget, itemRefOf } from '../items/item-target.js';
import { buildGetItem } from '../operations/get-item.js';
import type { Outcome } from '../outcome.js';
import { readGetItemFor } from './paired-get-item.js';

/** `account.fetch(refs, …)`: GetItem in chunks (`chunkSize`, default 100) with `concurrency` in flight. */
export interface FetchOptions<M extends Model = typeof ItemModel> extends BulkOptions {
  /**
   * Read every answer with this model; an id naming another kind of item (not this model or one
   * derived from it) fails alone (EWS_INVALID_ARGUMENT). Default: each answer is read with the
   * model its element names, and tagged with it (FetchedItem).
   */
  readonly model?: M | undefined;
  /** Only these fields (plus the id). Default: every field (of every item kind, without `model`) but MIME. */
  readonly only?: readonly FieldName<M>[] | undefined;
}

/** An item fetched without a model: its kind, as the answer's element names it, and the item. */
export type FetchedItem =
  | { readonly type: 'Item'; readonly item: Item }
  | { readonly type: 'Message'; readonly item: Message }
  | { readonly type: 'CalendarItem'; readonly item: CalendarItem }
  | { readonly type: 'Contact'; readonly item: Contact }
  | { readonly type: 'DistributionList'; readonly item: DistributionList }
  | { readonly type: 'Task'; readonly item: Task }
  | { readonly type: 'PostItem'; readonly item: PostItem }
  | { readonly type: 'MeetingMessage'; readonly item: MeetingMessage }
  | { readonly type: 'MeetingRequest'; readonly item: MeetingRequest }
  | { readonly type: 'MeetingResponse'; readonly item: MeetingResponse }
  | { readonly type: 'MeetingCancellation'; readonly item: MeetingCancellation };

/**
 * exchangelib's `account.fetch(ids)`: GetItem for every ref, in chunks, one result per ref in
 * input order (the item or its own error: ErrorItemNotFound, access denied…). Each answer is
 * paired with the id asked at its place (readGetItemFor); a chunk answered otherwise fails its
 * refs with EWS_PROTOCOL, never shifting an item onto another ref. Refs without an id are refused
 * before anything is sent.
 */
export async function fetchById<M extends Model>(
  account: AccountContext,
  targets: readonly (ItemTarget | string)[],
  options: FetchOptions<M>,
): Promise<BulkResult<InferModel<M> | FetchedItem>[]> {
  if (!Array.isArray(targets)) throw new EwsInvalidArgumentError('fetch() takes an array of items or ids');
  const refs = targets.map(itemRefOf);
  const { model, only } = options;
  const shape = fetchShape(account.version, model, only as readonly string[] | undefined);
  return runChunks('GetItem', refs, options, async (part, call) => {
    const outcomes = readGetItemFor(
      await send(account, 'GetItem', buildGetItem({ items: part, shape }), call),
      part,
    );
    return outcomes.map((outcome) =>
      outcome.ok ? readAnswer(outcome.value, model) : (outcome as Outcome<never>),
    );
  });
}

function fetchShape(
  version: ExchangeVersion,
  model: Model | undefined,
  only: readonly string[] | undefined,
): XmlFragment {
  if (model !== undefined)
    return itemShape(model, { version, fields: only ?? everyField(model, version) }).xml;
  if (only !== undefined) return itemShape(ItemModel as Model, { version, fields: only }).xml;
  // Every kind's fields in one shape, as exchangelib asks: Exchange returns those that apply.
  // Paths are deduplicated and sorted by their written form, each kept as the fragment models wrote.
  const paths = new Map<string, XmlFragment>();
  for (const kind of ITEM_MODELS_BY_ELEMENT.values()) {
    for (const path of itemShape(kind, { version, fields: everyField(kind, version) }).paths)
      paths.set(path.xml, path);
  }
  const sorted = [...paths.keys()].sort().map((key) => paths.get(key));
  return el('m:ItemShape', {}, [el('t:BaseShape', {}, 'IdOnly'), el('t:AdditionalProperties', {}, sorted)]);
}

function readAnswer<M extends Model>(
  node: XmlNode,
  model: M | undefined,
): Outcome<InferModel<M> | FetchedItem> {
  const item = readItemNode(node);
  const kind = ITEM_MODELS_BY_ELEMENT.get(node.name);
  if (model === undefined) {
    const type = (kind?.xmlName ?? 'Item') as FetchedItem['type'];
    return { ok: true, value: { type, item } as FetchedItem };
  }
  if (!derivesFrom(kind, model)) {
    const error = new EwsInvalidArgumentError(
      `The id names a ${kind?.name ?? 'item of another kind'}, not a ${model.name}`,
    );
    return { ok: false, error };
  }
  return { ok: true, value: item as InferModel<M> };
}

function derivesFrom(kind: Model | undefined, model: Model): boolean {
  for (let at = kind; at !== undefined; at = at.base) if (at === model) return true;
  // An element of no known kind is read as a plain Item.
  return kind === undefined && model === (ItemModel as Model);
}
