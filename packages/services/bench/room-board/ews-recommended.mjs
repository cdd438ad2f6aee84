// J4 contender (a): @ews the way its README recommends for a room board. One file on purpose: the
// one place the lead switches when the batched verbs of helper `freebusy` (issue 14, branch
// i14-freebusy, FINDFREEROOMS-API.md) are merged.
//   With `account.findFreeRooms` (its settled signature): every room list at once, the next hour
//   with a 60-minute duration and today as `schedule`, answered by the same GetUserAvailability
//   calls (100 rooms each, a few in flight): 1 GetRoomLists + 5 GetRooms + 5 GetUserAvailability.
//   Until then (today's main): the same requests written by hand — the room lists, their rooms
//   concurrently, GetUserAvailability for today over 100 rooms per call (Exchange's limit), a
//   few calls in flight, the free hour read from the same answers.
// TODO(issue 14, at the freebusy merge): keep only viaFindFreeRooms and drop the feature test.
import { freeBusyOf, mapBounded, roomFromEvents } from './board.mjs';

/** Exchange refuses more mailboxes than this in one GetUserAvailability (ErrorMailboxDataArrayTooBig). */
const MAILBOXES_PER_CALL = 100;
/** Calls in flight at once: well under Exchange's default EWS concurrency per user. */
const CONCURRENCY = 4;

/** Which way this contender reads the board with `account` (printed by the bench). */
export function method(account) {
  return typeof account.findFreeRooms === 'function' ? 'findFreeRooms' : 'manual chunks of 100';
}

/** The board for `windows` (board.mjs), read through `account` (an @ews/services Account). */
export function roomBoard(account, windows) {
  return method(account) === 'findFreeRooms'
    ? viaFindFreeRooms(account, windows)
    : viaChunks(account, windows);
}

async function viaFindFreeRooms(account, windows) {
  const rooms = await account.findFreeRooms({
    roomList: await account.getRoomLists(),
    start: windows.now,
    end: windows.hourEnd,
    durationMinutes: 60,
    schedule: { start: windows.dayStart, end: windows.dayEnd },
    concurrency: CONCURRENCY,
  });
  return rooms.map((entry) => {
    if (!entry.ok) throw entry.error;
    const { spans } = roomFromEvents(entry.room.emailAddress ?? '', entry.value.events, windows);
    return { address: entry.room.emailAddress ?? '', free: entry.value.free, spans };
  });
}

async function viaChunks(account, windows) {
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
  return answers.flat().map((entry) => {
    const { address, events } = freeBusyOf(entry);
    return roomFromEvents(address, events, windows);
  });
}
