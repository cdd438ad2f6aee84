import type { CliContext } from '../context.js';
import { CliError } from '../output/cli-error.js';
import { checkProfileName, type Profile, profilePath, readProfileFile } from './profile-file.js';

/** The connection flags (see `withConnectionOptions`; `doctor` takes the ones it uses). */
export interface ConnectionFlags {
  readonly server?: string | undefined;
  readonly user?: string | undefined;
  readonly email?: string | undefined;
  readonly auth?: string | undefined;
  readonly profile?: string | undefined;
  readonly ca?: string | undefined;
  readonly tz?: string | undefined;
}

export type SettingSource = 'flag' | 'env' | 'profile' | 'default';

/** Where and as whom to connect; the password is fetched separately (see password.ts). */
export interface Settings {
  /** A host name (`https://HOST/EWS/Exchange.asmx`) or a full EWS URL. */
  readonly server: string;
  readonly user: string;
  /** The caller's mailbox (default: the user name when it is an address). */
  readonly email: string;
  readonly auth: AuthName | undefined;
  /** A PEM file of CA certificates to trust (a private CA or a self-signed server). */
  readonly ca: string | undefined;
  /** IANA zone for reading and printing times (default: the host's). */
  readonly tz: string;
  readonly profile: string | undefined;
  /** Which layer each value came from. */
  readonly sources: Readonly<Record<'server' | 'user' | 'email', SettingSource>>;
}

export const AUTH_NAMES = ['basic', 'digest', 'ntlm'] as const;
export type AuthName = (typeof AUTH_NAMES)[number];

/** Environment variables read, per setting. The password's (`EWS_PASSWORD`) is read in password.ts. */
export const ENV = {
  server: 'EWS_SERVER',
  user: 'EWS_USERNAME',
  email: 'EWS_EMAIL',
  profile: 'EWS_PROFILE',
} as const;

/** The settings as the layers give them, before any is required (`ews doctor` needs none but the address). */
export interface SettingLayers {
  readonly server: string | undefined;
  readonly user: string | undefined;
  readonly email: string | undefined;
  readonly auth: AuthName | undefined;
  readonly ca: string | undefined;
  readonly tz: string;
  readonly profile: string | undefined;
  readonly sources: Readonly<Record<'server' | 'user' | 'email', SettingSource>>;
}

/**
 * Flags win over environment variables, which win over the profile. The profile is `--profile`,
 * else `EWS_PROFILE`, else the one named `default` when the file has it.
 */
export async function resolveSettingLayers(
  flags: ConnectionFlags,
  context: CliContext,
): Promise<SettingLayers> {
  const profileName = flags.profile ?? context.env[ENV.profile];
  const file = await readProfileFile(profilePath(context));
  let profile: Profile = {};
  if (profileName !== undefined) {
    checkProfileName(profileName);
    const found = file.profiles[profileName];
    if (!found) throw new CliError('NO_SUCH_PROFILE', `no profile ${profileName} in ${profilePath(context)}`);
    profile = found;
  } else if (file.profiles.default) {
    profile = file.profiles.default;
  }
  const usedProfile = profileName ?? (file.profiles.default ? 'default' : undefined);

  const pick = (key: 'server' | 'user' | 'email'): [string | undefined, SettingSource] => {
    const fromFlag = flags[key];
    if (fromFlag) return [fromFlag, 'flag'];
    const fromEnv = context.env[ENV[key]];
    if (fromEnv) return [fromEnv, 'env'];
    const fromProfile = profile[key];
    if (fromProfile) return [fromProfile, 'profile'];
    return [undefined, 'default'];
  };
  const [server, serverSource] = pick('server');
  const [user, userSource] = pick('user');
  let [email, emailSource] = pick('email');
  if (!email && user?.includes('@')) [email, emailSource] = [user, 'default'];
  return {
    server,
    user,
    email,
    auth: authName(flags.auth ?? profile.auth),
    ca: flags.ca ?? profile.ca,
    tz: timeZone(flags.tz ?? profile.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone),
    profile: usedProfile,
    sources: { server: serverSource, user: userSource, email: emailSource },
  };
}

/** The settings every command but `doctor` needs: the layers, with server, user and mailbox required. */
export async function resolveSettings(flags: ConnectionFlags, context: CliContext): Promise<Settings> {
  const { server, user, email, ...rest } = await resolveSettingLayers(flags, context);
  if (!server) throw missing('server', '--server HOST|URL', ENV.server);
  if (!user) throw missing('user name', '--user NAME', ENV.user);
  if (!email) throw missing('mailbox address', '--email ADDRESS', ENV.email);
  return { server, user, email, ...rest };
}

function missing(what: string, flag: string, env: string): CliError {
  return new CliError(
    'MISSING_SETTING',
    `no ${what}: give ${flag}, set ${env}, or save it in a profile (ews profile save)`,
  );
}

export function authName(value: string | undefined): AuthName | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if ((AUTH_NAMES as readonly string[]).includes(lower)) return lower as AuthName;
  throw new CliError('INVALID_AUTH', `--auth ${value.slice(0, 20)}: one of ${AUTH_NAMES.join(', ')}`);
}

export function timeZone(value: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value;
  } catch {
    throw new CliError(
      'INVALID_TIME_ZONE',
      `--tz ${value.slice(0, 64)}: not a time zone (use an IANA name such as Europe/Oslo)`,
    );
  }
}
