import type { Command } from 'commander';
import type { ConnectionFlags } from '../config/settings.js';
import { CliError, EXIT } from '../output/cli-error.js';
import { formatInZone, parseDuration, parseTime } from '../output/time.js';
import { type JsonFlag, printJson, type Run, withConnectionOptions, withSession } from './command-kit.js';

/** `ews book --json`: the meeting created in your calendar. */
export interface BookJson {
  /** The new calendar item in your calendar. */
  readonly itemId: string;
  readonly changeKey: string | undefined;
  readonly room: string;
  readonly subject: string;
  readonly start: string;
  readonly end: string;
  readonly attendees: readonly string[];
  /** What the free/busy check said before booking (`false` only with --force). */
  readonly roomWasFree: boolean;
  readonly forced: boolean;
}

interface BookFlags extends ConnectionFlags, JsonFlag {
  readonly subject: string;
  readonly start: string;
  readonly duration: string;
  readonly attendees?: string[];
  readonly force?: boolean;
}

/**
 * Books a room the way Outlook does: a meeting in your calendar with the room as a resource, the
 * invitations sent, the room accepting or declining on its own. First the room's free/busy is
 * read: a room busy in the window is refused (exit code 3) unless --force, which sends the request
 * anyway (the room's own policy then decides; Exchange's rooms decline a conflict by default).
 */
export function bookCommand(program: Command, run: Run): void {
  withConnectionOptions(program.command('book'))
    .description('book a room: a meeting in your calendar with the room as a resource')
    .argument('<room>', "the room's email address")
    .requiredOption('--subject <text>', 'the meeting subject')
    .requiredOption('--start <time>', 'start: 2026-03-02T09:00 (in --tz) or ISO with offset')
    .requiredOption('--duration <minutes>', 'length: 30, 45m, 1h, 1h30m')
    .option('--attendees <address...>', 'people to invite (required attendees)')
    .option('--force', 'send the request even when the room looks busy')
    .action(async (room: string, flags: BookFlags) => {
      if (!room.includes('@'))
        throw new CliError(
          'INVALID_ARGUMENT',
          `room ${room.slice(0, 80)}: give its email address (ews rooms --list NAME shows them)`,
        );
      const signal = run.context.signal;
      let zone = '';
      const result = await withSession(run, flags, async ({ me, settings }): Promise<BookJson> => {
        zone = settings.tz;
        const start = parseTime(flags.start, settings.tz, '--start');
        const end = new Date(start.getTime() + parseDuration(flags.duration, '--duration') * 60_000);
        const [entry] = await me.findFreeRooms({
          rooms: [room],
          start,
          end,
          honourWorkingHours: false,
          signal,
        });
        if (!entry) throw new CliError('NO_ANSWER', `no free/busy answer for ${room}`);
        if (!entry.ok)
          throw new CliError(
            'ROOM_UNKNOWN',
            `cannot read the free/busy of ${room}: ${entry.error.message.slice(0, 300)}`,
          );
        const roomWasFree = entry.value.free;
        if (!roomWasFree && !flags.force) {
          const clash = entry.value.events[0];
          const when = clash
            ? ` (booked ${formatInZone(clash.start, settings.tz)}-${formatInZone(clash.end, settings.tz).slice(11)})`
            : '';
          throw new CliError(
            'ROOM_BUSY',
            `${room} is busy in that window${when}; pick another time or room, or --force to ask anyway`,
            EXIT.roomBusy,
          );
        }
        const attendees = flags.attendees ?? [];
        const ref = await me.bookRoom({ room, subject: flags.subject, start, end, attendees, signal });
        return {
          itemId: ref.id,
          changeKey: ref.changeKey,
          room,
          subject: flags.subject,
          start: start.toISOString(),
          end: end.toISOString(),
          attendees,
          roomWasFree,
          forced: !roomWasFree,
        };
      });
      if (flags.json) return printJson(run, result);
      run.out(
        `booked ${result.room}: ${result.subject}, ${formatInZone(new Date(result.start), zone)}-${formatInZone(new Date(result.end), zone).slice(11)} (${zone})${result.forced ? ' [forced: the room looked busy]' : ''}\n`,
      );
      if (result.attendees.length > 0) run.out(`  invited ${result.attendees.join(', ')}\n`);
    });
}
