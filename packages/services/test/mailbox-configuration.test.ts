import { EwsError, EwsResponseError } from '@ews/core';
import { describe, expect, it } from 'vitest';
import {
  type Account,
  type MasterCategoryList,
  readCategoryList,
  type UserConfigurationEntry,
} from '../src/index.js';
import { CATEGORY_LIST_NAMESPACE } from '../src/mailbox/category-list.js';
import { NOW, useHarness } from './helpers/harness.js';

let alice: Account;
let bob: Account;
let frank: Account;

const harness = useHarness((started) => {
  alice = started.account('alice@contoso.test');
  bob = started.account('bob@contoso.test');
  frank = started.account('frank@contoso.test');
});

/** Byte arrays as plain arrays (the reader hands out Buffers, which are Uint8Arrays). */
const plain = (entries: readonly UserConfigurationEntry[] | undefined) =>
  entries?.map((entry) =>
    entry.value?.type === 'ByteArray'
      ? { ...entry, value: { type: 'ByteArray', value: [...entry.value.value] } }
      : entry,
  );

const code = (expected: string) => (error: unknown) =>
  error instanceof EwsResponseError && error.responseCode === expected;

describe('user configurations: typed dictionary, XML and binary data by name and folder', () => {
  it('create, get, update and delete round-trip every dictionary type through the test server', async () => {
    const config = alice.userConfiguration('Test.Typed', { folder: alice.root });
    await expect(config.get()).rejects.toSatisfy(code('ErrorItemNotFound'));
    const dictionary: UserConfigurationEntry[] = [
      { key: { type: 'String', value: 'name' }, value: { type: 'String', value: 'A & <b>' } },
      { key: { type: 'String', value: 'on' }, value: { type: 'Boolean', value: true } },
      { key: { type: 'String', value: 'byte' }, value: { type: 'Byte', value: 255 } },
      { key: { type: 'String', value: 'i32' }, value: { type: 'Integer32', value: -2_147_483_648 } },
      { key: { type: 'String', value: 'u32' }, value: { type: 'UnsignedInteger32', value: 4_294_967_295 } },
      { key: { type: 'String', value: 'i64' }, value: { type: 'Integer64', value: -(2n ** 63n) } },
      { key: { type: 'String', value: 'u64' }, value: { type: 'UnsignedInteger64', value: 2n ** 64n - 1n } },
      { key: { type: 'String', value: 'when' }, value: { type: 'DateTime', value: NOW } },
      {
        key: { type: 'String', value: 'bytes' },
        value: { type: 'ByteArray', value: new Uint8Array([0, 1, 254]) },
      },
      { key: { type: 'String', value: 'list' }, value: { type: 'StringArray', value: ['a b', 'c', ''] } },
      { key: { type: 'Integer32', value: 7 }, value: null },
    ];
    await config.create({ dictionary, xmlData: '<a>ü</a>', binaryData: new Uint8Array([9, 8, 7]) });
    await expect(config.create({})).rejects.toSatisfy(code('ErrorItemSave'));

    const read = await config.get();
    expect(read.name).toBe('Test.Typed');
    expect(read.itemId?.id).toEqual(expect.any(String));
    expect(plain(read.dictionary)).toEqual(plain(dictionary));
    expect(new TextDecoder().decode(read.xmlData)).toBe('<a>ü</a>');
    expect([...(read.binaryData ?? [])]).toEqual([9, 8, 7]);

    const some = await config.get({ properties: ['XmlData'] });
    expect(some.dictionary).toBeUndefined();
    expect(some.itemId).toBeUndefined();
    expect(some.binaryData).toBeUndefined();

    // An update replaces the parts it sends; the others stay.
    await config.update({
      dictionary: [{ key: { type: 'String', value: 'only' }, value: { type: 'Boolean', value: false } }],
    });
    const updated = await config.get();
    expect(updated.dictionary).toEqual([
      { key: { type: 'String', value: 'only' }, value: { type: 'Boolean', value: false } },
    ]);
    expect(new TextDecoder().decode(updated.xmlData)).toBe('<a>ü</a>');

    // The same name in another folder, or another mailbox, is another configuration.
    await expect(alice.userConfiguration('Test.Typed', { folder: alice.calendar }).get()).rejects.toSatisfy(
      code('ErrorItemNotFound'),
    );
    await expect(bob.userConfiguration('Test.Typed', { folder: bob.root }).get()).rejects.toSatisfy(
      code('ErrorItemNotFound'),
    );

    await config.delete();
    await expect(config.delete()).rejects.toSatisfy(code('ErrorItemNotFound'));
    await expect(config.update({ binaryData: new Uint8Array([1]) })).rejects.toSatisfy(
      code('ErrorItemNotFound'),
    );
  });

  it('refuses what cannot be written before sending anything', () => {
    const config = alice.userConfiguration('Test.Refused', { folder: alice.root });
    const refused = (data: Parameters<typeof config.create>[0]) =>
      expect(config.create(data)).rejects.toSatisfy(
        (error) => EwsError.isInstance(error) && error.code === 'EWS_INVALID_ARGUMENT',
      );
    const sent = harness.operations.length;
    return Promise.all([
      refused({ dictionary: [{ key: { type: 'String', value: 'k' }, value: { type: 'Byte', value: 256 } }] }),
      refused({
        dictionary: [{ key: { type: 'String', value: 'k' }, value: { type: 'Integer32', value: 2 ** 31 } }],
      }),
      refused({
        dictionary: [
          { key: { type: 'String', value: 'k' }, value: { type: 'Integer64', value: 1 as never } },
        ],
      }),
      refused({
        dictionary: [{ key: { type: 'String', value: 'k' }, value: { type: 'StringArray', value: [] } }],
      }),
      refused({ dictionary: [{ key: { type: 'StringArray', value: ['k'] }, value: null }] }),
      refused({
        dictionary: [
          { key: { type: 'String', value: 'k' }, value: null },
          { key: { type: 'String', value: 'k' }, value: null },
        ],
      }),
      refused({ dictionary: [{ key: { type: 'Double' as never, value: 1 as never }, value: null }] }),
    ]).then(() => {
      expect(harness.operations.length).toBe(sent);
      expect(() => alice.userConfiguration('', { folder: alice.root })).toThrow(/name/);
      expect(() => alice.userConfiguration('X', undefined as never)).toThrow(/folder/);
    });
  });
});

describe('the master category list (CategoryList in the Calendar folder)', () => {
  it('is absent until saved, then read back typed; unknown attributes survive a rewrite', async () => {
    expect(await bob.categories().get()).toBeUndefined();
    const list: MasterCategoryList = {
      default: 'Red Category',
      categories: [
        {
          name: 'Red Category',
          color: 0,
          keyboardShortcut: 1,
          guid: '{DAB4A6FA-CE36-4B69-8B47-D50E2E6C5C80}',
          lastTimeUsed: NOW,
          otherAttributes: { lastTimeUsedMail: '2026-01-01T00:00:00.000' },
        },
        { name: 'Project "X" & co', color: -1, keyboardShortcut: 0 },
      ],
      otherAttributes: { lastSavedSession: '3' },
    };
    await bob.categories().save(list);
    const read = await bob.categories().get();
    expect(read?.default).toBe('Red Category');
    expect(read?.otherAttributes).toEqual({ lastSavedSession: '3' });
    expect(read?.categories.map((c) => [c.name, c.color, c.keyboardShortcut])).toEqual([
      ['Red Category', 0, 1],
      ['Project "X" & co', -1, 0],
    ]);
    expect(read?.categories[0]?.guid).toBe('{DAB4A6FA-CE36-4B69-8B47-D50E2E6C5C80}');
    expect(read?.categories[0]?.lastTimeUsed).toEqual(NOW);
    expect(read?.categories[0]?.otherAttributes).toEqual({ lastTimeUsedMail: '2026-01-01T00:00:00.000' });
    // A category saved without a GUID or a last use gets both (MS-OXOCFG requires them).
    expect(read?.categories[1]?.guid).toMatch(/^\{[0-9A-F-]{36}\}$/);
    expect(read?.categories[1]?.lastTimeUsed).toBeInstanceOf(Date);

    // A second save updates the same configuration (no ErrorItemSave).
    if (read === undefined) throw new Error('unreachable');
    await bob.categories().save({ ...read, default: undefined, categories: read.categories.slice(1) });
    expect((await bob.categories().get())?.categories.map((c) => c.name)).toEqual(['Project "X" & co']);
    const raw = await bob.userConfiguration('CategoryList', { folder: bob.calendar }).get();
    expect(new TextDecoder().decode(raw.xmlData)).toContain(`xmlns="${CATEGORY_LIST_NAMESPACE}"`);
  });

  it('refuses a list that Outlook could not hold', async () => {
    const refused = (list: MasterCategoryList) =>
      expect(frank.categories().save(list)).rejects.toSatisfy(
        (error) => EwsError.isInstance(error) && error.code === 'EWS_INVALID_ARGUMENT',
      );
    await refused({ categories: [{ name: 'A', color: 25, keyboardShortcut: 0 }] });
    await refused({ categories: [{ name: 'A', color: 0, keyboardShortcut: 12 }] });
    await refused({ categories: [{ name: 'A', color: 0, keyboardShortcut: 0, guid: 'nope' }] });
    await refused({
      categories: [
        { name: 'A', color: 0, keyboardShortcut: 0 },
        { name: 'a', color: 1, keyboardShortcut: 0 },
      ],
    });
    await refused({ default: 'B', categories: [{ name: 'A', color: 0, keyboardShortcut: 0 }] });
    expect(await frank.categories().get()).toBeUndefined();
  });

  it('reads a list in the Outlook 2007 namespace and refuses a broken one', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    const ok = readCategoryList(
      bytes(
        '\uFEFF<?xml version="1.0"?><categories xmlns="http://schemas.microsoft.com/office/outlook/12/categorylist">' +
          '<category name="A" color="3" keyboardShortcut="0" guid="{00000000-0000-0000-0000-000000000001}" lastTimeUsed="2026-03-02T08:00:00.000"/></categories>',
      ),
    );
    expect(ok.categories.map((c) => c.name)).toEqual(['A']);
    const broken = [
      '<categories xmlns="urn:other"><category name="A" color="0"/></categories>',
      '<categories xmlns="CategoryList.xsd"><category color="0"/></categories>',
      '<categories xmlns="CategoryList.xsd"><category name="A" color="99"/></categories>',
      '<categories xmlns="CategoryList.xsd"><category name="A" color="0"/><category name="a" color="1"/></categories>',
      '<categories xmlns="CategoryList.xsd"><other/></categories>',
      '<categories xmlns="CategoryList.xsd"><category name="A" color="0" guid="x"/></categories>',
    ];
    for (const text of broken)
      expect(() => readCategoryList(bytes(text)), text).toThrow(
        expect.objectContaining({ code: 'EWS_PROTOCOL' }),
      );
  });
});
