// J4 contender (a): @ews the way its README recommends for rooms and availability — the room
// lists, the rooms of every list (concurrently), then GetUserAvailability for today over 100 rooms
// per call (Exchange's limit per request), a few calls in flight; the free hour is read from the
// same answers. One file on purpose: when `account.findFreeRooms` and the transparent
// >100-mailbox split land (helper `freebusy`, issue 14), this is the one place to switch.
// TODO(issue 14, freebusy): replace the manual chunks with the batched verbs, e.g.
//   const schedules = await account.getAvailability({ mailboxes: rooms, start: dayStart, end: dayEnd });
//   (split into calls of 100 by the library), and/or
//   const free = await account.findFreeRooms({ roomList, start: now, end: hourEnd, duration: 60 });
//   The GetUserAvailability budget of the issue is ≤ 10 + ⌈rooms / 100⌉ calls.
import { mapBounded, roomFromEvents } from './board.mjs';

/** Exchange refuses more mailboxes than this in one GetUserAvailability (ErrorMailboxDataArrayTooBig). */
const MAILBOXES_PER_CALL = 100;
/** Calls in flight at once: well under Exchange's default EWS concurrency per user. */
const CONCURRENCY = 4;

/** The board for `windows` (board.mjs), read through `account` (an @ews/services Account). */
export async function roomBoard(account, windows) {
  const lists = await account.getRoomLists();
  const perList = await mapBounded(lists, CONCURRENCY, (list) => account.getRooms(list));
  const rooms = perList.flat().map((room) => room.emailAddress ?? '');
  const chunks = [];
  for (let i = 0; i < rooms.length; i += MAILBOXES_PER_CALL)
    chunks.push(rooms.slice(i, i + MAILBOXES_PER_CALL));
  const answers = await mapBounded(chunks, CONCURRENCY, (chunk) =>
    account.getAvailability({
      mailboxes: chunk.map((address) => ({ address, attendeeType: 'Room' })),
      start: windows.dayStart,
      end: windows.dayEnd,
    }),
  );
  return answers.flat().map((entry) => roomFromEvents(entry.address, entry.events, windows));
}
