import { meetingCalendar, personOf } from '../calendar/book-meeting.js';
import type { Directory, DirectoryMailbox, RoomList } from '../directory/directory.js';
import { TestServerError } from '../server/test-server-error.js';
import type { ExchangeState } from '../store/exchange-state.js';
import { addNewItem } from '../store/new-item.js';
import { pick, seededRandom } from './seeded-random.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SLOT = 30 * 60_000;
// The bookable day, in UTC hours of the server's "today": 08:00 to 18:00.
const DAY_OPENS = 8;
const DAY_CLOSES = 18;
const LENGTHS_IN_SLOTS = [1, 2, 2, 3, 4] as const;
const SUBJECTS = [
  'Sprint planning',
  'Design review',
  'Customer call',
  'Interview',
  '1:1',
  'Team sync',
  'Workshop',
  'All hands prep',
] as const;
const BUILDINGS = ['North', 'South', 'East', 'West', 'Central', 'Harbour', 'Hill', 'Park'] as const;
/** Fixed so that every start with the same `now` books the same meetings. */
const ROOM_BOARD_SEED = 500_2026;
/** Bounds of the option: enough for a 500-room board, small enough to start in a second. */
const MAX_LISTS = 50;
const MAX_ROOMS_PER_LIST = 1000;
const MAX_ROOMS = 5000;

/** Room lists of many rooms, each with a day of bookings (a room board or free-room search). */
export interface TestServerRooms {
  /** How many room lists (`building1@`, `building2@`, …): 1 to 50. */
  readonly lists: number;
  /** Rooms in each list (`room.b1.001@`, …): 1 to 1000, at most 5000 rooms in all. */
  readonly roomsPerList: number;
}

const wholeInRange = (value: number, min: number, max: number): boolean =>
  Number.isInteger(value) && value >= min && value <= max;

export function checkRooms(rooms: TestServerRooms | undefined): void {
  if (rooms === undefined) return;
  if (!wholeInRange(rooms.lists, 1, MAX_LISTS))
    throw new TestServerError(
      'TEST_SERVER_OPTIONS',
      `rooms.lists must be a whole number from 1 to ${MAX_LISTS}`,
    );
  if (!wholeInRange(rooms.roomsPerList, 1, MAX_ROOMS_PER_LIST))
    throw new TestServerError(
      'TEST_SERVER_OPTIONS',
      `rooms.roomsPerList must be a whole number from 1 to ${MAX_ROOMS_PER_LIST}`,
    );
  if (rooms.lists * rooms.roomsPerList > MAX_ROOMS)
    throw new TestServerError('TEST_SERVER_OPTIONS', `rooms: at most ${MAX_ROOMS} rooms in all`);
}

/**
 * The directory with `lists` more room lists of `roomsPerList` rooms each; the service account
 * gets full access to the new rooms as it has to the demo rooms.
 */
export function withRoomBoard(directory: Directory, rooms: TestServerRooms): Directory {
  const lists: RoomList[] = [];
  const added: DirectoryMailbox[] = [];
  for (let l = 1; l <= rooms.lists; l++) {
    const building = `${BUILDINGS[(l - 1) % BUILDINGS.length]}${l > BUILDINGS.length ? ` ${l}` : ''}`;
    const members: string[] = [];
    for (let r = 1; r <= rooms.roomsPerList; r++) {
      const number = String(r).padStart(3, '0');
      const capacity = [4, 6, 8, 12, 20][(l + r) % 5] ?? 4;
      const room: DirectoryMailbox = {
        address: `room.b${l}.${number}@${directory.domain}`,
        name: `${building} ${l}.${number} (${capacity})`,
        password: `room-b${l}-${number}-Demo-2016!`,
        kind: 'room',
        capacity,
      };
      added.push(room);
      members.push(room.address);
    }
    lists.push({ address: `building${l}@${directory.domain}`, name: `${building} building`, rooms: members });
  }
  const roomAddresses = added.map((room) => room.address);
  const mailboxes = directory.mailboxes.map((mailbox) =>
    mailbox.kind === 'service'
      ? { ...mailbox, fullAccessTo: [...(mailbox.fullAccessTo ?? []), ...roomAddresses] }
      : mailbox,
  );
  return { ...directory, mailboxes: [...mailboxes, ...added], roomLists: [...directory.roomLists, ...lists] };
}

/**
 * A plausible day for every room of the room board's lists: between 08:00 and 18:00 UTC of the
 * server's today, meetings of 30 to 120 minutes on half-hour slots, each room with a booking
 * rate of its own (some rooms are nearly free, some nearly full). Each booking is the room's
 * accepted copy of a meeting organized by one of the people (Busy, a few Tentative).
 */
export function seedRoomBoard(state: ExchangeState, rooms: TestServerRooms): void {
  const random = seededRandom(ROOM_BOARD_SEED);
  const today = Math.floor(state.now().getTime() / DAY) * DAY;
  const people = state.directory.mailboxes.filter((m) => m.kind === 'user');
  const lists = state.directory.roomLists.slice(-rooms.lists);
  for (const list of lists) {
    for (const address of list.rooms) {
      const store = state.requireStore(address);
      const calendar = store.requireDistinguished('calendar');
      const room = personOf(store.owner);
      const rate = 0.05 + random() * 0.3;
      let slot = today + DAY_OPENS * HOUR;
      while (slot < today + DAY_CLOSES * HOUR) {
        if (random() >= rate) {
          slot += SLOT;
          continue;
        }
        const end = Math.min(slot + pick(random, LENGTHS_IN_SLOTS) * SLOT, today + DAY_CLOSES * HOUR);
        const organizer = pick(random, people);
        const subject = `${organizer.name.split(' ')[0]}: ${pick(random, SUBJECTS)}`;
        const data = meetingCalendar(
          state,
          {
            subject,
            start: new Date(slot),
            end: new Date(end),
            location: room.name,
            required: [personOf(organizer)],
            resources: [room],
            freeBusy: random() < 0.1 ? 'Tentative' : 'Busy',
          },
          personOf(organizer),
          'Accept',
        );
        data.myResponseType = 'Accept';
        addNewItem(store, {
          kind: 'CalendarItem',
          folderId: calendar.id,
          subject,
          created: new Date(today - DAY),
          calendar: data,
        });
        slot = end;
      }
    }
  }
}
