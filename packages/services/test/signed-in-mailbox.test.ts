import { readFileSync } from 'node:fs';
import { EwsClient } from '@ews/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account } from '../src/index.js';
import { SIGNED_IN_MAILBOX_OPERATIONS } from '../src/internal/signed-in-mailbox.js';
import { type Harness, startHarness } from './helpers/harness.js';

// Operations whose request names no mailbox answer for the mailbox Exchange acts as. Through
// delegate access that is the signed-in user's, so on an Account for another mailbox they must be
// refused before anything is sent, never answered for the wrong mailbox.

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

/** An Account as a caller makes it, with or without signedInAs. */
function account(
  username: string,
  mailbox: string,
  extra: { accessType?: 'delegate' | 'impersonation'; signedInAs?: string } = {},
): Account {
  return new Account({ primarySmtpAddress: mailbox, client: harness.client(username), ...extra });
}

const refusedBeforeSending = async (call: () => Promise<unknown>) => {
  const sent = harness.operations.length;
  await expect(call()).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
  expect(harness.operations.length).toBe(sent);
};

const VERBS: Readonly<Record<string, (a: Account) => Promise<unknown>>> = {
  GetReminders: (a) => a.reminders(),
  GetUserRetentionPolicyTags: (a) => a.retentionPolicyTags(),
};

describe('operations that name no mailbox', () => {
  it('the table holds operations of the schema whose request has no mailbox element', () => {
    const messages = readFileSync(
      new URL('../../../tools/ews-schema/schema/messages.xsd', import.meta.url),
      'utf8',
    );
    for (const operation of Object.keys(SIGNED_IN_MAILBOX_OPERATIONS)) {
      const type = new RegExp(`<xs:complexType name="${operation}Type">([\\s\\S]*?)</xs:complexType>`).exec(
        messages,
      );
      expect(type, `${operation}Type in messages.xsd`).not.toBeNull();
      expect(type?.[1] ?? '', `${operation} has a mailbox slot: it leaves the table`).not.toMatch(/Mailbox/);
      expect(VERBS[operation], `${operation} has a verb in this test`).toBeTypeOf('function');
    }
  });

  it.each(Object.keys(VERBS))(
    '%s on a delegate account for another mailbox is refused, nothing sent',
    async (operation) => {
      const verb = VERBS[operation] ?? (() => Promise.resolve());
      // Bob works on Alice's mailbox: Exchange would answer with Bob's own.
      await refusedBeforeSending(() =>
        verb(account('bob@contoso.test', 'alice@contoso.test', { signedInAs: 'bob@contoso.test' })),
      );
      // Who signs in is not known: it cannot be told apart from the owner, so it is refused too.
      await refusedBeforeSending(() => verb(account('alice@contoso.test', 'alice@contoso.test')));
    },
  );

  it.each(Object.keys(VERBS))('%s runs for the owner and through impersonation', async (operation) => {
    const verb = VERBS[operation] ?? (() => Promise.resolve());
    await expect(
      verb(account('alice@contoso.test', 'alice@contoso.test', { signedInAs: 'Alice@Contoso.test' })),
    ).resolves.toBeDefined();
    await expect(
      verb(account('ews.service@contoso.test', 'alice@contoso.test', { accessType: 'impersonation' })),
    ).resolves.toBeDefined();
  });

  it('signedInAs must be an address', () => {
    expect(
      () =>
        new Account({
          primarySmtpAddress: 'alice@contoso.test',
          client: new EwsClient({ url: 'https://x.test/EWS/Exchange.asmx' }),
          signedInAs: 'CONTOSO\\alice',
        }),
    ).toThrow(expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' }));
  });
});
