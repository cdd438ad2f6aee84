import type { LegacyTimeZone } from '../calendar/legacy-time-zone.js';

export type MailboxKind = 'user' | 'room' | 'service';

/** A mailbox's working hours (GetUserAvailability's t:WorkingHours), in its own zone. */
export interface MailboxWorkingHours {
  /** 0 = Sunday … 6 = Saturday. */
  readonly days: readonly number[];
  /** Minutes after local midnight. */
  readonly startMinutes: number;
  readonly endMinutes: number;
  readonly zone: LegacyTimeZone;
}

/** A directory entry with its own mailbox. */
export interface DirectoryMailbox {
  readonly address: string;
  readonly name: string;
  readonly password: string;
  readonly kind: MailboxKind;
  readonly title?: string;
  readonly department?: string;
  readonly phone?: string;
  /** May act as any mailbox via ExchangeImpersonation (the ApplicationImpersonation role). */
  readonly canImpersonate?: boolean;
  /** Mailboxes this account has full access to (delegate access without impersonation). */
  readonly fullAccessTo?: readonly string[];
  /** Rooms: seats, shown by GetRooms-adjacent tooling. */
  readonly capacity?: number;
  /** Working hours; without them, Monday to Friday 08:00-17:00 in the asker's zone. */
  readonly workingHours?: MailboxWorkingHours;
  /** Has a user photo (GetUserPhoto); without one, GetUserPhoto answers 404. */
  readonly hasPhoto?: boolean;
}

export interface RoomList {
  readonly address: string;
  readonly name: string;
  readonly rooms: readonly string[];
}

/**
 * A public distribution group (MailboxType PublicDL): members are addresses of mailboxes or of
 * other groups, so groups nest (and, as in Active Directory, may nest in a cycle).
 */
export interface DistributionGroup {
  readonly address: string;
  readonly name: string;
  readonly members: readonly string[];
}

export interface Directory {
  readonly domain: string;
  readonly mailboxes: readonly DirectoryMailbox[];
  readonly roomLists: readonly RoomList[];
  /** Public distribution groups; absent: none. */
  readonly groups?: readonly DistributionGroup[];
}

export function findGroup(directory: Directory, address: string): DistributionGroup | undefined {
  const wanted = address.toLowerCase();
  return directory.groups?.find((g) => g.address.toLowerCase() === wanted);
}

export function findMailbox(directory: Directory, address: string): DirectoryMailbox | undefined {
  const wanted = address.toLowerCase();
  return directory.mailboxes.find((m) => m.address.toLowerCase() === wanted);
}

/** Whether `actor` may open `target`'s mailbox without impersonation. */
export function hasMailboxAccess(actor: DirectoryMailbox, target: DirectoryMailbox): boolean {
  if (actor.address.toLowerCase() === target.address.toLowerCase()) return true;
  const wanted = target.address.toLowerCase();
  return (actor.fullAccessTo ?? []).some((a) => a.toLowerCase() === wanted);
}
