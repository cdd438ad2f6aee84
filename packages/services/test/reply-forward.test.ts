import { beforeAll, describe, expect, it } from 'vitest';
import type { Account, ItemRef } from '../src/index.js';
import { useHarness } from './helpers/harness.js';
import { mailboxState, type ServerItem } from './helpers/server-state.js';

/** A stored item with the message fields the server keeps (read from its saved state). */
interface ServerMessage extends ServerItem {
  readonly body: string;
  readonly message?: {
    readonly isRead?: boolean;
    readonly isDraft?: boolean;
    readonly from?: { readonly address: string };
    readonly to: readonly { readonly address: string }[];
    readonly cc: readonly { readonly address: string }[];
  };
}

let alice: Account;
let bob: Account;
let carol: Account;

const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
  bob = started.account('bob@contoso.test');
  carol = started.account('carol@contoso.test');
});

/** The server's own copies of `subject` in a distinguished folder of `address`. */
async function stored(address: string, folder: string, subject: string): Promise<ServerMessage[]> {
  const state = await mailboxState(harness.server, address);
  return state.itemsIn(state.folder(folder).id).filter((i) => i.subject === subject) as ServerMessage[];
}

const addresses = (people: readonly { readonly address: string }[] | undefined) =>
  (people ?? []).map((p) => p.address);

/** Alice's message as `account` received it. */
async function receivedBy(account: Account, subject: string): Promise<ItemRef> {
  const [item] = await account.inbox.filter({ subject }).toArray();
  const id = item?.itemId?.id;
  if (id === undefined) throw new Error(`${subject} not in the inbox`);
  return { id, changeKey: item?.itemId?.changeKey };
}

describe('reply, replyAll and forward against the test server', () => {
  beforeAll(async () => {
    await alice.items.sendAndSave({
      subject: 'Quarterly kickoff',
      body: { bodyType: 'Text', value: 'Agenda attached soon.' },
      toRecipients: [{ emailAddress: 'bob@contoso.test' }],
      ccRecipients: [{ emailAddress: 'carol@contoso.test' }],
    });
  });

  it('reply sends to the sender only, the new text above the original, and keeps a copy', async () => {
    const ref = await receivedBy(bob, 'Quarterly kickoff');
    const returned = await bob.items.reply(ref, {
      newBodyContent: { bodyType: 'Text', value: 'I will be there.' },
    });
    // Sent with a copy kept: the server names no item (the copy is filed later, in Sent Items).
    expect(returned).toEqual([]);
    const [got, ...more] = await stored('alice@contoso.test', 'inbox', 'RE: Quarterly kickoff');
    expect(more).toEqual([]);
    expect(got?.message?.from?.address).toBe('bob@contoso.test');
    expect(addresses(got?.message?.to)).toEqual(['alice@contoso.test']);
    expect(got?.body.startsWith('I will be there.')).toBe(true);
    expect(got?.body.endsWith('Agenda attached soon.')).toBe(true);
    expect(await stored('bob@contoso.test', 'sentitems', 'RE: Quarterly kickoff')).toHaveLength(1);
    expect(await stored('carol@contoso.test', 'inbox', 'RE: Quarterly kickoff')).toEqual([]);
  });

  it('replyAll reaches the sender and the other recipients, never yourself', async () => {
    const ref = await receivedBy(carol, 'Quarterly kickoff');
    await carol.items.replyAll(
      ref,
      { subject: 'Kickoff: count me in', newBodyContent: { bodyType: 'Text', value: 'Me too.' } },
      { messageDisposition: 'SendOnly' },
    );
    for (const address of ['alice@contoso.test', 'bob@contoso.test']) {
      const [got] = await stored(address, 'inbox', 'Kickoff: count me in');
      expect(got?.message?.from?.address, address).toBe('carol@contoso.test');
      expect(addresses(got?.message?.to)).toEqual(['alice@contoso.test', 'bob@contoso.test']);
    }
    expect(await stored('carol@contoso.test', 'inbox', 'Kickoff: count me in')).toEqual([]);
    expect(await stored('carol@contoso.test', 'sentitems', 'Kickoff: count me in')).toEqual([]);
  });

  it('forward as a draft returns its id; sending the draft delivers it', async () => {
    const ref = await receivedBy(bob, 'Quarterly kickoff');
    const [draft, ...others] = await bob.items.forward(
      ref,
      { toRecipients: [{ emailAddress: 'dave@contoso.test' }] },
      { messageDisposition: 'SaveOnly' },
    );
    expect(others).toEqual([]);
    expect(draft?.kind).toBe('Message');
    expect(draft?.id).toBeDefined();
    const [saved] = await stored('bob@contoso.test', 'drafts', 'FW: Quarterly kickoff');
    expect(saved?.id).toBe(draft?.id);
    expect(saved?.message?.isDraft).toBe(true);
    expect(await stored('dave@contoso.test', 'inbox', 'FW: Quarterly kickoff')).toEqual([]);

    await bob.items.send(draft as ItemRef);
    const [got] = await stored('dave@contoso.test', 'inbox', 'FW: Quarterly kickoff');
    expect(got?.message?.from?.address).toBe('bob@contoso.test');
    expect(got?.body).toContain('Agenda attached soon.');
  });

  it('surfaces the server refusals as errors with the EWS response code', async () => {
    const ref = await receivedBy(bob, 'Quarterly kickoff');
    await expect(bob.items.forward(ref)).rejects.toMatchObject({ responseCode: 'ErrorInvalidRecipients' });
    const gone = await bob.drafts.create([{ subject: 'to be deleted' }]);
    const goneRef = gone[0]?.ok ? gone[0].value : undefined;
    if (goneRef === undefined) throw new Error('no draft');
    await bob.items.delete(goneRef);
    await expect(bob.items.reply(goneRef)).rejects.toMatchObject({ responseCode: 'ErrorItemNotFound' });
  });
});
