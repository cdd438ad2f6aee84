import type { Command } from 'commander';
import type { ConnectionFlags } from '../config/settings.js';
import { CliError } from '../output/cli-error.js';
import { type IcsEvent, writeIcs } from '../output/ics.js';
import { formatInZone, parseTime, zoneOffsetMs } from '../output/time.js';
import { type JsonFlag, printJson, type Run, withConnectionOptions, withSession } from './command-kit.js';

/** One event of `ews calendar --json`. Times are ISO 8601 instants (UTC). */
export interface CalendarEventJson {
  readonly subject: string | undefined;
  readonly start: string;
  readonly end: string;
  readonly isAllDay: boolean;
  readonly location: string | undefined;
  readonly organizer: string | undefined;
  /** Free, Tentative, Busy, OOF, WorkingElsewhere, NoData. */
  readonly showAs: string | undefined;
  /** Single, Occurrence, Exception or RecurringMaster. */
  readonly type: string | undefined;
  readonly isCancelled: boolean;
  /** The iCalendar UID (the same for every occurrence of a series). */
  readonly uid: string | undefined;
  readonly itemId: string | undefined;
}

/** `ews calendar [mailbox] --json`. */
export interface CalendarJson {
  readonly mailbox: string;
  readonly from: string;
  readonly to: string;
  /** The zone `--from`/`--to` were read in and the text output is printed in. */
  readonly timeZone: string;
  readonly events: readonly CalendarEventJson[];
}

interface CalendarFlags extends ConnectionFlags, JsonFlag {
  readonly from?: string;
  readonly to?: string;
  readonly ics?: boolean;
}

const DAY = 86_400_000;

export function calendarCommand(program: Command, run: Run): void {
  withConnectionOptions(program.command('calendar'))
    .description('a calendar view: every occurrence in [from, to), recurring series expanded')
    .argument('[mailbox]', 'whose calendar (default: yours; another needs delegate access)')
    .option(
      '--from <time>',
      'start: 2026-03-02, 2026-03-02T09:00 (in --tz) or ISO with offset (default: today 00:00)',
    )
    .option('--to <time>', 'end, exclusive (default: 7 days after --from)')
    .option('--ics', 'print RFC 5545 iCalendar text instead')
    .action(async (mailbox: string | undefined, flags: CalendarFlags) => {
      if (flags.ics && flags.json) throw new CliError('INVALID_ARGUMENT', '--ics and --json: choose one');
      const result = await withSession(run, flags, async (session) => {
        const zone = session.settings.tz;
        const from = flags.from ? parseTime(flags.from, zone, '--from') : startOfToday(zone);
        const to = flags.to ? parseTime(flags.to, zone, '--to') : new Date(from.getTime() + 7 * DAY);
        if (to.getTime() <= from.getTime())
          throw new CliError('INVALID_ARGUMENT', '--to must be after --from');
        const owner = mailbox ?? session.settings.email;
        const account = session.mailbox(owner);
        const events: CalendarEventJson[] = [];
        const ics: IcsEvent[] = [];
        for await (const item of account.calendar.view({
          start: from,
          end: to,
          only: [
            'subject',
            'start',
            'end',
            'isAllDay',
            'location',
            'organizer',
            'legacyFreeBusyStatus',
            'type',
            'isCancelled',
            'uid',
            'originalStart',
          ],
          signal: run.context.signal,
        })) {
          if (!item.start || !item.end) continue;
          events.push({
            subject: item.subject,
            start: item.start.toISOString(),
            end: item.end.toISOString(),
            isAllDay: item.isAllDay === true,
            location: item.location,
            organizer: item.organizer?.emailAddress,
            showAs: item.legacyFreeBusyStatus,
            type: item.type,
            isCancelled: item.isCancelled === true,
            uid: item.uid,
            itemId: item.itemId?.id,
          });
          ics.push({
            uid: item.uid ?? item.itemId?.id ?? `${item.start.toISOString()}@ews`,
            subject: item.subject,
            start: item.start,
            end: item.end,
            isAllDay: item.isAllDay === true,
            location: item.location,
            organizer: item.organizer?.emailAddress,
            recurrenceId:
              item.type === 'Occurrence' || item.type === 'Exception'
                ? (item.originalStart ?? item.start)
                : undefined,
            status: item.isCancelled ? 'CANCELLED' : 'CONFIRMED',
            transparent: item.legacyFreeBusyStatus === 'Free',
          });
        }
        const json: CalendarJson = {
          mailbox: owner,
          from: from.toISOString(),
          to: to.toISOString(),
          timeZone: zone,
          events,
        };
        return { json, ics, zone };
      });
      if (flags.ics) {
        const dateInZone = (date: Date) => formatInZone(date, result.zone).slice(0, 10).replace(/-/g, '');
        run.out(writeIcs(result.ics, { now: new Date(), zone: result.zone, dateInZone }));
        return;
      }
      if (flags.json) return printJson(run, result.json);
      const { json } = result;
      run.out(
        `${json.mailbox}: ${json.events.length} events, ${formatInZone(new Date(json.from), json.timeZone)} to ${formatInZone(new Date(json.to), json.timeZone)} (${json.timeZone})\n`,
      );
      for (const event of json.events) {
        const when = event.isAllDay
          ? `${formatInZone(new Date(event.start), json.timeZone).slice(0, 10)} all day  `
          : `${formatInZone(new Date(event.start), json.timeZone)}-${formatInZone(new Date(event.end), json.timeZone).slice(11)}`;
        const where = event.location ? `  @ ${event.location}` : '';
        run.out(
          `${when}  ${event.subject ?? '(no subject)'}${where}${event.isCancelled ? '  [cancelled]' : ''}\n`,
        );
      }
    });
}

function startOfToday(zone: string): Date {
  const now = Date.now();
  const offset = zoneOffsetMs(now, zone);
  const localMidnight = Math.floor((now + offset) / DAY) * DAY;
  return new Date(localMidnight - zoneOffsetMs(localMidnight - offset, zone));
}
