import type { XmlFragment } from '@ews/core';
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
import { plainItemRef } from '../internal/ids.js';
import type { ItemRef, MailboxFolderRef } from '../refs.js';
import { buildCreateItem } from './create-item.js';

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

interface ResponseItemBase<K extends ResponseObjectKind> {
  readonly kind: K;
  /** The item answered: a message, or a meeting request / calendar item. */
  readonly reference: ItemRef;
  readonly fields?: ResponseObjectFields<K> | undefined;
  readonly version: ExchangeVersion;
}

/**
 * `messageDisposition` defaults to `SendAndSaveCopy`; `SaveOnly` leaves the answer as a draft and
 * returns its id. Both keep the answer in `savedItemFolder`, which must name its mailbox: without
 * it Exchange keeps the copy in the signed-in user's own Sent Items / Drafts. `SendOnly` keeps none.
 */
export type ResponseItemParams<K extends ResponseObjectKind> = ResponseItemBase<K> &
  (
    | { readonly messageDisposition: 'SendOnly'; readonly savedItemFolder?: undefined }
    | {
        readonly messageDisposition?: 'SaveOnly' | 'SendAndSaveCopy' | undefined;
        readonly savedItemFolder: MailboxFolderRef;
      }
  );

/** `<m:CreateItem MessageDisposition="…"><m:Items><t:ReplyToItem>…` for one response object. */
export function buildResponseItem<K extends ResponseObjectKind>(params: ResponseItemParams<K>): XmlFragment {
  const model: Model = RESPONSE_OBJECT_MODELS[params.kind];
  // ReferenceItemId is a plain t:ItemIdType: an occurrence or master reference is refused here.
  const reference = plainItemRef(params.reference, 'CreateItem');
  const value = {
    ...(params.fields ?? {}),
    referenceItemId:
      reference.changeKey === undefined
        ? { id: reference.id }
        : { id: reference.id, changeKey: reference.changeKey },
  };
  const base = { model, items: [value as InferModel<Model>], version: params.version };
  return params.messageDisposition === 'SendOnly'
    ? buildCreateItem({ ...base, messageDisposition: 'SendOnly' })
    : buildCreateItem({
        ...base,
        savedItemFolder: params.savedItemFolder,
        messageDisposition: params.messageDisposition ?? 'SendAndSaveCopy',
      });
}
