import { fromXml, parseEwsText } from '../codec/from-xml.js';
import { toXml } from '../codec/to-xml.js';
import { invalidArgument } from '../errors.js';
import { CalendarItemModel } from '../generated/calendar-item-model.js';
import { ContactModel } from '../generated/contact-model.js';
import { ItemModel } from '../generated/item-model.js';
import { MeetingCancellationModel } from '../generated/meeting-cancellation-model.js';
import { MeetingMessageModel } from '../generated/meeting-message-model.js';
import { MeetingRequestModel } from '../generated/meeting-request-model.js';
import { MeetingResponseModel } from '../generated/meeting-response-model.js';
import { MessageModel } from '../generated/message-model.js';
import { PostItemModel } from '../generated/post-item-model.js';
import { TaskModel } from '../generated/task-model.js';
import type { AttachedItemNode, AttachedItemType } from '../properties/attachments.js';
import type { InferModel, Model } from '../schema/define-model.js';
import type { ExchangeVersion } from '../versions/exchange-version.js';

const MODELS: Readonly<Record<AttachedItemType, Model>> = Object.freeze({
  Item: ItemModel,
  Message: MessageModel,
  CalendarItem: CalendarItemModel,
  Contact: ContactModel,
  MeetingMessage: MeetingMessageModel,
  MeetingRequest: MeetingRequestModel,
  MeetingResponse: MeetingResponseModel,
  MeetingCancellation: MeetingCancellationModel,
  Task: TaskModel,
  PostItem: PostItemModel,
});

function modelFor(type: string): Model {
  if (!Object.hasOwn(MODELS, type))
    throw invalidArgument(`'${type}' is not an item type an attachment can hold`);
  return MODELS[type as AttachedItemType];
}

/** The item for an ItemAttachment: `attachedItem(MessageModel, { subject: 'Fwd' }, { version })`. */
export function attachedItem<M extends Model>(
  model: M,
  value: InferModel<M>,
  options: { readonly version: ExchangeVersion },
): AttachedItemNode {
  const type = model.xmlName;
  if (modelFor(type) !== (model as Model))
    throw invalidArgument(`${model.name} cannot be attached as an item`);
  const node = parseEwsText(toXml(model, value, { version: options.version, mode: 'create' }).xml);
  return { type: type as AttachedItemType, node };
}

/** Reads the item of an ItemAttachment with its model (a `Message`, a `CalendarItem`, …). */
export function attachedItemFromXml(item: AttachedItemNode): Record<string, unknown> {
  return fromXml(modelFor(item.type), item.node);
}
