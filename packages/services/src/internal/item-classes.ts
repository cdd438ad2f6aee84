import { EwsProtocolError, type XmlNode } from '@ews/core';
import {
  CalendarItemModel,
  ContactModel,
  DistributionListModel,
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
 * is read as a Message); unknown elements of EWS's namespaces fall back to the base Item fields.
 * An element of another namespace (named `{uri}local`) is no item: EWS_PROTOCOL, never an extra
 * item with empty fields (answers read with EWS_ANSWER_CONTENT never hold one).
 */
export function readItemNode(node: XmlNode): Item {
  if (node.name.charCodeAt(0) === 0x7b /* { */)
    throw new EwsProtocolError(`Expected an item, got ${describeForeign(node)}`, { operation: 'Item' });
  const model = ITEM_MODELS_BY_ELEMENT.get(node.name) ?? ItemModel;
  return fromXml(model, node) as Item;
}

/** `<local> in namespace …`, bounded (the server's names). */
function describeForeign(node: XmlNode): string {
  const local = node.name.slice(node.name.lastIndexOf('}') + 1).slice(0, 200);
  // xml-guard: message text
  return `<${local}> in ${node.namespace === '' ? 'no namespace' : `namespace ${node.namespace.slice(0, 200)}`}`;
}
