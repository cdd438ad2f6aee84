// What every J4 contender computes and how the bench compares them: for each room, whether it is
// free for the next hour and its schedule for today (UTC), reduced to a digest that the Python
// contenders compute the same way (exchangelib_room_board.py).
import { createHash } from 'node:crypto';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The board's windows for a moment `now`: the next hour and today (UTC). */
export function boardWindows(now) {
  const dayStart = new Date(Math.floor(now.getTime() / DAY) * DAY);
  return {
    now,
    hourEnd: new Date(now.getTime() + HOUR),
    dayStart,
    dayEnd: new Date(dayStart.getTime() + DAY),
  };
}

/**
 * One room's line of the board from its free/busy events over today: free when no event that
 * is not Free overlaps [now, now + 1 h).
 */
export function roomFromEvents(address, events, { now, hourEnd }) {
  const spans = events
    .filter((event) => event.busyType !== 'Free')
    .map((event) => [event.start.getTime(), event.end.getTime()]);
  const free = !spans.some(([start, end]) => start < hourEnd.getTime() && end > now.getTime());
  return { address, free, spans };
}

/**
 * Sizes and two digests of the whole board: `schedules` (each room's bookings today: rooms in
 * address order, spans in time order, in seconds) and `freeRooms` (the addresses of the free
 * rooms). Kept apart because the guide's method can disagree on the free hour alone (its
 * CalendarView also returns a meeting that ends exactly at now).
 */
export function summarize(rooms) {
  const sorted = [...rooms].sort((a, b) => (a.address.toLowerCase() < b.address.toLowerCase() ? -1 : 1));
  const schedules = sorted
    .map((room) => {
      const spans = room.spans
        .map(([start, end]) => [Math.floor(start / 1000), Math.floor(end / 1000)])
        .sort((a, b) => a[0] - b[0] || a[1] - b[1])
        .map(([start, end]) => `${start}-${end}`);
      return `${room.address.toLowerCase()} ${spans.join(' ')}\n`;
    })
    .join('');
  const freeRooms = sorted
    .filter((room) => room.free)
    .map((room) => `${room.address.toLowerCase()}\n`)
    .join('');
  const sha = (text) => createHash('sha256').update(text).digest('hex');
  return {
    rooms: rooms.length,
    free: rooms.filter((room) => room.free).length,
    events: rooms.reduce((sum, room) => sum + room.spans.length, 0),
    schedules: sha(schedules),
    freeRooms: sha(freeRooms),
  };
}

/**
 * One mailbox's free/busy from an `account.getAvailability` entry (an Outcome<FreeBusy> with its
 * address); a failed entry is thrown here (a board with a missing room is not a result).
 */
export function freeBusyOf(entry) {
  if (!entry.ok) throw entry.error;
  return { ...entry.value, address: entry.value.address ?? entry.address };
}
