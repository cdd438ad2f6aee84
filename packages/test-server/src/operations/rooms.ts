import { mailboxXml } from '../render/values.js';
import { NS } from '../soap/namespaces.js';
import { errorParts, successParts } from '../soap/response-messages.js';
import { descend } from '../xml/xml-tree.js';
import { el } from '../xml/xml-writer.js';
import { type OperationHandler, ResponseError } from './operation-context.js';

const RESPONSE_NS = { 'xmlns:m': NS.messages, 'xmlns:t': NS.types };

/** GetRoomLists: every room list in the directory (the response is itself the response message). */
export const getRoomLists: OperationHandler = (ctx) => {
  const lists = ctx.state.directory.roomLists.map((list) =>
    mailboxXml({ name: list.name, address: list.address, mailboxType: 'PublicDL' }, 't:Address'),
  );
  return el(
    'm:GetRoomListsResponse',
    { ResponseClass: 'Success', ...RESPONSE_NS },
    successParts(el('m:RoomLists', null, lists)),
  );
};

/** GetRooms: the rooms of one room list; an unknown list is ErrorNameResolutionNoResults. */
export const getRooms: OperationHandler = (ctx, request) => {
  const address = descend(request, 'RoomList', 'EmailAddress')?.text.trim().toLowerCase() ?? '';
  const list = ctx.state.directory.roomLists.find((l) => l.address.toLowerCase() === address);
  if (list === undefined) {
    const error = new ResponseError('ErrorNameResolutionNoResults', 'No results were found.');
    return el('m:GetRoomsResponse', { ResponseClass: 'Error', ...RESPONSE_NS }, errorParts(error));
  }
  const rooms = list.rooms.flatMap((roomAddress) => {
    const room = ctx.state.mailbox(roomAddress);
    if (room === undefined) return [];
    return [
      el(
        't:Room',
        null,
        mailboxXml({ name: room.name, address: room.address, mailboxType: 'Mailbox' }, 't:Id'),
      ),
    ];
  });
  return el(
    'm:GetRoomsResponse',
    { ResponseClass: 'Success', ...RESPONSE_NS },
    successParts(el('m:Rooms', null, rooms)),
  );
};
