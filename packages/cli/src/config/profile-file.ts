import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CliContext } from '../context.js';
import { CliError } from '../output/cli-error.js';

/**
 * What a profile may hold: where and as whom to connect, never how to prove it. This table is the
 * only way into and out of the file: a profile is built field by field from it, so a password
 * (or anything else) cannot be written, and a file that holds one is refused when read.
 */
export const PROFILE_FIELDS = ['server', 'user', 'email', 'auth', 'ca', 'tz'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** One saved profile: `ews --profile NAME` (or `EWS_PROFILE=NAME`) reads it. */
export type Profile = { readonly [K in ProfileField]?: string | undefined };

/** The file: `{ "profiles": { "NAME": Profile } }`. */
export interface ProfileFile {
  readonly profiles: Readonly<Record<string, Profile>>;
}

const MAX_FILE_BYTES = 1_000_000;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** `$EWS_CONFIG`, else `$XDG_CONFIG_HOME/ews/profiles.json`, else `~/.config/ews/profiles.json`. */
export function profilePath(context: CliContext): string {
  const explicit = context.env.EWS_CONFIG;
  if (explicit) return explicit;
  const base = context.env.XDG_CONFIG_HOME || join(context.homeDir, '.config');
  return join(base, 'ews', 'profiles.json');
}

export function checkProfileName(name: string): string {
  if (!NAME.test(name)) {
    throw new CliError(
      'INVALID_PROFILE_NAME',
      `profile name ${JSON.stringify(name.slice(0, 64))}: use letters, digits, '.', '_' or '-' (at most 64)`,
    );
  }
  return name;
}

/** Reads the file; a missing file is no profiles. Anything else unexpected is refused, never guessed. */
export async function readProfileFile(path: string): Promise<ProfileFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw new CliError('PROFILE_FILE', `cannot read the profile file ${path}: ${(error as Error).message}`);
  }
  if (text.length > MAX_FILE_BYTES) {
    throw new CliError('PROFILE_FILE', `the profile file ${path} is larger than ${MAX_FILE_BYTES} bytes`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError('PROFILE_FILE', `the profile file ${path} is not JSON`);
  }
  const profiles = isRecord(parsed) ? parsed.profiles : undefined;
  if (!isRecord(profiles)) {
    throw new CliError('PROFILE_FILE', `the profile file ${path} must be {"profiles": {"NAME": {...}}}`);
  }
  const out: Record<string, Profile> = {};
  for (const [name, value] of Object.entries(profiles)) {
    checkProfileName(name);
    out[name] = profileFrom(value, `profile ${name} in ${path}`);
  }
  return { profiles: out };
}

/** Adds or replaces one profile, writing the file atomically (private to the user: 0600). */
export async function saveProfile(path: string, name: string, profile: Profile): Promise<Profile> {
  checkProfileName(name);
  const file = await readProfileFile(path);
  const clean = profileFrom(profile, `profile ${name}`);
  const next: ProfileFile = { profiles: { ...file.profiles, [name]: clean } };
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
  return clean;
}

function profileFrom(value: unknown, where: string): Profile {
  if (!isRecord(value)) throw new CliError('PROFILE_FILE', `${where} must be an object`);
  const out: Partial<Record<ProfileField, string>> = {};
  for (const [key, field] of Object.entries(value)) {
    if (!(PROFILE_FIELDS as readonly string[]).includes(key)) {
      const hint = /pass|secret|token/i.test(key)
        ? ': profiles never hold passwords or secrets; remove it'
        : '';
      throw new CliError(
        'PROFILE_FILE',
        `${where} has the field ${JSON.stringify(key.slice(0, 40))}${hint} (allowed: ${PROFILE_FIELDS.join(', ')})`,
      );
    }
    if (field === undefined) continue;
    if (typeof field !== 'string') throw new CliError('PROFILE_FILE', `${where}: ${key} must be a string`);
    out[key as ProfileField] = field;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
