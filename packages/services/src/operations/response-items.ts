import {
  AcceptItemModel,
  CancelCalendarItemModel,
  DeclineItemModel,
  type ExchangeVersion,
  ForwardItemModel,
  type InferModel,
  type Model,
  ReplyAllToItemModel,
  ReplyToItemModel,
  TentativelyAcceptItemModel,
} from '@ews/models';
import type { FolderRef, ItemRef } from '../internal/ids.js';
import { buildCreateItem, type MessageDisposition } from './create-item.js';

/**
 * Response objects: what CreateItem sends to answer an item (reply, forward, accept a meeting,
 * cancel one). Their fields are the tables of `@ews/models`; the reference to the answered item
 * is added here.
 */
export const RESPONSE_OBJECT_MODELS = Object.freeze({
  reply: ReplyToItemModel,
  replyAll: ReplyAllToItemModel,
  forward: ForwardItemModel,
  accept: AcceptItemModel,
  tentativelyAccept: TentativelyAcceptItemModel,
  decline: DeclineItemModel,
  cancel: CancelCalendarItemModel,
});

export type ResponseObjectKind = keyof typeof RESPONSE_OBJECT_MODELS;
type ModelOf<K extends ResponseObjectKind> = (typeof RESPONSE_OBJECT_MODELS)[K];

/** The fields of one response object, without the reference (that is `ResponseItemParams.reference`). */
export type ResponseObjectFields<K extends ResponseObjectKind> = Omit<
  InferModel<ModelOf<K>>,
  'referenceItemId'
>;

export interface ResponseItemParams<K extends ResponseObjectKind> {
  readonly kind: K;
  /** The item answered: a message, or a meeting request / calendar item. */
  readonly reference: ItemRef;
  readonly fields?: ResponseObjectFields<K> | undefined;
  readonly version: ExchangeVersion;
  /** Default `SendAndSaveCopy`; `SaveOnly` leaves the answer as a draft and returns its id. */
  readonly messageDisposition?: MessageDisposition | undefined;
  readonly savedItemFolder?: FolderRef | undefined;
}

/** `<m:CreateItem MessageDisposition="…"><m:Items><t:ReplyToItem>…` for one response object. */
export function buildResponseItem<K extends ResponseObjectKind>(params: ResponseItemParams<K>): string {
  const model: Model = RESPONSE_OBJECT_MODELS[params.kind];
  const value = {
    ...(params.fields ?? {}),
    referenceItemId:
      params.reference.changeKey === undefined
        ? { id: params.reference.id }
        : { id: params.reference.id, changeKey: params.reference.changeKey },
  };
  return buildCreateItem({
    model,
    items: [value as InferModel<Model>],
    version: params.version,
    savedItemFolder: params.savedItemFolder,
    messageDisposition: params.messageDisposition ?? 'SendAndSaveCopy',
  });
}
