import type { Attendee, CalendarData, Person } from '../store/item-model.js';

type ListKey = 'requiredAttendees' | 'optionalAttendees' | 'resources';

/** How UpdateItem changes one of a calendar item's attendee lists (given the people the request names). */
export interface AttendeeListUpdater {
  readonly uri: string;
  /** Element name inside the item. */
  readonly xml: string;
  /** SetItemField (people) and DeleteItemField (undefined: the list is emptied). */
  readonly apply: (data: CalendarData, people: readonly Person[] | undefined) => void;
  /** AppendToItemField: the people join the list; who is on it already stays once. */
  readonly append: (data: CalendarData, people: readonly Person[]) => void;
}

const sameAddress = (a: Person, b: Person) => a.address.toLowerCase() === b.address.toLowerCase();

/**
 * The list the request names, as attendees: whoever was on any of the item's lists keeps the answer
 * the organizer's copy recorded (moving from optional to required is not a new invitation); newcomers
 * have not answered (Unknown until update-item knows whether they are invited). A person named twice
 * is listed once. Responses the request carries are the server's to track, not the client's to set.
 */
function attendeesFor(data: CalendarData, people: readonly Person[]): Attendee[] {
  const known = [...data.requiredAttendees, ...data.optionalAttendees, ...data.resources];
  const list: Attendee[] = [];
  for (const person of people) {
    if (list.some((a) => sameAddress(a.person, person))) continue;
    const previous = known.find((a) => sameAddress(a.person, person));
    list.push(
      previous === undefined
        ? { person, responseType: 'Unknown' }
        : {
            person,
            responseType: previous.responseType,
            ...(previous.lastResponseTime === undefined
              ? {}
              : { lastResponseTime: previous.lastResponseTime }),
          },
    );
  }
  return list;
}

/** Attendees make an appointment a meeting; it stays one when they are all removed again. */
function setList(data: CalendarData, key: ListKey, list: Attendee[]): void {
  data[key] = list;
  if (list.length > 0) data.isMeeting = true;
}

function listUpdater(uri: string, xml: string, key: ListKey): AttendeeListUpdater {
  return {
    uri,
    xml,
    apply: (data, people) => setList(data, key, people === undefined ? [] : attendeesFor(data, people)),
    append: (data, people) =>
      setList(data, key, attendeesFor(data, [...data[key].map((a) => a.person), ...people])),
  };
}

export const ATTENDEE_LIST_UPDATERS: readonly AttendeeListUpdater[] = [
  listUpdater('calendar:RequiredAttendees', 'RequiredAttendees', 'requiredAttendees'),
  listUpdater('calendar:OptionalAttendees', 'OptionalAttendees', 'optionalAttendees'),
  listUpdater('calendar:Resources', 'Resources', 'resources'),
];

/** Everyone on a calendar item's three lists. */
export function allAttendees(data: CalendarData): Attendee[] {
  return [...data.requiredAttendees, ...data.optionalAttendees, ...data.resources];
}

/**
 * After all of one UpdateItem's changes: whoever was on any list before keeps the answer recorded then,
 * whichever list they are on now (the changes may have emptied one list before filling another).
 */
export function keepResponses(before: CalendarData, after: CalendarData): void {
  const old = allAttendees(before);
  for (const attendee of allAttendees(after)) {
    const previous = old.find((o) => sameAddress(o.person, attendee.person));
    if (previous === undefined) continue;
    attendee.responseType = previous.responseType;
    if (previous.lastResponseTime === undefined) delete attendee.lastResponseTime;
    else attendee.lastResponseTime = previous.lastResponseTime;
  }
}

/** The attendees of `after` who were on none of the lists of `before`. */
export function addedAttendees(before: CalendarData, after: CalendarData): Attendee[] {
  const old = allAttendees(before);
  return allAttendees(after).filter((a) => !old.some((o) => sameAddress(o.person, a.person)));
}

/** The attendees of `before` who are on none of the lists of `after`. */
export function removedAttendees(before: CalendarData, after: CalendarData): Attendee[] {
  return addedAttendees(after, before);
}
