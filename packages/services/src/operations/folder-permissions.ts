import { EwsInvalidArgumentError, el, type XmlFragment } from '@ews/core';
import {
  type CalendarPermission,
  type ExchangeVersion,
  type Permission,
  type PermissionSet,
  permissionSet,
} from '@ews/models';
import { fieldUriXml } from '../internal/xml.js';

/** Who a permission entry is for: the Default or Anonymous user, an SMTP address, or a SID. */
export type PermissionUser =
  | { readonly distinguishedUser: 'Default' | 'Anonymous' }
  | { readonly primarySmtpAddress: string }
  | { readonly sid: string };

type Entry = Permission | CalendarPermission;
type UserId = Entry['userId'];

// Rights a permission level stands for; written only with the level Custom (a named level sets them).
const SINGLE_RIGHTS = [
  'canCreateItems',
  'canCreateSubfolders',
  'isFolderOwner',
  'isFolderVisible',
  'isFolderContact',
  'editItems',
  'deleteItems',
  'readItems',
] as const;

/** The key two entries for the same user share: Default, Anonymous, a lower-cased address or a SID. */
export function permissionUserKey(user: UserId | PermissionUser, where: string): string {
  const u = user as Partial<Record<'distinguishedUser' | 'primarySmtpAddress' | 'sid', unknown>> | null;
  const named = [u?.distinguishedUser, u?.primarySmtpAddress, u?.sid].filter((v) => v !== undefined);
  if (named.length !== 1 || typeof named[0] !== 'string' || named[0] === '')
    throw new EwsInvalidArgumentError(
      `${where}: a permission's user is one of distinguishedUser (Default or Anonymous), primarySmtpAddress or sid`,
    );
  if (u?.distinguishedUser !== undefined) {
    if (u.distinguishedUser !== 'Default' && u.distinguishedUser !== 'Anonymous')
      throw new EwsInvalidArgumentError(`${where}: distinguishedUser must be Default or Anonymous`);
    return `distinguished:${u.distinguishedUser}`;
  }
  if (u?.primarySmtpAddress !== undefined) return `smtp:${String(u.primarySmtpAddress).toLowerCase()}`;
  return `sid:${String(u?.sid)}`;
}

/** An entry as written: its user as given, the single rights only with the level Custom. */
function writableEntry<E extends Entry>(entry: E, level: string | undefined): E {
  if (level === 'Custom') return entry;
  const out: Record<string, unknown> = { ...entry };
  for (const right of SINGLE_RIGHTS) delete out[right];
  // The user's display name is the server's to say.
  const { displayName: _name, ...userId } = entry.userId as UserId & { displayName?: string };
  out.userId = userId;
  return out as E;
}

/**
 * The set as written: either `permissions` (any folder) or `calendarPermissions` (calendar
 * folders, with the free/busy levels), non-empty, each user once; a named level without its single
 * rights (Exchange derives them), UnknownEntries left out (read-only).
 */
export function writablePermissionSet(set: PermissionSet): PermissionSet {
  if (typeof set !== 'object' || set === null)
    throw new EwsInvalidArgumentError('setPermissions needs a permission set');
  const calendar = set.calendarPermissions;
  const plain = set.permissions;
  if ((calendar === undefined) === (plain === undefined))
    throw new EwsInvalidArgumentError(
      'A permission set holds permissions (a folder) or calendarPermissions (a calendar folder), exactly one',
    );
  const entries: readonly Entry[] = calendar ?? plain ?? [];
  if (!Array.isArray(entries) || entries.length === 0)
    throw new EwsInvalidArgumentError(
      'A permission set needs at least one entry (a folder always has Default)',
    );
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const key = permissionUserKey(entry?.userId, `permission ${index}`);
    if (seen.has(key)) throw new EwsInvalidArgumentError(`permission ${index}: the same user appears twice`);
    seen.add(key);
  });
  return calendar !== undefined
    ? { calendarPermissions: calendar.map((e) => writableEntry(e, e.calendarPermissionLevel)) }
    : { permissions: (plain ?? []).map((e) => writableEntry(e, e.permissionLevel)) };
}

/**
 * SetFolderField of folder:PermissionSet. The value sits in a t:CalendarFolder for a
 * CalendarPermissionSet (types.xsd: only CalendarFolderType's PermissionSet takes
 * CalendarPermissions), in a t:Folder otherwise.
 */
export function setPermissionSetXml(set: PermissionSet, version: ExchangeVersion): XmlFragment {
  const writable = writablePermissionSet(set);
  const holder = writable.calendarPermissions !== undefined ? 't:CalendarFolder' : 't:Folder';
  const value = permissionSet.writeElement(
    't:PermissionSet',
    writable,
    { version, mode: 'create' },
    'PermissionSet',
  );
  return el('t:SetFolderField', {}, [fieldUriXml('folder:PermissionSet'), el(holder, {}, value)]);
}

/** The set with `entry` in place of the same user's entry, or added at the end. */
export function withPermission(set: PermissionSet, entry: Entry): PermissionSet {
  const key = permissionUserKey(entry?.userId, 'grantPermission');
  const isCalendarEntry = 'calendarPermissionLevel' in entry;
  if (set.calendarPermissions !== undefined) {
    if (!isCalendarEntry)
      throw new EwsInvalidArgumentError(
        'A calendar folder takes a CalendarPermission (calendarPermissionLevel)',
      );
    const rest = set.calendarPermissions.filter((e) => permissionUserKey(e.userId, 'permission') !== key);
    return {
      calendarPermissions: replaceAt(set.calendarPermissions, rest, entry as CalendarPermission, key),
    };
  }
  if (isCalendarEntry || !('permissionLevel' in entry))
    throw new EwsInvalidArgumentError(
      'This folder takes a Permission (permissionLevel), not a calendar permission',
    );
  const list = set.permissions ?? [];
  const rest = list.filter((e) => permissionUserKey(e.userId, 'permission') !== key);
  return { permissions: replaceAt(list, rest, entry as Permission, key) };
}

function replaceAt<E extends Entry>(list: readonly E[], rest: readonly E[], entry: E, key: string): E[] {
  const index = list.findIndex((e) => permissionUserKey(e.userId, 'permission') === key);
  if (index < 0) return [...rest, entry];
  return [...list.slice(0, index), entry, ...list.slice(index + 1)];
}

/**
 * The set without `user`'s entry. Default and Anonymous always have one (Exchange keeps them), so
 * theirs is set to the level None instead.
 */
export function withoutPermission(set: PermissionSet, user: PermissionUser): PermissionSet {
  const key = permissionUserKey(user, 'revokePermission');
  const distinguished = key.startsWith('distinguished:');
  if (set.calendarPermissions !== undefined)
    return {
      calendarPermissions: set.calendarPermissions.flatMap((e): CalendarPermission[] => {
        if (permissionUserKey(e.userId, 'permission') !== key) return [e];
        return distinguished ? [{ ...e, calendarPermissionLevel: 'None' }] : [];
      }),
    };
  return {
    permissions: (set.permissions ?? []).flatMap((e): Permission[] => {
      if (permissionUserKey(e.userId, 'permission') !== key) return [e];
      return distinguished ? [{ ...e, permissionLevel: 'None' }] : [];
    }),
  };
}
