import type { Command } from 'commander';
import { type Profile, profilePath, readProfileFile, saveProfile } from '../config/profile-file.js';
import { authName, ENV, timeZone } from '../config/settings.js';
import { CliError } from '../output/cli-error.js';
import { type JsonFlag, printJson, type Run } from './command-kit.js';

/** `ews profile save|list --json`. A profile never holds a password (see PROFILE_FIELDS). */
export interface ProfileJson {
  readonly path: string;
  readonly profiles: Readonly<Record<string, Profile>>;
}

interface SaveFlags extends JsonFlag {
  readonly server?: string;
  readonly user?: string;
  readonly email?: string;
  readonly auth?: string;
  readonly ca?: string;
  readonly tz?: string;
}

export function profileCommand(program: Command, run: Run): void {
  const profile = program
    .command('profile')
    .description(
      `saved connection settings (${'$EWS_CONFIG'} or ~/.config/ews/profiles.json); never a password`,
    );
  profile
    .command('save')
    .description(
      'save where and as whom to connect (flags, else EWS_SERVER / EWS_USERNAME / EWS_EMAIL); the password is never saved',
    )
    .argument('<name>', 'profile name (use "default" for the one read without --profile)')
    .option('--server <host|url>', 'Exchange host or EWS URL')
    .option('--user <name>', 'user name')
    .option('--email <address>', 'your mailbox address')
    .option('--auth <type>', 'basic, digest or ntlm')
    .option('--ca <file>', 'PEM file of CA certificates to trust')
    .option('--tz <zone>', 'IANA time zone')
    .option('--json', 'print the saved profile as JSON')
    .action(async (name: string, flags: SaveFlags) => {
      const env = run.context.env;
      const saved: Profile = {
        server: flags.server ?? env[ENV.server],
        user: flags.user ?? env[ENV.user],
        email: flags.email ?? env[ENV.email],
        auth: authName(flags.auth),
        ca: flags.ca,
        tz: flags.tz === undefined ? undefined : timeZone(flags.tz),
      };
      if (!saved.server && !saved.user && !saved.email) {
        throw new CliError(
          'INVALID_ARGUMENT',
          'nothing to save: give --server, --user or --email (or set EWS_SERVER, EWS_USERNAME, EWS_EMAIL)',
        );
      }
      const path = profilePath(run.context);
      const written = await saveProfile(path, name, saved);
      if (flags.json) return printJson(run, { path, profiles: { [name]: written } } satisfies ProfileJson);
      run.out(`saved profile ${name} in ${path} (no password: it comes from EWS_PASSWORD or a prompt)\n`);
    });
  profile
    .command('list')
    .description('the saved profiles')
    .option('--json', 'print them as JSON')
    .action(async (flags: JsonFlag) => {
      const path = profilePath(run.context);
      const file = await readProfileFile(path);
      if (flags.json) return printJson(run, { path, profiles: file.profiles } satisfies ProfileJson);
      const names = Object.keys(file.profiles);
      if (names.length === 0) run.out(`no profiles in ${path}\n`);
      for (const name of names) {
        const entry = file.profiles[name] ?? {};
        run.out(
          `${name}: ${entry.user ?? '?'} @ ${entry.server ?? '?'}${entry.email ? ` (${entry.email})` : ''}\n`,
        );
      }
    });
}
