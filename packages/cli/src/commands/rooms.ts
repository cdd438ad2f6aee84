import type { Account, Mailbox } from '@ews/client';
import type { Command } from 'commander';
import type { ConnectionFlags } from '../config/settings.js';
import { CliError } from '../output/cli-error.js';
import { formatInZone, parseTime } from '../output/time.js';
import { type JsonFlag, printJson, type Run, withConnectionOptions, withSession } from './command-kit.js';

/** A room or a room list. */
export interface MailboxJson {
  readonly name: string | undefined;
  readonly emailAddress: string | undefined;
}

/** One room of `ews rooms --free --json`. */
export interface FreeRoomJson extends MailboxJson {
  readonly roomList: string | undefined;
  /** Free for the whole window (within its working hours). Absent when `error` is set. */
  readonly free: boolean | undefined;
  /** Its free time in the window, ISO instants. */
  readonly freeSlots: readonly { readonly start: string; readonly end: string }[];
  /** Why its free/busy could not be read (e.g. ErrorMailRecipientNotFound). */
  readonly error: string | undefined;
}

/**
 * `ews rooms --json`: the room lists (`kind: 'lists'`), one list's rooms (`--list`, `kind:
 * 'rooms'`) or which rooms are free (`--free`, `kind: 'free'`).
 */
export type RoomsJson =
  | { readonly kind: 'lists'; readonly roomLists: readonly MailboxJson[] }
  | { readonly kind: 'rooms'; readonly roomList: MailboxJson; readonly rooms: readonly MailboxJson[] }
  | {
      readonly kind: 'free';
      readonly from: string;
      readonly to: string;
      readonly rooms: readonly FreeRoomJson[];
    };

interface RoomsFlags extends ConnectionFlags, JsonFlag {
  readonly list?: string;
  readonly free?: boolean;
  readonly from?: string;
  readonly to?: string;
}

const mailboxJson = (mailbox: Mailbox): MailboxJson => ({
  name: mailbox.name,
  emailAddress: mailbox.emailAddress,
});

/** A room list by address, or by its display name (case-insensitive) among the published lists. */
export async function findRoomList(account: Account, name: string, signal: AbortSignal): Promise<Mailbox> {
  const lists = await account.getRoomLists({ signal });
  const wanted = name.toLowerCase();
  const found = lists.find(
    (list) => list.emailAddress?.toLowerCase() === wanted || list.name?.toLowerCase() === wanted,
  );
  if (found) return found;
  if (name.includes('@')) return { emailAddress: name };
  const known = lists.map((list) => list.name ?? list.emailAddress).join(', ') || 'none';
  throw new CliError(
    'NO_SUCH_ROOM_LIST',
    `no room list ${JSON.stringify(name.slice(0, 80))} (room lists: ${known})`,
  );
}

export function roomsCommand(program: Command, run: Run): void {
  withConnectionOptions(program.command('rooms'))
    .description('room lists, the rooms of a list, and which rooms are free')
    .option('--list <name>', "a room list's name or address: its rooms")
    .option('--free', 'which rooms are free in [--from, --to) (every list, or --list)')
    .option('--from <time>', 'with --free: start (default: now)')
    .option('--to <time>', 'with --free: end (default: an hour after --from)')
    .action(async (flags: RoomsFlags) => {
      const signal = run.context.signal;
      if (!flags.free && (flags.from || flags.to))
        throw new CliError('INVALID_ARGUMENT', '--from and --to go with --free');
      let zone = '';
      const result = await withSession(run, flags, async ({ me, settings }): Promise<RoomsJson> => {
        zone = settings.tz;
        if (flags.free) {
          const from = flags.from ? parseTime(flags.from, settings.tz, '--from') : new Date();
          const to = flags.to
            ? parseTime(flags.to, settings.tz, '--to')
            : new Date(from.getTime() + 3_600_000);
          if (to.getTime() <= from.getTime())
            throw new CliError('INVALID_ARGUMENT', '--to must be after --from');
          const lists = flags.list
            ? [await findRoomList(me, flags.list, signal)]
            : await me.getRoomLists({ signal });
          if (lists.length === 0)
            return { kind: 'free', from: from.toISOString(), to: to.toISOString(), rooms: [] };
          const board = await me.findFreeRooms({ roomList: lists, start: from, end: to, signal });
          return {
            kind: 'free',
            from: from.toISOString(),
            to: to.toISOString(),
            rooms: board.map((entry) => ({
              ...mailboxJson(entry.room),
              roomList: entry.roomList?.emailAddress,
              free: entry.ok ? entry.value.free : undefined,
              freeSlots: entry.ok
                ? entry.value.freeSlots.map((slot) => ({
                    start: slot.start.toISOString(),
                    end: slot.end.toISOString(),
                  }))
                : [],
              error: entry.ok ? undefined : entry.error.message.slice(0, 300),
            })),
          };
        }
        if (flags.list) {
          const list = await findRoomList(me, flags.list, signal);
          const rooms = await me.getRooms(list, { signal });
          return { kind: 'rooms', roomList: mailboxJson(list), rooms: rooms.map(mailboxJson) };
        }
        return { kind: 'lists', roomLists: (await me.getRoomLists({ signal })).map(mailboxJson) };
      });
      if (flags.json) return printJson(run, result);
      const line = (entry: MailboxJson) => `${entry.name ?? ''} <${entry.emailAddress ?? '?'}>`;
      if (result.kind === 'lists') {
        if (result.roomLists.length === 0) run.out('no room lists\n');
        for (const list of result.roomLists) run.out(`${line(list)}\n`);
      } else if (result.kind === 'rooms') {
        run.out(`${line(result.roomList)}: ${result.rooms.length} rooms\n`);
        for (const room of result.rooms) run.out(`  ${line(room)}\n`);
      } else {
        run.out(
          `free from ${formatInZone(new Date(result.from), zone)} to ${formatInZone(new Date(result.to), zone)}:\n`,
        );
        for (const room of result.rooms) {
          const state = room.error ? `error: ${room.error}` : room.free ? 'free' : 'busy';
          run.out(`  ${state.padEnd(5)} ${line(room)}\n`);
        }
      }
    });
}
