import type { Directory } from '../directory/directory.js';

/** The six folders a delegate's permissions name, in t:DelegatePermissionsType's order. */
export const DELEGATE_FOLDERS = [
  'CalendarFolderPermissionLevel',
  'TasksFolderPermissionLevel',
  'InboxFolderPermissionLevel',
  'ContactsFolderPermissionLevel',
  'NotesFolderPermissionLevel',
  'JournalFolderPermissionLevel',
] as const;
export type DelegateFolder = (typeof DELEGATE_FOLDERS)[number];

/** A delegate of one mailbox (t:DelegateUserType) as the server keeps it. */
export interface StoredDelegate {
  readonly address: string;
  readonly name: string;
  permissions: Record<DelegateFolder, string>;
  receiveCopiesOfMeetingMessages: boolean;
  viewPrivateItems: boolean;
}

/** A seeded delegate's permissions (the demo's assistant edits calendar, tasks, inbox and contacts). */
const SEEDED_PERMISSIONS: Record<DelegateFolder, string> = {
  CalendarFolderPermissionLevel: 'Editor',
  TasksFolderPermissionLevel: 'Editor',
  InboxFolderPermissionLevel: 'Editor',
  ContactsFolderPermissionLevel: 'Editor',
  NotesFolderPermissionLevel: 'None',
  JournalFolderPermissionLevel: 'None',
};

/**
 * The delegates a mailbox starts with: the people (not service accounts) the directory gives full
 * access to it.
 */
export function seededDelegates(directory: Directory, owner: string): StoredDelegate[] {
  const wanted = owner.toLowerCase();
  return directory.mailboxes
    .filter((m) => m.kind === 'user' && (m.fullAccessTo ?? []).some((a) => a.toLowerCase() === wanted))
    .map((m) => ({
      address: m.address,
      name: m.name,
      permissions: { ...SEEDED_PERMISSIONS },
      receiveCopiesOfMeetingMessages: true,
      viewPrivateItems: false,
    }));
}
