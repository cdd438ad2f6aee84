import type { Command } from 'commander';
import type { ConnectionFlags } from '../config/settings.js';
import { type JsonFlag, printJson, type Run, withConnectionOptions, withSession } from './command-kit.js';

/** `ews whoami --json`: who the server says you are, and which server answered. */
export interface WhoamiJson {
  /** The user name signed in with (never the password). */
  readonly user: string;
  /** The mailbox the commands act for (`--email`). */
  readonly mailbox: string;
  /** The directory's entry for it (ResolveNames), when it has one. */
  readonly directory:
    | {
        readonly name: string | undefined;
        readonly emailAddress: string | undefined;
        readonly mailboxType: string | undefined;
      }
    | undefined;
  /** The mailbox's Inbox as the server shows it to you (GetFolder): proves access to the mailbox. */
  readonly inbox: {
    readonly displayName: string | undefined;
    readonly totalCount: number | undefined;
    readonly unreadCount: number | undefined;
  };
  readonly server: {
    readonly endpoint: string;
    /** The build the server reported (e.g. `15.1.2507.6`). */
    readonly build: string | undefined;
    /** The product the build belongs to (`Exchange 2016`), when the build is one we know. */
    readonly product: string | undefined;
    /** The RequestServerVersion requests are sent with (e.g. `Exchange2013_SP1`). */
    readonly requestVersion: string | undefined;
  };
  readonly profile: string | undefined;
}

export function whoamiCommand(program: Command, run: Run): void {
  withConnectionOptions(program.command('whoami'))
    .description('who the server says you are, and its version')
    .action(async (flags: ConnectionFlags & JsonFlag) => {
      const result = await withSession(run, flags, async (session): Promise<WhoamiJson> => {
        const { me, settings } = session;
        const signal = run.context.signal;
        const inbox = await me.inbox.get({ signal });
        const matches = await me.resolveNames(settings.email, { signal });
        const entry =
          matches.find((match) => match.emailAddress?.toLowerCase() === settings.email.toLowerCase()) ??
          (matches.length === 1 ? matches[0] : undefined);
        const version = me.client.serverVersion;
        return {
          user: settings.user,
          mailbox: settings.email,
          directory: entry && {
            name: entry.name,
            emailAddress: entry.emailAddress,
            mailboxType: entry.mailboxType,
          },
          inbox: {
            displayName: inbox.displayName,
            totalCount: inbox.totalCount,
            unreadCount: inbox.unreadCount,
          },
          server: {
            endpoint: session.config.serviceEndpoint.href,
            build: version?.build.toString(),
            product: version && productOf(version.build.majorVersion, version.build.minorVersion),
            requestVersion: me.client.requestVersion,
          },
          profile: settings.profile,
        };
      });
      if (flags.json) return printJson(run, result);
      const name = result.directory?.name ? `${result.directory.name} <${result.mailbox}>` : result.mailbox;
      run.out(`${name}\n`);
      run.out(`  signed in as  ${result.user}\n`);
      run.out(
        `  inbox         ${result.inbox.totalCount ?? '?'} items, ${result.inbox.unreadCount ?? '?'} unread\n`,
      );
      run.out(
        `  server        ${result.server.endpoint} (${result.server.product ?? 'Exchange'} build ${result.server.build ?? 'unknown'})\n`,
      );
    });
}

/** Exchange's product lines by major.minor build (Microsoft's "Exchange Server build numbers"). */
const PRODUCTS: Readonly<Record<string, string>> = {
  '8.0': 'Exchange 2007',
  '8.1': 'Exchange 2007 SP1',
  '8.2': 'Exchange 2007 SP2',
  '8.3': 'Exchange 2007 SP3',
  '14.0': 'Exchange 2010',
  '14.1': 'Exchange 2010 SP1',
  '14.2': 'Exchange 2010 SP2',
  '14.3': 'Exchange 2010 SP3',
  '15.0': 'Exchange 2013',
  '15.1': 'Exchange 2016',
  '15.2': 'Exchange 2019',
};

export function productOf(major: number, minor: number): string | undefined {
  return PRODUCTS[`${major}.${minor}`];
}
