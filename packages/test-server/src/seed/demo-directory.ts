import type { Directory, DirectoryMailbox } from '../directory/directory.js';

const DOMAIN = 'contoso.test';

// [local part, display name, title, department]; the first is the CEO, the delegate relation is
// Grace (assistant) → Alice (CEO).
const PEOPLE: readonly (readonly [string, string, string, string])[] = [
  ['alice', 'Alice Adams', 'Chief Executive Officer', 'Management'],
  ['bob', 'Bob Brown', 'Engineering Manager', 'Engineering'],
  ['carol', 'Carol Chen', 'Software Engineer', 'Engineering'],
  ['dave', 'Dave Diaz', 'Software Engineer', 'Engineering'],
  ['erin', 'Erin Evans', 'Product Manager', 'Product'],
  ['frank', 'Frank Fischer', 'Sales Director', 'Sales'],
  ['grace', 'Grace Garcia', 'Executive Assistant', 'Management'],
  ['henry', 'Henry Hughes', 'Account Executive', 'Sales'],
  ['irene', 'Irene Ito', 'Designer', 'Product'],
  ['jack', 'Jack Jones', 'IT Administrator', 'IT'],
];

const ROOMS: readonly (readonly [string, string, number])[] = [
  ['room.oslo', 'Oslo (4)', 4],
  ['room.paris', 'Paris (8)', 8],
  ['room.tokyo', 'Tokyo (16)', 16],
];

const TOKYO_WORKING_HOURS = {
  days: [1, 2, 3, 4, 5],
  startMinutes: 9 * 60,
  endMinutes: 18 * 60,
  zone: { bias: -540, standard: undefined, daylight: undefined },
};

// Public groups: Engineering sits inside Product & Engineering; Staff Council and Leadership
// Circle contain each other (Active Directory allows such cycles, ExpandDL shows one level).
const GROUPS: readonly (readonly [string, string, readonly string[]])[] = [
  ['dl.engineering', 'Engineering Team', ['bob', 'carol', 'dave']],
  ['dl.product', 'Product & Engineering', ['erin', 'irene', 'dl.engineering']],
  ['dl.council', 'Staff Council', ['alice', 'frank', 'dl.circle']],
  ['dl.circle', 'Leadership Circle', ['grace', 'dl.council']],
];

function address(local: string): string {
  return `${local}@${DOMAIN}`;
}

/** The demo company: 10 people, 3 rooms in "All Rooms", one service account. Passwords are fixed. */
export function demoDirectory(): Directory {
  const people: DirectoryMailbox[] = PEOPLE.map(([local, name, title, department], i) => ({
    address: address(local),
    name,
    password: `${name.split(' ')[0]}-Demo-2016!`,
    kind: 'user' as const,
    title,
    department,
    phone: `+1 555 0100 ${String(100 + i)}`,
    ...(local === 'grace' ? { fullAccessTo: [address('alice')] } : {}),
    // Everyone but Jack has a photo (GetUserPhoto answers 404 for him).
    ...(local === 'jack' ? {} : { hasPhoto: true }),
  }));
  const rooms: DirectoryMailbox[] = ROOMS.map(([local, name, capacity]) => ({
    address: address(local),
    name,
    password: `${local}-Demo-2016!`,
    kind: 'room' as const,
    capacity,
    // Tokyo keeps Tokyo hours (UTC+9, no daylight saving): free/busy callers see them.
    ...(local === 'room.tokyo' ? { workingHours: TOKYO_WORKING_HOURS } : {}),
  }));
  const service: DirectoryMailbox = {
    address: address('ews.service'),
    name: 'EWS Service',
    password: 'Service-Demo-2016!',
    kind: 'service',
    canImpersonate: true,
    fullAccessTo: rooms.map((r) => r.address),
  };
  return {
    domain: DOMAIN,
    mailboxes: [...people, ...rooms, service],
    roomLists: [{ address: address('rooms'), name: 'All Rooms', rooms: rooms.map((r) => r.address) }],
    groups: GROUPS.map(([local, name, members]) => ({
      address: address(local),
      name,
      members: members.map(address),
    })),
  };
}
