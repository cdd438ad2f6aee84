import {
  type CallOptions,
  EwsInvalidArgumentError,
  EwsProtocolError,
  integerInRange,
  positiveInteger,
} from '@ews/core';
import type { Mailbox } from '@ews/models';
import { DEFAULT_BULK_CONCURRENCY } from '../bulk/run-chunks.js';
import { wholeCall } from '../internal/call-deadline.js';
import { mapLimit } from '../internal/map-limit.js';
import type { BusyType, CalendarEvent } from '../operations/get-user-availability.js';
import {
  instant,
  mergeIntervals,
  type TimeInterval,
  type WorkingHours,
  workingIntervals,
} from '../operations/working-hours.js';
import type { Outcome } from '../outcome.js';
import type { AccountContext } from './account-context.js';
import { getAvailability } from './availability.js';
import { getRooms } from './directory.js';

export interface FindFreeRoomsOptions extends CallOptions {
  /** One room list or several (address or Mailbox): their rooms, expanded with GetRooms. */
  readonly roomList?: string | Mailbox | readonly (string | Mailbox)[] | undefined;
  /** Rooms by address or Mailbox (with or instead of `roomList`). */
  readonly rooms?: readonly (string | Mailbox)[] | undefined;
  /** The window to find free time in. */
  readonly start: Date;
  readonly end: Date;
  /** How long a free slot must last, in minutes (default: the whole window). */
  readonly durationMinutes?: number | undefined;
  /** A room is free only within its working hours (default true; a room without any is always open). */
  readonly honourWorkingHours?: boolean | undefined;
  /** Tentative bookings block a room (default true). */
  readonly tentativeIsBusy?: boolean | undefined;
  /**
   * Also fetch each room's events over this window (e.g. today) in the same requests: the
   * free/busy is asked once over both windows, and `events` holds what falls in either.
   */
  readonly schedule?: { readonly start: Date; readonly end: Date } | undefined;
  /** `Detailed` adds subjects and locations where the caller may see them (default `FreeBusy`). */
  readonly view?: 'FreeBusy' | 'Detailed' | undefined;
  /** Requests (GetRooms, GetUserAvailability) in flight at once (default 4). */
  readonly concurrency?: number | undefined;
}

export interface RoomSchedule {
  /** Whether at least one free slot of `durationMinutes` is in the window. */
  readonly free: boolean;
  /** The room's free time in [start, end): maximal intervals, each at least `durationMinutes` long. */
  readonly freeSlots: readonly TimeInterval[];
  /** The room's events in the window (and in `schedule`, when asked), by start time. */
  readonly events: readonly CalendarEvent[];
  readonly workingHours: WorkingHours | undefined;
}

/** One room: its schedule, or its own error (an unknown room is ErrorMailRecipientNotFound). */
export type RoomAvailability = Outcome<RoomSchedule> & {
  readonly room: Mailbox;
  /** The room list it came from (the first one, when it is in several). */
  readonly roomList: Mailbox | undefined;
};

interface RoomEntry {
  readonly room: Mailbox;
  readonly roomList: Mailbox | undefined;
}

const asMailbox = (entry: string | Mailbox): Mailbox =>
  typeof entry === 'string' ? { emailAddress: entry } : entry;

/**
 * Which rooms are free, and when, in [start, end): the room lists are expanded (GetRooms, at most
 * `concurrency` at once), every room's free/busy is asked in requests of at most 100 rooms, and a
 * room is free where it has no blocking event and — by default — is within its working hours.
 * Every room is in the result, in a stable order: the lists' order, each list's rooms by address,
 * then `rooms` in the order given; a room in several places is listed once. A room the server
 * does not know fails alone.
 */
export async function findFreeRooms(
  account: AccountContext,
  options: FindFreeRoomsOptions,
): Promise<readonly RoomAvailability[]> {
  const { start, end } = options;
  if (!(start instanceof Date) || !(end instanceof Date) || !(start.getTime() < end.getTime()))
    throw new EwsInvalidArgumentError('findFreeRooms needs start < end');
  const windowMinutes = (end.getTime() - start.getTime()) / 60_000;
  // A slot cannot be longer than the window it is in.
  const duration =
    options.durationMinutes === undefined
      ? windowMinutes
      : integerInRange('durationMinutes', options.durationMinutes, 1, Math.max(1, Math.floor(windowMinutes)));
  const schedule = options.schedule;
  if (
    schedule &&
    !(schedule.start instanceof Date && schedule.end instanceof Date && schedule.start < schedule.end)
  )
    throw new EwsInvalidArgumentError('findFreeRooms needs schedule.start < schedule.end');
  const lists =
    options.roomList === undefined
      ? []
      : (Array.isArray(options.roomList) ? options.roomList : [options.roomList]).map((l) =>
          asMailbox(l as string | Mailbox),
        );
  if (lists.length === 0 && options.rooms === undefined)
    throw new EwsInvalidArgumentError('findFreeRooms needs roomList or rooms');
  const concurrency = positiveInteger('concurrency', options.concurrency ?? DEFAULT_BULK_CONCURRENCY);
  const call = wholeCall({ signal: options.signal, timeoutMs: options.timeoutMs });

  const expanded = await mapLimit(lists, concurrency, call.signal, async (list) =>
    [...(await getRooms(account, list, call))]
      .sort((a, b) =>
        (a.emailAddress ?? '').toLowerCase().localeCompare((b.emailAddress ?? '').toLowerCase()),
      )
      .map((room): RoomEntry => ({ room, roomList: list })),
  );
  const seen = new Set<string>();
  const entries: RoomEntry[] = [];
  for (const entry of [
    ...expanded.flat(),
    ...(options.rooms ?? []).map((room): RoomEntry => ({ room: asMailbox(room), roomList: undefined })),
  ]) {
    const key = (entry.room.emailAddress ?? '').toLowerCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    entries.push(entry);
  }

  const queryStart = schedule && schedule.start < start ? schedule.start : start;
  const queryEnd = schedule && schedule.end > end ? schedule.end : end;
  const answers = await getAvailability(account, {
    ...call,
    mailboxes: entries.map((e) => ({ address: e.room.emailAddress ?? '', attendeeType: 'Room' as const })),
    start: queryStart,
    end: queryEnd,
    view: options.view ?? 'FreeBusy',
    concurrency,
  });
  const blocking = blockingTypes(options.tentativeIsBusy ?? true);
  const honour = options.honourWorkingHours ?? true;
  return entries.map((entry, index): RoomAvailability => {
    const answer = answers[index];
    const where = { room: entry.room, roomList: entry.roomList };
    if (!answer) {
      const error = new EwsProtocolError('GetUserAvailability gave no answer for this room', {
        operation: 'GetUserAvailability',
      });
      return { ...where, ok: false, error };
    }
    if (!answer.ok) return { ...where, ok: false, error: answer.error };
    const { events, workingHours } = answer.value;
    const freeSlots = freeTime({
      start,
      end,
      events,
      blocking,
      duration,
      workingHours: honour ? workingHours : undefined,
    });
    return {
      ...where,
      ok: true,
      value: {
        free: freeSlots.length > 0,
        freeSlots,
        events: [...events].sort((a, b) => a.start.getTime() - b.start.getTime()),
        workingHours,
      },
    };
  });
}

function blockingTypes(tentativeIsBusy: boolean): ReadonlySet<BusyType> {
  // NoData: the server cannot say the room is free, so it is not offered as free.
  const types: BusyType[] = ['Busy', 'OOF', 'NoData'];
  if (tentativeIsBusy) types.push('Tentative');
  return new Set(types);
}

/**
 * Free time in [start, end): open time (the working hours, or the whole window) minus every
 * blocking event, as maximal intervals at least `duration` minutes long.
 */
export function freeTime(input: {
  readonly start: Date;
  readonly end: Date;
  readonly events: readonly CalendarEvent[];
  readonly blocking: ReadonlySet<BusyType>;
  readonly duration: number;
  readonly workingHours: WorkingHours | undefined;
}): TimeInterval[] {
  const open: [number, number][] = input.workingHours
    ? workingIntervals(input.workingHours, input.start, input.end).map((i) => [
        i.start.getTime(),
        i.end.getTime(),
      ])
    : [[input.start.getTime(), input.end.getTime()]];
  const busy = mergeIntervals(
    input.events
      .filter((e) => input.blocking.has(e.busyType))
      .map((e) => [e.start.getTime(), e.end.getTime()] as const),
  );
  const free: TimeInterval[] = [];
  const needed = input.duration * 60_000;
  for (const [openStart, openEnd] of open) {
    let cursor = openStart;
    for (const [busyStart, busyEnd] of busy) {
      if (busyEnd <= cursor) continue;
      if (busyStart >= openEnd) break;
      if (busyStart - cursor >= needed) free.push({ start: instant(cursor), end: instant(busyStart) });
      cursor = Math.max(cursor, busyEnd);
    }
    if (openEnd - cursor >= needed) free.push({ start: instant(cursor), end: instant(openEnd) });
  }
  return free;
}
