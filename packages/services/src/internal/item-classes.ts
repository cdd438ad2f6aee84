import type { XmlNode } from '@ews/core';
import {
  CalendarItemModel,
  ContactModel,
  DistributionListModel,
  fromCoreNode,
  fromXml,
  type Item,
  ItemModel,
  MeetingCancellationModel,
  MeetingMessageModel,
  MeetingRequestModel,
  MeetingResponseModel,
  MessageModel,
  type Model,
  PostItemModel,
  TaskModel,
} from '@ews/models';

/** Which model reads which element of an `<t:Items>` list. */
export const ITEM_MODELS_BY_ELEMENT: ReadonlyMap<string, Model> = new Map<string, Model>(
  [
    ItemModel,
    MessageModel,
    CalendarItemModel,
    ContactModel,
    DistributionListModel,
    TaskModel,
    PostItemModel,
    MeetingMessageModel,
    MeetingRequestModel,
    MeetingResponseModel,
    MeetingCancellationModel,
  ].map((model) => [model.xmlName, model]),
);

/**
 * Reads one item element with the model its element names (a Message found in a calendar folder
 * is read as a Message); unknown elements fall back to the base Item fields.
 */
export function readItemNode(node: XmlNode): Item {
  const model = ITEM_MODELS_BY_ELEMENT.get(node.name) ?? ItemModel;
  return fromXml(model, fromCoreNode(node)) as Item;
}
