// J4 contender (b): a naive @ews loop — the room lists and rooms one after another, then one
// GetUserAvailability per room, room by room (what a port of a room-by-room script looks like).
import { freeBusyOf, roomFromEvents } from './board.mjs';

/** The board for `windows` (board.mjs), read through `account` (an @ews/services Account). */
export async function roomBoard(account, windows) {
  const board = [];
  for (const list of await account.getRoomLists()) {
    for (const room of await account.getRooms(list)) {
      const address = room.emailAddress ?? '';
      const [entry] = await account.getAvailability({
        mailboxes: [{ address, attendeeType: 'Room' }],
        start: windows.dayStart,
        end: windows.dayEnd,
      });
      if (entry === undefined) throw new Error(`no free/busy for ${address}`);
      board.push(roomFromEvents(address, freeBusyOf(entry).events, windows));
    }
  }
  return board;
}
