// J4 contender (a): @ews the way its README recommends for a room board: `account.findFreeRooms`
// over every room list at once, the next hour with a 60-minute duration and today as `schedule`,
// answered by the same GetUserAvailability calls (100 rooms each, a few in flight):
// 1 GetRoomLists + 5 GetRooms + 5 GetUserAvailability.
import { roomFromEvents } from './board.mjs';

/** Calls in flight at once: well under Exchange's default EWS concurrency per user. */
const CONCURRENCY = 4;

/** The board for `windows` (board.mjs), read through `account` (an @ews/services Account). */
export async function roomBoard(account, windows) {
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
