import { bookMeeting, personOf, recordResponse } from '../calendar/book-meeting.js';
import { originalStarts } from '../calendar/recurrence-expansion.js';
import type { DirectoryMailbox } from '../directory/directory.js';
import type { ExchangeState } from '../store/exchange-state.js';
import type { ResponseType, StoredItem, TaskStatus } from '../store/item-model.js';
import { addNewItem } from '../store/new-item.js';
import { pick, seededRandom } from './seeded-random.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Fixed so that the demo mailboxes are the same on every start (relative to "now"). */
export const DEMO_SEED_VALUE = 20_160_815;

const MEETING_SUBJECTS = [
  'Sprint planning',
  'Design review',
  'Customer call: Fabrikam',
  'Budget check-in',
  'Roadmap sync',
  'Interview debrief',
  'Quarterly business review',
  'Architecture deep dive',
  'Pricing workshop',
  'Release readiness',
] as const;

const MAIL_SUBJECTS = [
  'Quarterly numbers',
  'Re: Offsite agenda',
  'Invoice 2016-0815',
  'Updated slides attached',
  'Lunch on Friday?',
  'Security training reminder',
  'Fw: Customer feedback',
  'Draft contract for review',
  'New hire onboarding',
  'Build is green again',
] as const;

const ALL_DAY: readonly (readonly [string, 'OOF' | 'Free' | 'Busy'])[] = [
  ['Vacation', 'OOF'],
  ['Conference: TechEd', 'Busy'],
  ['Working from Lisbon office', 'Free'],
  ['Company holiday', 'OOF'],
];

const CONTACTS: readonly (readonly [string, string, string, string])[] = [
  ['Nora', 'Nielsen', 'Fabrikam', 'Purchasing Lead'],
  ['Omar', 'Owens', 'Northwind Traders', 'CTO'],
  ['Paula', 'Park', 'Litware', 'Consultant'],
  ['Quentin', 'Quinn', 'Tailspin Toys', 'Buyer'],
  ['Rosa', 'Reyes', 'Wingtip Toys', 'Account Manager'],
  ['Sam', 'Singh', 'Adventure Works', 'Engineer'],
];

const TASKS: readonly (readonly [string, TaskStatus, number])[] = [
  ['Prepare board deck', 'InProgress', 50],
  ['Submit expense report', 'NotStarted', 0],
  ['Review pull requests', 'Completed', 100],
  ['Renew certificate', 'WaitingOnOthers', 25],
];

function isWeekday(dayStart: number): boolean {
  const weekday = new Date(dayStart).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Applies the same change to every copy of a meeting (organizer's and attendees'). */
function forEveryCopy(state: ExchangeState, uid: string, change: (item: StoredItem) => void): void {
  for (const store of state.allStores()) {
    for (const item of store.items.values()) if (item.calendar?.uid === uid) change(item);
  }
}

function seedStandup(state: ExchangeState, anchor: number, people: readonly DirectoryMailbox[]): void {
  const [organizer, ...others] = people;
  if (organizer === undefined) return;
  const start = new Date(anchor - 15 * DAY + 9 * HOUR + 30 * MINUTE);
  const master = bookMeeting(
    state,
    state.requireStore(organizer.address),
    {
      subject: 'Team standup',
      body: 'Daily 15 minutes: yesterday, today, blockers.',
      start,
      end: new Date(start.getTime() + 15 * MINUTE),
      location: 'Teams',
      required: others.map(personOf),
      recurrence: {
        pattern: {
          type: 'Weekly',
          interval: 1,
          daysOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
        },
        startDate: new Date(anchor - 15 * DAY),
        numberOfOccurrences: 22,
      },
    },
    'SendToAllAndSaveCopy',
  );
  const uid = master.calendar?.uid ?? '';
  for (const person of others) recordResponse(state, uid, person.address, 'Accept');
  const starts = originalStarts(master.calendar!, new Date(anchor + 60 * DAY));
  const moved = starts[12];
  const deleted = starts[13];
  forEveryCopy(state, uid, (item) => {
    if (moved) {
      item.calendar!.exceptions.push({
        originalStart: moved,
        start: new Date(moved.getTime() + 30 * MINUTE),
        end: new Date(moved.getTime() + 45 * MINUTE),
        subject: 'Team standup (moved)',
      });
    }
    if (deleted) item.calendar!.deletedOccurrences.push(deleted);
  });
}

function seedMeetings(
  state: ExchangeState,
  random: () => number,
  anchor: number,
  people: readonly DirectoryMailbox[],
  rooms: readonly DirectoryMailbox[],
): void {
  const answers: readonly ResponseType[] = [
    'Accept',
    'Accept',
    'Accept',
    'Accept',
    'Tentative',
    'NoResponseReceived',
  ];
  for (let offset = -15; offset <= 15; offset++) {
    const day = anchor + offset * DAY;
    if (!isWeekday(day)) continue;
    for (let slot = 0; slot < 3; slot++) {
      const organizer = pick(random, people);
      const attendees = people.filter((p) => p !== organizer && random() < 0.25).slice(0, 3);
      if (attendees.length === 0)
        attendees.push(
          pick(
            random,
            people.filter((p) => p !== organizer),
          ),
        );
      const room = random() < 0.7 ? pick(random, rooms) : undefined;
      const start = new Date(day + (10 + slot * 2 + Math.floor(random() * 2)) * HOUR);
      const end = new Date(start.getTime() + (random() < 0.5 ? 30 : 60) * MINUTE);
      const meeting = bookMeeting(
        state,
        state.requireStore(organizer.address),
        {
          subject: pick(random, MEETING_SUBJECTS),
          body: `Agenda to follow. Organized by ${organizer.name}.`,
          start,
          end,
          ...(room ? { location: room.name, resources: [personOf(room)] } : {}),
          required: attendees.map(personOf),
        },
        'SendToAllAndSaveCopy',
      );
      for (const person of attendees) {
        recordResponse(state, meeting.calendar?.uid ?? '', person.address, pick(random, answers));
      }
    }
  }
}

function seedPersonal(
  state: ExchangeState,
  random: () => number,
  anchor: number,
  person: DirectoryMailbox,
  index: number,
  people: readonly DirectoryMailbox[],
): void {
  const store = state.requireStore(person.address);
  const created = new Date(anchor - 20 * DAY);
  const [title, freeBusy] = ALL_DAY[index % ALL_DAY.length]!;
  const allDayStart = new Date(anchor + (index * 3 - 13) * DAY);
  bookMeeting(
    state,
    store,
    {
      subject: title,
      start: allDayStart,
      end: new Date(allDayStart.getTime() + (1 + (index % 2)) * DAY),
      isAllDay: true,
      freeBusy,
    },
    'SendToNone',
  );

  const inbox = store.requireDistinguished('inbox');
  for (let n = 0; n < 12; n++) {
    const sender = pick(
      random,
      people.filter((p) => p !== person),
    );
    const received = new Date(anchor - (n + 1) * 26 * HOUR + Math.floor(random() * 8) * HOUR);
    addNewItem(store, {
      kind: 'Message',
      folderId: inbox.id,
      subject: pick(random, MAIL_SUBJECTS),
      body: `Hi ${person.name.split(' ')[0]},\n\nsee below.\n\n${sender.name}`,
      created: received,
      received,
      sent: new Date(received.getTime() - MINUTE),
      importance: random() < 0.15 ? 'High' : 'Normal',
      categories: random() < 0.2 ? ['Follow up'] : [],
      message: {
        from: personOf(sender),
        to: [personOf(person)],
        cc: [],
        isRead: n > 3,
        isDraft: false,
        internetMessageId: `<seed-${index}-${n}@contoso.test>`,
      },
    });
  }

  const contacts = store.requireDistinguished('contacts');
  CONTACTS.forEach(([givenName, surname, companyName, jobTitle], n) => {
    addNewItem(store, {
      kind: 'Contact',
      folderId: contacts.id,
      subject: `${givenName} ${surname}`,
      created,
      contact: {
        givenName,
        surname,
        displayName: `${givenName} ${surname}`,
        companyName,
        jobTitle,
        emailAddress: `${givenName.toLowerCase()}@${companyName.toLowerCase().replace(/\s+/g, '')}.example`,
        phone: `+1 555 0199 ${String(n).padStart(3, '0')}`,
      },
    });
  });

  const tasks = store.requireDistinguished('tasks');
  TASKS.forEach(([subject, status, percentComplete], n) => {
    addNewItem(store, {
      kind: 'Task',
      folderId: tasks.id,
      subject,
      created,
      task: { status, percentComplete, dueDate: new Date(anchor + (n * 4 - 3) * DAY) },
    });
  });
}

/** Fills the demo mailboxes: ~30 days of calendar around now, inbox mail, contacts and tasks. */
export function seedDemoContent(state: ExchangeState, seedValue: number = DEMO_SEED_VALUE): void {
  const random = seededRandom(seedValue);
  const anchor = Math.floor(state.now().getTime() / DAY) * DAY;
  const people = state.directory.mailboxes.filter((m) => m.kind === 'user');
  const rooms = state.directory.mailboxes.filter((m) => m.kind === 'room');
  seedStandup(state, anchor, people);
  seedMeetings(state, random, anchor, people, rooms);
  people.forEach((person, index) => {
    seedPersonal(state, random, anchor, person, index, people);
  });
}
