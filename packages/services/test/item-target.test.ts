import {
  type CalendarItem,
  CalendarItemModel,
  ContactModel,
  type ItemId,
  type Message,
  MessageModel,
} from '@ews/models';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Account, ItemActions, ItemRef } from '../src/index.js';
import { itemRefOf } from '../src/items/item-target.js';
import { useHarness } from './helpers/harness.js';

// items.get and every ItemActions verb take the `itemId` an item carries, or the item itself,
// without casts (`pnpm typecheck` compiles this file: a cast-free call that stopped compiling
// fails it), and refuse an item that has none before anything is sent.

let alice: Account;
const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
});

/** Compiled, never run: each line is a call a user writes, with no cast. */
function typeOnly(account: Account, event: CalendarItem, message: Message, id: ItemId, ref: ItemRef): void {
  void account.items.get(CalendarItemModel, event.itemId!);
  void account.items.get(CalendarItemModel, event);
  void account.items.get(MessageModel, id, { only: ['subject'] });
  void account.items.get(MessageModel, ref);
  void account.items.delete(event);
  void account.items.moveToTrash(message.itemId!);
  void account.items.move(message, account.inbox);
  void account.items.accept(event, {});
  void account.items.reply(message, {});
  void account.items.export([event, message.itemId!, ref]);
  // @ts-expect-error a number is no item
  void account.items.get(CalendarItemModel, 42);
  // @ts-expect-error a folder id is no item
  void account.items.delete({ distinguishedId: 'inbox' });
}
void typeOnly;

describe('an item or its itemId wherever an item is taken', () => {
  it('the verbs take ItemId and items in their types', () => {
    expectTypeOf<ItemId>().toMatchTypeOf<Parameters<ItemActions['get']>[1]>();
    expectTypeOf<CalendarItem>().toMatchTypeOf<Parameters<ItemActions['delete']>[0]>();
  });

  it('reads the id from an ItemRef, an ItemId, an item or a string, keeping the change key', () => {
    expect(itemRefOf({ id: 'A', changeKey: 'K' })).toEqual({ id: 'A', changeKey: 'K' });
    expect(itemRefOf({ itemId: { id: 'A', changeKey: 'K' } })).toEqual({ id: 'A', changeKey: 'K' });
    expect(itemRefOf({ itemId: { id: 'A' } })).toEqual({ id: 'A' });
    expect(itemRefOf('A')).toEqual({ id: 'A' });
  });

  it('refuses an item without an id (EWS_INVALID_ARGUMENT) before anything is sent', async () => {
    const before = harness.operations.length;
    for (const target of [{ itemId: undefined }, {}, { id: '' }, { itemId: { changeKey: 'K' } }, '']) {
      expect(() => itemRefOf(target)).toThrow(expect.objectContaining({ code: 'EWS_INVALID_ARGUMENT' }));
    }
    const unsaved: CalendarItem = { subject: 'never saved' };
    await expect(alice.items.get(CalendarItemModel, unsaved)).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
    await expect(alice.items.delete({})).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
    expect(harness.operations.length).toBe(before);
  });

  it('gets a contact with every field in a schema-valid request: its dictionaries asked entry by entry', async () => {
    // Before, items.get(ContactModel, …) asked `<t:FieldURI FieldURI="contacts:EmailAddress"/>`,
    // which the schema (and Exchange) refuses; the harness validates every request after the file.
    const [contact] = await alice.contacts.all().only('displayName').limit(1).toArray();
    if (!contact) throw new Error('the demo seed has contacts');
    const whole = await alice.items.get(ContactModel, contact);
    expect(whole.displayName).toBe(contact.displayName);
    expect(whole.emailAddresses?.length).toBeGreaterThan(0);
  });

  it('gets, refreshes and deletes by the item itself against the server', async () => {
    const [found] = await alice.inbox.all().only('subject').limit(1).toArray();
    const item = found as Message;
    const byId = await alice.items.get(MessageModel, item.itemId!, { only: ['subject', 'body'] });
    const byItem = await alice.items.get(MessageModel, item, { only: ['subject'] });
    expect(byId.subject).toBe(item.subject);
    expect(byItem.itemId?.id).toBe(item.itemId?.id);
    expect(byId.body).toBeDefined();
    const created = await alice.items.save(MessageModel, { subject: 'to delete by item' });
    const saved = await alice.items.get(MessageModel, created, { only: ['subject'] });
    await alice.items.delete(saved);
    await expect(alice.items.get(MessageModel, saved)).rejects.toMatchObject({
      responseCode: 'ErrorItemNotFound',
    });
  });
});
