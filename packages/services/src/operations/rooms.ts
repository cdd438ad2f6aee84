import { child, children, childText, type EwsResponse, el, type XmlFragment, type XmlNode } from '@ews/core';
import { fromXml, type Mailbox, MailboxModel } from '@ews/models';
import { onlyMessage } from '../internal/messages.js';

export function buildGetRoomLists(): XmlFragment {
  return el('m:GetRoomLists');
}

/** The room lists (distribution groups of rooms) the directory publishes. */
export function readGetRoomLists(response: EwsResponse): readonly Mailbox[] {
  onlyMessage(response);
  return children(child(response.node, 'RoomLists'), 'Address').map(readMailbox);
}

export function buildGetRooms(roomListAddress: string): XmlFragment {
  return el('m:GetRooms', {}, el('m:RoomList', {}, el('t:EmailAddress', {}, roomListAddress)));
}

/** The rooms of one room list. */
export function readGetRooms(response: EwsResponse): readonly Mailbox[] {
  onlyMessage(response);
  return children(child(response.node, 'Rooms'), 'Room').flatMap((room) => {
    const id = child(room, 'Id');
    return id ? [readMailbox(id)] : [];
  });
}

/** Any EmailAddressType element (`t:Address`, `t:Id`, `t:Mailbox`). */
export function readMailbox(node: XmlNode): Mailbox {
  const mailbox = fromXml(MailboxModel, node);
  // Some servers omit the routing type; an address alone is still a usable mailbox.
  return mailbox.emailAddress === undefined && childText(node, 'EmailAddress') !== undefined
    ? { ...mailbox, emailAddress: childText(node, 'EmailAddress') ?? '' }
    : mailbox;
}
