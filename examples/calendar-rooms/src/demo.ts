import { Configuration, Credentials } from '@ews/client';
import { RoomManager } from './room-manager.js';

export interface DemoOptions {
  readonly serviceEndpoint: string;
  /** The service account (impersonation rights on users and rooms). */
  readonly username: string;
  readonly password: string;
  readonly serviceAddress: string;
  /** The user whose calendar is listed and who organizes the booking. */
  readonly user: string;
  readonly attendees: readonly string[];
  readonly now: Date;
  readonly allowInsecureHttp?: boolean;
  readonly print?: (line: string) => void;
}

export interface DemoResult {
  readonly events: number;
  readonly rooms: readonly string[];
  readonly available: Readonly<Record<string, boolean>>;
  readonly booked: { readonly room: string | undefined; readonly success: boolean };
  readonly schedules: Readonly<Record<string, number>>;
}

/** The guide's flows in order: connect, 30 days of events, rooms, availability, booking, schedules. */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const config = new Configuration({
    serviceEndpoint: options.serviceEndpoint,
    credentials: new Credentials(options.username, options.password),
    allowInsecureHttp: options.allowInsecureHttp ?? false,
  });
  try {
    const manager = new RoomManager(config, options.serviceAddress);
    const start = options.now;
    const events = await manager.events(options.user, start, new Date(start.getTime() + 30 * 86_400_000));
    print(
      `Connected as ${options.username}; ${options.user} has ${events.length} events in the next 30 days`,
    );
    for (const event of events.slice(0, 3)) print(`  ${JSON.stringify(event)}`);

    const rooms = await manager.listRooms();
    print(`Rooms: ${rooms.join(', ')}`);
    // Tomorrow 15:00-16:00 UTC.
    const slotStart = new Date(
      Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + 1, 15),
    );
    const slotEnd = new Date(slotStart.getTime() + 3_600_000);
    // Every room at once (the guide asks room by room): free/busy in requests of 100 rooms.
    const available = await manager.availability(rooms, slotStart, slotEnd);
    for (const room of rooms) {
      print(`  ${room}: ${available[room] ? 'Available' : 'Busy'} ${slotStart.toISOString()}`);
    }
    const room = rooms.find((candidate) => available[candidate]);
    const result = room
      ? await manager.bookRoom({
          organizer: options.user,
          room,
          subject: 'Team Planning Meeting',
          start: slotStart,
          end: slotEnd,
          attendees: options.attendees,
        })
      : { success: false, error: 'no room is free' };
    print(
      result.success ? `Booked ${room} for ${slotStart.toISOString()}` : `Booking failed: ${result.error}`,
    );

    const schedules = await manager.schedules(rooms, slotStart);
    const counts: Record<string, number> = {};
    for (const [name, dayEvents] of Object.entries(schedules)) {
      counts[name] = dayEvents.length;
      print(`${name} - ${dayEvents.length} meetings on ${slotStart.toISOString().slice(0, 10)}`);
      for (const event of dayEvents) print(`  ${event.start.dateTime.slice(11, 16)}  ${event.subject}`);
    }
    return {
      events: events.length,
      rooms,
      available,
      booked: { room, success: result.success },
      schedules: counts,
    };
  } finally {
    await config.close();
  }
}
