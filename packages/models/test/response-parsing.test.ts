import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { CalendarItemModel, FolderModel, fromXml, ItemModel, type Model } from '../src/index.js';
import { errorCodeOf } from './helpers/error-code.js';
import { localName, pick, picks, rootOf, type XmlNode } from './helpers/xml.js';

// The response-parsing.json vectors about items and folders. Service-level ones (ResolveNames,
// GetRooms, notifications, …) are read by @ews/services (test/vectors-response-parsing.test.ts,
// which also checks that every vector is read somewhere); ServerVersionInfo by @ews/core; time
// zone ones in the time zone tests; extended properties in extended-properties.test.ts.
interface Vector {
  id: string;
  response_xml?: string;
  xml?: string;
  parsed_by_exchangelib?: unknown;
  expected?: unknown;
  note?: string;
}
const VECTORS = new Map(
  (loadVectors('response-parsing') as { vectors: Vector[] }).vectors.map((v) => [v.id, v]),
);
function vector(id: string): Vector {
  const found = VECTORS.get(id);
  if (found === undefined) throw new Error(`no vector ${id}`);
  return found;
}

function path(node: XmlNode, ...names: string[]): XmlNode {
  let current: XmlNode = node;
  for (const name of names) current = pick(current, name);
  return current;
}

/** The folder elements of a GetFolder / FindFolder response, whatever their folder type. */
function folderNodes(responseXml: string): readonly XmlNode[] {
  const body = path(rootOf(responseXml, 'Envelope'), 'Body');
  const operation = body.children.find((c) => localName(c).endsWith('Response'));
  const message = path(operation!, 'ResponseMessages');
  const inner = message.children.find((c) => localName(c).endsWith('ResponseMessage'))!;
  const folders = picks(inner, 'Folders')[0] ?? path(inner, 'RootFolder', 'Folders');
  return folders.children.filter((c) => localName(c).endsWith('Folder'));
}

const RENAMES: Readonly<Record<string, string>> = { name: 'displayName', changekey: 'changeKey' };

/**
 * exchangelib's parsed object in our naming (snake_case → camelCase, `_id` → the model's id
 * field), keeping only what `model` has: the compare then covers every field we model.
 */
function ours(parsed: Record<string, unknown>, model: Model, idField: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key === '_type') continue;
    const name =
      key === '_id'
        ? idField
        : (RENAMES[key] ?? key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
    if (!model.byName.has(name) && model !== NESTED) continue;
    const convert = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(convert)
        : typeof v === 'object' && v !== null
          ? ours(v as Record<string, unknown>, NESTED, idField)
          : v;
    out[name] = convert(value);
  }
  return out;
}
// Nested values (ids, rights) are compared whole.
const NESTED = { byName: new Map() } as unknown as Model;

describe('response-parsing.json: folders', () => {
  it('get-folder-permission-set: a CalendarFolder, every modelled field as exchangelib parsed it', () => {
    const v = vector('get-folder-permission-set');
    const [node] = folderNodes(v.response_xml!);
    const folder = fromXml(FolderModel, node!);
    const [expected] = v.parsed_by_exchangelib as Record<string, unknown>[];
    const wanted = ours(expected!, FolderModel, 'folderId');
    expect(Object.keys(wanted).length).toBeGreaterThanOrEqual(6);
    expect(folder).toEqual(wanted);
    expect(folder).toMatchObject({ displayName: 'My Calendar', totalCount: 1, childFolderCount: 2 });
    expect(folder.folderId).toEqual({ id: 'XXX', changeKey: 'YYY' });
  });

  it('public-folders-sequence 1-6: folder names and classes of each response', () => {
    const names = [1, 2, 3, 4, 5, 6].map((n) =>
      folderNodes(vector(`public-folders-sequence-${n}`).response_xml!).map((node) => {
        const folder = fromXml(FolderModel, node);
        expect(folder.folderId?.id).toMatch(/=$/);
        return folder.displayName ?? `(${folder.folderClass})`;
      }),
    );
    // 1: GetFolder root, 2: FindFolder children (ids only), 3: GetFolder children, then the same
    // for the subfolders, whose last FindFolder returns nothing (the upstream test's expectations).
    expect(names[0]).toEqual(['publicfoldersroot']);
    expect(names[1]).toHaveLength(2);
    expect(names[2]).toEqual(['Sample Contacts', 'Sample Folder']);
    expect(names[3]).toHaveLength(2);
    expect(names[4]).toEqual(['Sample Subfolder1', 'Sample Subfolder2']);
    expect(names[5]).toEqual([]);
  });
});

/** The `<t:Item>` of the field-level vectors, as a node. */
function itemNode(xml: string): XmlNode {
  return path(rootOf(xml, 'Envelope'), 'Item');
}

describe('response-parsing.json: item fields', () => {
  it('datetime-field-1: a UTC value is that instant', () => {
    const item = fromXml(ItemModel, itemNode(vector('datetime-field-1').xml!));
    expect(item.dateTimeSent?.toISOString()).toBe('2017-06-21T18:40:02.000Z');
  });

  it('datetime-field-2: a value without a zone is read as UTC (deliberate difference)', () => {
    // exchangelib localizes it to the account's default zone (Europe/Copenhagen in the vector,
    // giving 16:40Z). A models-level reader has no account zone; Exchange always sends UTC, so
    // we read a zone-less value as UTC, as documented in the README.
    const item = fromXml(ItemModel, itemNode(vector('datetime-field-2').xml!));
    expect(item.dateTimeSent?.toISOString()).toBe('2017-06-21T18:40:02.000Z');
  });

  it('datetime-field-3 / field-garbage-values: a malformed value is refused with its path (deliberate difference)', () => {
    // exchangelib logs and yields null; a typed client would then hand back a field that looks
    // "not returned". We throw EWS_PROTOCOL naming the element, never the value.
    const xml = vector('datetime-field-3').xml!;
    expect(errorCodeOf(() => fromXml(ItemModel, itemNode(xml)))).toBe('EWS_PROTOCOL');
    expect(() => fromXml(ItemModel, itemNode(xml))).toThrow(/Item\.DateTimeSent/);
    expect(() => fromXml(ItemModel, itemNode(xml))).not.toThrow(/THIS_IS_GARBAGE/);
    const garbage = vector('field-garbage-values').xml!;
    for (const element of ['Size', 'IsDraft', 'DateTimeCreated', 'MimeContent']) {
      const xmlWithField = garbage.replace(/Foo>/g, `${element}>`);
      expect(errorCodeOf(() => fromXml(ItemModel, itemNode(xmlWithField)))).toBe('EWS_PROTOCOL');
    }
    // an element the model does not know is ignored, whatever it holds
    expect(fromXml(ItemModel, itemNode(garbage))).toEqual({});
  });

  it('datetime-field-4: a missing element is absent (no client-side default)', () => {
    const item = fromXml(ItemModel, itemNode(vector('datetime-field-4').xml!));
    expect(item).toEqual({});
    expect('dateTimeSent' in item).toBe(false);
  });

  it('date-with-tz-suffix-1/2: an xs:date in calendar:Start is refused (not modelled)', () => {
    // exchangelib's Start is a DateOrDateTimeField that also takes `2017-06-21Z`; our `start`
    // is an xs:dateTime (what types.xsd declares), so such a value is a protocol error.
    for (const id of ['date-with-tz-suffix-1', 'date-with-tz-suffix-2']) {
      const node = itemNode(vector(id).xml!);
      expect(errorCodeOf(() => fromXml(CalendarItemModel, node))).toBe('EWS_PROTOCOL');
    }
  });

  it('internet-message-headers: every header with its name, in order', () => {
    const v = vector('internet-message-headers');
    const headers = rootOf(v.xml!, 'Envelope');
    const item = fromXml(ItemModel, headers);
    const expected = Object.entries(v.expected as Record<string, string>).map(([name, value]) => ({
      name,
      value,
    }));
    expect(item.internetMessageHeaders).toEqual(expected);
  });
});
