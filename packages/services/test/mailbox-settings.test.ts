import { EwsError } from '@ews/core';
import { describe, expect, it } from 'vitest';
import type { Account } from '../src/index.js';
import { NOW, useHarness } from './helpers/harness.js';

let alice: Account;
let dave: Account;

const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
  dave = started.account('dave@contoso.test');
});

const DAY = 86_400_000;

describe('directory: mail tips and distribution lists', () => {
  it('expandDL returns the members the directory holds for the list', async () => {
    const members = await alice.expandDL('rooms@contoso.test');
    const list = harness.server.roomLists.find((l) => l.address === 'rooms@contoso.test');
    const rooms = harness.server.mailboxes.filter((m) => list?.rooms.includes(m.address));
    expect(rooms.length).toBeGreaterThan(0);
    expect(members.map((m) => m.emailAddress).sort()).toEqual(rooms.map((r) => r.address).sort());
    expect(members.map((m) => m.name).sort()).toEqual(rooms.map((r) => r.name).sort());
    await expect(alice.expandDL('no-such-list@contoso.test')).rejects.toSatisfy(
      (error) => EwsError.isInstance(error) && /ErrorNameResolutionNoResults/.test(String(error)),
    );
  });

  it('an automatic reply set with setOofSettings is read back and shows as the mail tip', async () => {
    expect((await dave.oofSettings()).state).toBe('Disabled');
    const settings = {
      state: 'Scheduled' as const,
      externalAudience: 'Known' as const,
      start: new Date(NOW.getTime() - DAY),
      end: new Date(NOW.getTime() + 3 * DAY),
      internalReply: 'Back on Thursday & reachable by phone.',
      externalReply: 'Out of office.',
    };
    await dave.setOofSettings(settings);
    expect(await dave.oofSettings()).toEqual(settings);

    const [tip, list, unknown] = await alice.mailTips(
      ['dave@contoso.test', 'rooms@contoso.test', 'nobody@contoso.test'],
      { tips: ['OutOfOfficeMessage', 'TotalMemberCount', 'InvalidRecipient'] },
    );
    expect(tip?.ok && tip.value.outOfOffice).toEqual({
      message: settings.internalReply,
      start: settings.start,
      end: settings.end,
    });
    expect(tip?.ok && tip.value.totalMemberCount).toBe(1);
    expect(tip?.ok && tip.value.invalidRecipient).toBe(false);
    const rooms = harness.server.roomLists.find((l) => l.address === 'rooms@contoso.test')?.rooms;
    expect(list?.ok && list.value.totalMemberCount).toBe(rooms?.length);
    expect(list?.ok && list.value.recipient.emailAddress).toBe('rooms@contoso.test');
    expect(unknown?.ok && unknown.value.invalidRecipient).toBe(true);

    await dave.setOofSettings({ state: 'Disabled', externalAudience: 'All' });
    const [after] = await alice.mailTips(['dave@contoso.test'], { tips: ['OutOfOfficeMessage'] });
    expect(after?.ok && after.value.outOfOffice).toEqual({ message: '' });
    expect(await alice.mailTips([])).toEqual([]);
  });

  it('a scheduled reply needs a window that ends after it starts', async () => {
    await expect(
      dave.setOofSettings({
        state: 'Scheduled',
        externalAudience: 'All',
        start: new Date(NOW.getTime() + DAY),
        end: NOW,
      }),
    ).rejects.toSatisfy(
      (error) => EwsError.isInstance(error) && /ErrorInvalidScheduledOofDuration/.test(String(error)),
    );
  });
});

describe('mailbox settings: delegates and inbox rules', () => {
  it('delegates lists who has full access, as the directory says', async () => {
    const { delegates, deliverMeetingRequests } = await alice.delegates();
    // The demo directory's one delegate relation: Grace (executive assistant) has full access to Alice.
    expect(delegates.map((d) => d.userId.primarySmtpAddress)).toEqual(['grace@contoso.test']);
    expect(delegates[0]?.permissions.calendar).toBe('Editor');
    expect(deliverMeetingRequests).toBe('DelegatesAndSendInformationToMe');
    expect((await dave.delegates({ includePermissions: false })).delegates).toEqual([]);
  });

  it('creates, lists and deletes inbox rules; invalid changes are refused as a whole', async () => {
    expect(await dave.inboxRules()).toEqual({ rules: [], outlookRuleBlobExists: false });
    const junk = await dave.createInboxRule({
      displayName: 'Lottery to junk',
      priority: 1,
      isEnabled: true,
      conditions: { containsSubjectStrings: ['lottery', 'winner'] },
      actions: { moveToFolder: { distinguishedId: 'junkemail' }, stopProcessingRules: true },
    });
    expect(junk.id).toBeTypeOf('string');
    const boss = await dave.createInboxRule({
      displayName: 'From the boss',
      priority: 1,
      isEnabled: false,
      conditions: { fromAddresses: ['alice@contoso.test'], hasAttachments: true },
      exceptions: { importance: 'Low' },
      actions: { markImportance: 'High', assignCategories: ['Boss'] },
    });
    const { rules } = await dave.inboxRules();
    expect(rules).toEqual([
      { ...boss, priority: 1 },
      { ...junk, priority: 2 },
    ]);
    expect(rules[0]).toEqual({
      id: boss.id,
      displayName: 'From the boss',
      priority: 1,
      isEnabled: false,
      conditions: { fromAddresses: ['alice@contoso.test'], hasAttachments: true },
      exceptions: { importance: 'Low' },
      actions: { assignCategories: ['Boss'], markImportance: 'High' },
    });

    await expect(dave.deleteInboxRule('no-such-rule')).rejects.toSatisfy(
      (error) => EwsError.isInstance(error) && /RuleNotFound/.test(String(error)),
    );
    await dave.deleteInboxRule(boss.id ?? '');
    expect((await dave.inboxRules()).rules.map((r) => [r.displayName, r.priority])).toEqual([
      ['Lottery to junk', 1],
    ]);
    // Another user's rules stay private.
    await expect(harness.account('erin@contoso.test', 'dave@contoso.test').inboxRules()).rejects.toSatisfy(
      (error) => EwsError.isInstance(error) && /ErrorAccessDenied/.test(String(error)),
    );
  });

  it('searchableMailboxes: the service account sees the directory, a user is denied', async () => {
    const service = harness.account('ews.service@contoso.test');
    const found = await service.searchableMailboxes({ searchFilter: 'room' });
    const rooms = harness.server.mailboxes.filter((m) =>
      `${m.address} ${m.name}`.toLowerCase().includes('room'),
    );
    expect(found.map((m) => (m.type === 'SearchableMailbox' ? m.primarySmtpAddress : m.mailbox))).toEqual(
      rooms.map((m) => m.address),
    );
    await expect(alice.searchableMailboxes()).rejects.toSatisfy(
      (error) => EwsError.isInstance(error) && /ErrorAccessDenied/.test(String(error)),
    );
  });

  it('honours an aborted signal', async () => {
    await expect(alice.oofSettings({ signal: AbortSignal.abort() })).rejects.toSatisfy(
      (error) => EwsError.isInstance(error) && error.code === 'EWS_ABORTED',
    );
  });
});
