import { EwsError, EwsResponseError } from '@ews/core';
import { describe, expect, it } from 'vitest';
import type { Account, DelegateUser, Outcome } from '../src/index.js';
import { NOW, useHarness } from './helpers/harness.js';

let carol: Account;
let erin: Account;

const harness = useHarness((started) => {
  carol = started.account('carol@contoso.test');
  erin = started.account('erin@contoso.test');
});

const codes = (outcomes: readonly Outcome<unknown>[]) =>
  outcomes.map((o) =>
    o.ok ? 'ok' : o.error instanceof EwsResponseError ? o.error.responseCode : o.error.name,
  );

describe('delegates written: AddDelegate / UpdateDelegate / RemoveDelegate', () => {
  it('adds, changes and removes delegates; GetDelegate shows each change; outcomes pair with users in order', async () => {
    expect((await carol.delegates()).delegates).toEqual([]);
    const added = await carol.addDelegates(
      [
        {
          user: 'dave@contoso.test',
          permissions: { calendar: 'Editor', inbox: 'Reviewer', contacts: 'Author' },
          receiveCopiesOfMeetingMessages: true,
          viewPrivateItems: true,
        },
        { user: 'nobody@contoso.test' },
        { user: { primarySmtpAddress: 'carol@contoso.test' } },
      ],
      { deliverMeetingRequests: 'DelegatesOnly' },
    );
    expect(codes(added)).toEqual(['ok', 'ErrorDelegateNoUser', 'ErrorDelegateCannotAddOwner']);
    const [dave] = added as [Outcome<DelegateUser>];
    expect(dave.ok && dave.value.permissions).toEqual({
      calendar: 'Editor',
      tasks: 'None',
      inbox: 'Reviewer',
      contacts: 'Author',
      notes: 'None',
      journal: 'None',
    });

    let listed = await carol.delegates();
    expect(listed.delegates.map((d) => d.userId.primarySmtpAddress)).toEqual(['dave@contoso.test']);
    expect(listed.delegates[0]?.viewPrivateItems).toBe(true);
    expect(listed.deliverMeetingRequests).toBe('DelegatesOnly');

    const again = await carol.addDelegates([{ user: 'dave@contoso.test' }]);
    expect(codes(again)).toEqual(['ErrorDelegateAlreadyExists']);

    const updated = await carol.updateDelegates(
      [
        { user: 'erin@contoso.test' },
        { user: 'dave@contoso.test', permissions: { tasks: 'Editor' }, viewPrivateItems: false },
      ],
      { deliverMeetingRequests: 'DelegatesAndSendInformationToMe' },
    );
    expect(codes(updated)).toEqual(['ErrorNotDelegate', 'ok']);
    listed = await carol.delegates();
    expect(listed.delegates[0]?.permissions.tasks).toBe('Editor');
    expect(listed.delegates[0]?.permissions.calendar).toBe('Editor');
    expect(listed.delegates[0]?.viewPrivateItems).toBe(false);
    expect(listed.deliverMeetingRequests).toBe('DelegatesAndSendInformationToMe');

    // Only where meeting requests go: no DelegateUsers, no per-user messages.
    expect(await carol.updateDelegates([], { deliverMeetingRequests: 'DelegatesAndMe' })).toEqual([]);
    expect((await carol.delegates()).deliverMeetingRequests).toBe('DelegatesAndMe');

    const removed = await carol.removeDelegates([
      'dave@contoso.test',
      { primarySmtpAddress: 'dave@contoso.test' },
    ]);
    expect(codes(removed)).toEqual(['ok', 'ErrorNotDelegate']);
    expect((await carol.delegates()).delegates).toEqual([]);

    // A mailbox the caller cannot open fails the whole request.
    await expect(
      harness
        .account('erin@contoso.test', 'carol@contoso.test')
        .addDelegates([{ user: 'erin@contoso.test' }]),
    ).rejects.toSatisfy(
      (error) => error instanceof EwsResponseError && error.responseCode === 'ErrorAccessDenied',
    );
  });

  it('refuses what Exchange cannot set before sending anything', async () => {
    const sent = harness.operations.length;
    const refused = (call: Promise<unknown>) =>
      expect(call).rejects.toSatisfy(
        (error) => EwsError.isInstance(error) && error.code === 'EWS_INVALID_ARGUMENT',
      );
    await refused(carol.addDelegates([]));
    await refused(
      carol.addDelegates([{ user: 'dave@contoso.test', permissions: { calendar: 'Custom' as never } }]),
    );
    await refused(
      carol.addDelegates([{ user: 'dave@contoso.test', permissions: { drafts: 'Editor' } as never }]),
    );
    await refused(carol.addDelegates([{ user: { sid: 'S-1-5', primarySmtpAddress: 'x@y' } as never }]));
    await refused(carol.addDelegates([{ user: '' }]));
    await refused(carol.updateDelegates([]));
    await refused(carol.removeDelegates([]));
    await refused(
      carol.addDelegates([{ user: 'dave@contoso.test' }], { deliverMeetingRequests: 'Sometimes' as never }),
    );
    expect(harness.operations.length).toBe(sent);
  });
});

describe('GetPasswordExpirationDate and GetUserRetentionPolicyTags', () => {
  it('reads the expiry and the tags the test server holds', async () => {
    // The test server: passwords set when first asked about, expiring after AD's default 42 days.
    expect(await erin.passwordExpiration()).toEqual(new Date(NOW.getTime() + 42 * 86_400_000));
    const tags = await erin.retentionPolicyTags();
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) {
      expect(tag.retentionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof tag.isArchive).toBe('boolean');
    }
    expect(tags.some((t) => t.type === 'Personal' && t.retentionAction === 'DeleteAndAllowRecovery')).toBe(
      true,
    );
    expect(tags.some((t) => t.type === 'All' && t.retentionAction === 'MoveToArchive' && t.isArchive)).toBe(
      true,
    );
    await expect(
      harness.account('erin@contoso.test', 'alice@contoso.test').passwordExpiration(),
    ).rejects.toSatisfy((error) => EwsError.isInstance(error) && /ErrorAccessDenied/.test(String(error)));
  });
});
