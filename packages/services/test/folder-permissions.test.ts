import type { CalendarPermission, PermissionSet } from '@ews/models';
import { describe, expect, it } from 'vitest';
import { type Account, buildUpdateFolder, mailboxFolderRef } from '../src/index.js';
import { useHarness } from './helpers/harness.js';

const ALICE = 'alice@contoso.test';
const BOB = 'bob@contoso.test';
let alice: Account;
const harness = useHarness((started) => {
  alice = started.account(ALICE);
});

const levelOf = (set: PermissionSet, key: string): string | undefined => {
  const entry = [...(set.calendarPermissions ?? []), ...(set.permissions ?? [])].find(
    (e) => e.userId?.distinguishedUser === key || e.userId?.primarySmtpAddress?.toLowerCase() === key,
  );
  if (entry === undefined) return undefined;
  const levels = entry as { calendarPermissionLevel?: string; permissionLevel?: string };
  return levels.calendarPermissionLevel ?? levels.permissionLevel;
};

describe('folder permissions', () => {
  it('reads a calendar CalendarPermissionSet with its Default entry (GetFolder, folder:PermissionSet)', async () => {
    const set = await alice.calendar.permissions();
    expect(set.permissions).toBeUndefined();
    expect(levelOf(set, 'Default')).toBeDefined();
  });

  it('shares the calendar: Bob a Reviewer, Default free/busy only; the server derives the rights', async () => {
    await alice.calendar.grantPermission({
      userId: { primarySmtpAddress: BOB },
      calendarPermissionLevel: 'Reviewer',
    });
    await alice.calendar.grantPermission({
      userId: { distinguishedUser: 'Default' },
      calendarPermissionLevel: 'FreeBusyTimeOnly',
    });
    const set = await alice.calendar.permissions();
    expect(levelOf(set, BOB)).toBe('Reviewer');
    expect(levelOf(set, 'Default')).toBe('FreeBusyTimeOnly');
    const bob = set.calendarPermissions?.find((e) => e.userId?.primarySmtpAddress?.toLowerCase() === BOB);
    expect(bob).toMatchObject({ readItems: 'FullDetails', isFolderVisible: true, canCreateItems: false });
    const fallback = set.calendarPermissions?.find((e) => e.userId?.distinguishedUser === 'Default');
    expect(fallback?.readItems).toBe('TimeOnly');
  });

  it('takes an entry away; Default stays with the level None', async () => {
    await alice.calendar.revokePermission({ primarySmtpAddress: BOB });
    await alice.calendar.revokePermission({ distinguishedUser: 'Default' });
    const set = await alice.calendar.permissions();
    expect(levelOf(set, BOB)).toBeUndefined();
    expect(levelOf(set, 'Default')).toBe('None');
  });

  it('sets a mail folder PermissionSet (Permissions, not CalendarPermissions)', async () => {
    await alice.inbox.grantPermission({ userId: { primarySmtpAddress: BOB }, permissionLevel: 'Editor' });
    const set = await alice.inbox.permissions();
    expect(set.calendarPermissions).toBeUndefined();
    expect(levelOf(set, BOB)).toBe('Editor');
    await alice.inbox.setPermissions({
      permissions: (set.permissions ?? []).filter((e) => e.userId?.distinguishedUser),
    });
    expect(levelOf(await alice.inbox.permissions(), BOB)).toBeUndefined();
  });

  it('refuses what cannot be written before sending (EWS_INVALID_ARGUMENT)', async () => {
    const sent = harness.operations.length;
    const reviewer: CalendarPermission = {
      userId: { primarySmtpAddress: BOB },
      calendarPermissionLevel: 'Reviewer',
    };
    await expect(alice.inbox.grantPermission(reviewer)).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
    for (const set of [
      {},
      { calendarPermissions: [] },
      {
        calendarPermissions: [reviewer, { ...reviewer, userId: { primarySmtpAddress: 'BOB@contoso.test' } }],
      },
      { calendarPermissions: [reviewer], permissions: [] },
      { calendarPermissions: [{ ...reviewer, userId: {} }] },
    ] as PermissionSet[])
      await expect(alice.calendar.setPermissions(set)).rejects.toMatchObject({
        code: 'EWS_INVALID_ARGUMENT',
      });
    // The inbox grant read the permissions first; nothing was written.
    expect(harness.operations.slice(sent)).toEqual(['GetFolder']);
  });

  it('writes a CalendarPermissionSet in a t:CalendarFolder and a named level without its single rights', () => {
    const body = buildUpdateFolder({
      version: 'Exchange2016',
      changes: [
        {
          folder: mailboxFolderRef(ALICE, { distinguishedId: 'calendar' }),
          permissionSet: {
            calendarPermissions: [
              {
                userId: { distinguishedUser: 'Default', displayName: 'Default' },
                calendarPermissionLevel: 'Author',
                readItems: 'None',
              },
            ],
          },
        },
      ],
    }).xml;
    expect(body).toContain(
      '<t:CalendarFolder><t:PermissionSet><t:CalendarPermissions><t:CalendarPermission><t:UserId><t:DistinguishedUser>Default</t:DistinguishedUser></t:UserId><t:CalendarPermissionLevel>Author</t:CalendarPermissionLevel></t:CalendarPermission></t:CalendarPermissions></t:PermissionSet></t:CalendarFolder>',
    );
  });
});
