import {
  Account,
  type Attendee,
  type CalendarItem,
  type CalendarItemModel,
  type Configuration,
  DELEGATE,
  type FieldName,
  IMPERSONATION,
  isResponseError,
  type Mailbox,
} from '@ews/client';

/** A person as Graph names one: `{ emailAddress: { address, name } }`. */
export interface GraphEmailAddress {
  readonly emailAddress: { readonly address: string; readonly name: string };
}

/** An event as the guide prints it: the shape Microsoft Graph returns, so apps can switch. */
export interface GraphEvent {
  readonly subject: string;
  readonly start: { readonly dateTime: string; readonly timeZone: 'UTC' };
  readonly end: { readonly dateTime: string; readonly timeZone: 'UTC' };
  readonly location: { readonly displayName: string };
  readonly organizer: GraphEmailAddress;
  /** Graph's attendee types: the required and optional attendees, and resources (rooms). */
  readonly attendees: readonly (GraphEmailAddress & {
    readonly type: 'required' | 'optional' | 'resource';
  })[];
  readonly body: { readonly contentType: 'html' | 'text'; readonly content: string };
  readonly isAllDay: boolean;
  readonly isCancelled: boolean;
  readonly isRecurring: boolean;
  readonly categories: readonly string[];
}

/**
 * The fields a GraphEvent is made of, asked for by the view. Attendees, organizer, body and
 * categories are fields FindItem cannot return: the view fetches them with one GetItem per 100
 * events and merges them in, so the port needs no GetItem per event.
 */
export const GRAPH_EVENT_FIELDS = [
  'subject',
  'start',
  'end',
  'location',
  'organizer',
  'requiredAttendees',
  'optionalAttendees',
  'resources',
  'body',
  'isAllDay',
  'isCancelled',
  'isRecurring',
  'categories',
] as const satisfies readonly FieldName<typeof CalendarItemModel>[];

function person(mailbox: Mailbox | undefined): GraphEmailAddress {
  return { emailAddress: { address: mailbox?.emailAddress ?? '', name: mailbox?.name ?? '' } };
}

function attendees(list: readonly Attendee[] | undefined, type: 'required' | 'optional' | 'resource') {
  return (list ?? []).map((attendee) => ({ ...person(attendee.mailbox), type }));
}

export function toGraphEvent(item: CalendarItem): GraphEvent {
  return {
    subject: item.subject ?? '',
    start: { dateTime: item.start?.toISOString() ?? '', timeZone: 'UTC' },
    end: { dateTime: item.end?.toISOString() ?? '', timeZone: 'UTC' },
    location: { displayName: item.location ?? '' },
    organizer: person(item.organizer),
    attendees: [
      ...attendees(item.requiredAttendees, 'required'),
      ...attendees(item.optionalAttendees, 'optional'),
      ...attendees(item.resources, 'resource'),
    ],
    body: {
      contentType: item.body?.bodyType === 'HTML' ? 'html' : 'text',
      content: item.body?.value ?? '',
    },
    isAllDay: item.isAllDay ?? false,
    isCancelled: item.isCancelled ?? false,
    isRecurring: item.isRecurring ?? false,
    categories: item.categories ?? [],
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/**
 * The guide's MeetingRoomManager: a service account that reads and books rooms. Room calendars
 * are read by impersonation (one Account per room, all sharing the Configuration's connections).
 */
export class RoomManager {
  readonly #config: Configuration;
  readonly #serviceAddress: string;

  constructor(config: Configuration, serviceAddress: string) {
    this.#config = config;
    this.#serviceAddress = serviceAddress;
  }

  /** The service account's own mailbox (delegate access). */
  get self(): Account {
    return new Account({
      primarySmtpAddress: this.#serviceAddress,
      config: this.#config,
      accessType: DELEGATE,
    });
  }

  mailbox(address: string): Account {
    return new Account({ primarySmtpAddress: address, config: this.#config, accessType: IMPERSONATION });
  }

  async listRooms(): Promise<string[]> {
    const rooms: string[] = [];
    for (const list of await this.self.getRoomLists()) {
      for (const room of await this.self.getRooms(list)) if (room.emailAddress) rooms.push(room.emailAddress);
    }
    return rooms;
  }

  async events(address: string, start: Date, end: Date): Promise<GraphEvent[]> {
    const view = this.mailbox(address).calendar.view({ start, end, only: GRAPH_EVENT_FIELDS });
    return (await collect(view)).map(toGraphEvent);
  }

  /** Free when the room's free/busy shows nothing in the window; a room the server refuses throws. */
  async isAvailable(room: string, start: Date, end: Date): Promise<boolean> {
    const [answer] = await this.self.getAvailability({
      mailboxes: [{ address: room, attendeeType: 'Room' }],
      start,
      end,
    });
    if (!answer) throw new Error(`no free/busy answer for ${room}`);
    if (!answer.ok) throw answer.error;
    return answer.value.events.every((event) => event.busyType === 'Free');
  }

  /**
   * Which rooms are free for the whole window, in one findFreeRooms call: free/busy asked in
   * requests of 100 rooms, each room's working hours honoured. A room the server refuses throws.
   */
  async availability(rooms: readonly string[], start: Date, end: Date): Promise<Record<string, boolean>> {
    const board = await this.self.findFreeRooms({ rooms, start, end });
    const free: Record<string, boolean> = {};
    for (const entry of board) {
      if (!entry.ok) throw entry.error;
      free[entry.room.emailAddress ?? ''] = entry.value.free;
    }
    return free;
  }

  /** Books the room from the organizer's mailbox; the room accepts on its own when free. */
  async bookRoom(options: {
    readonly organizer: string;
    readonly room: string;
    readonly subject: string;
    readonly start: Date;
    readonly end: Date;
    readonly attendees: readonly string[];
  }): Promise<{ readonly success: boolean; readonly error?: string }> {
    if (!(await this.isAvailable(options.room, options.start, options.end))) {
      return { success: false, error: `${options.room} is busy` };
    }
    try {
      await this.mailbox(options.organizer).bookRoom(options);
      return { success: true };
    } catch (error) {
      if (isResponseError(error)) return { success: false, error: `${error.responseCode}` };
      throw error;
    }
  }

  /** Every room's meetings for one day. */
  async schedules(rooms: readonly string[], day: Date): Promise<Record<string, GraphEvent[]>> {
    const start = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
    const end = new Date(start.getTime() + 86_400_000);
    const entries = await Promise.all(
      rooms.map(async (room) => [room, await this.events(room, start, end)] as const),
    );
    return Object.fromEntries(entries);
  }
}
