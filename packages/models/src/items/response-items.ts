import { sensitivityChoices } from '../generated/item-enums.js';
import { body } from '../kinds/body.js';
import { dateTime } from '../kinds/date-time.js';
import { boolean, text } from '../kinds/scalar-kinds.js';
import { itemId, mailboxList, singleMailbox } from '../properties/property-kinds.js';
import { defineModel, type InferModel } from '../schema/define-model.js';
import { field } from '../schema/field-def.js';

// Response objects are what CreateItem sends to reply to, forward, accept or cancel an item.
// types.xsd restricts each to a short sequence; these tables follow those sequences (where
// exchangelib lists more, e.g. ReceivedBy on ReplyToItem, the schema would refuse it).
const referenceItemId = field('referenceItemId', itemId, { xmlName: 'ReferenceItemId' });
const subject = field('subject', text, { xmlName: 'Subject' });
const itemBody = field('body', body, { xmlName: 'Body' });
const newBodyContent = field('newBodyContent', body, { xmlName: 'NewBodyContent' });
const recipientsAndReceipts = [
  field('toRecipients', mailboxList, { xmlName: 'ToRecipients' }),
  field('ccRecipients', mailboxList, { xmlName: 'CcRecipients' }),
  field('bccRecipients', mailboxList, { xmlName: 'BccRecipients' }),
  field('isReadReceiptRequested', boolean, { xmlName: 'IsReadReceiptRequested' }),
  field('isDeliveryReceiptRequested', boolean, { xmlName: 'IsDeliveryReceiptRequested' }),
  field('author', singleMailbox, { xmlName: 'From' }),
] as const;

/** t:WellKnownResponseObjectType + MeetingRegistrationResponseObjectType (accept/tentative/decline). */
const meetingReplyFields = [
  field('itemClass', text, { xmlName: 'ItemClass' }),
  field('sensitivity', sensitivityChoices, { xmlName: 'Sensitivity' }),
  itemBody,
  // The server fills Sender; a client answers as itself.
  field('sender', singleMailbox, { xmlName: 'Sender', flags: { readOnly: true } }),
  ...recipientsAndReceipts,
  referenceItemId,
  field('proposedStart', dateTime, { xmlName: 'ProposedStart', minVersion: 'Exchange2013' }),
  field('proposedEnd', dateTime, { xmlName: 'ProposedEnd', minVersion: 'Exchange2013' }),
] as const;

/** t:SmartResponseType (reply, reply all, forward, cancel a meeting). */
const smartResponseFields = [
  subject,
  itemBody,
  ...recipientsAndReceipts,
  referenceItemId,
  newBodyContent,
] as const;

export const AcceptItemModel = defineModel({
  name: 'AcceptItem',
  xmlName: 'AcceptItem',
  fields: meetingReplyFields,
});
export const TentativelyAcceptItemModel = defineModel({
  name: 'TentativelyAcceptItem',
  xmlName: 'TentativelyAcceptItem',
  fields: meetingReplyFields,
});
export const DeclineItemModel = defineModel({
  name: 'DeclineItem',
  xmlName: 'DeclineItem',
  fields: meetingReplyFields,
});
export const ReplyToItemModel = defineModel({
  name: 'ReplyToItem',
  xmlName: 'ReplyToItem',
  fields: smartResponseFields,
});
export const ReplyAllToItemModel = defineModel({
  name: 'ReplyAllToItem',
  xmlName: 'ReplyAllToItem',
  fields: smartResponseFields,
});
export const ForwardItemModel = defineModel({
  name: 'ForwardItem',
  xmlName: 'ForwardItem',
  fields: smartResponseFields,
});
export const CancelCalendarItemModel = defineModel({
  name: 'CancelCalendarItem',
  xmlName: 'CancelCalendarItem',
  fields: smartResponseFields,
});
/** t:PostReplyItemType: a reply in a public folder conversation. */
export const PostReplyItemModel = defineModel({
  name: 'PostReplyItem',
  xmlName: 'PostReplyItem',
  fields: [subject, itemBody, referenceItemId, newBodyContent],
});
/** t:RemoveItemType: removes a cancelled meeting from the calendar; only the reference matters. */
export const RemoveItemModel = defineModel({
  name: 'RemoveItem',
  xmlName: 'RemoveItem',
  fields: [referenceItemId],
});
/** t:SuppressReadReceiptType. */
export const SuppressReadReceiptModel = defineModel({
  name: 'SuppressReadReceipt',
  xmlName: 'SuppressReadReceipt',
  fields: [referenceItemId],
});

export type AcceptItem = InferModel<typeof AcceptItemModel>;
export type TentativelyAcceptItem = InferModel<typeof TentativelyAcceptItemModel>;
export type DeclineItem = InferModel<typeof DeclineItemModel>;
export type ReplyToItem = InferModel<typeof ReplyToItemModel>;
export type ReplyAllToItem = InferModel<typeof ReplyAllToItemModel>;
export type ForwardItem = InferModel<typeof ForwardItemModel>;
export type CancelCalendarItem = InferModel<typeof CancelCalendarItemModel>;
export type PostReplyItem = InferModel<typeof PostReplyItemModel>;
export type RemoveItem = InferModel<typeof RemoveItemModel>;
export type SuppressReadReceipt = InferModel<typeof SuppressReadReceiptModel>;

/** Every response object model, for code that handles them alike. */
export const RESPONSE_ITEM_MODELS = [
  AcceptItemModel,
  TentativelyAcceptItemModel,
  DeclineItemModel,
  ReplyToItemModel,
  ReplyAllToItemModel,
  ForwardItemModel,
  CancelCalendarItemModel,
  PostReplyItemModel,
  RemoveItemModel,
  SuppressReadReceiptModel,
] as const;
