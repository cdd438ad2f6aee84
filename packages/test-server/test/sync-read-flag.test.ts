import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first, type Harness, startHarness, texts } from './support/harness.js';

// SyncFolderItems' Changes hold Create, Update, Delete and ReadFlagChange (types.xsd,
// SyncFolderItemsChangesType): a change of IsRead alone is a ReadFlagChange with the item id and the flag.

const syncItems = (state: string | undefined) =>
  '<m:SyncFolderItems><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>' +
  '<m:SyncFolderId><t:DistinguishedFolderId Id="drafts"/></m:SyncFolderId>' +
  (state === undefined ? '' : `<m:SyncState>${state}</m:SyncState>`) +
  '<m:MaxChangesReturned>100</m:MaxChangesReturned></m:SyncFolderItems>';
const setField = (id: string, field: string, value: string) =>
  `<m:UpdateItem ConflictResolution="AlwaysOverwrite" MessageDisposition="SaveOnly"><m:ItemChanges><t:ItemChange><t:ItemId Id="${id}"/>` +
  `<t:Updates><t:SetItemField><t:FieldURI FieldURI="${field}"/><t:Message>${value}</t:Message></t:SetItemField></t:Updates>` +
  '</t:ItemChange></m:ItemChanges></m:UpdateItem>';

describe('SyncFolderItems ReadFlagChange', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('reports a change of IsRead alone as ReadFlagChange, any other change as Update', async () => {
    const created = await h.call(
      'alice',
      '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>read me</t:Subject></t:Message></m:Items></m:CreateItem>',
    );
    const id = first(created.doc, 'ItemId').attrs.Id ?? '';
    const initial = await h.call('alice', syncItems(undefined));
    let state = first(initial.doc, 'SyncState').text;
    const changes = async () => {
      const reply = await h.call('alice', syncItems(state));
      state = first(reply.doc, 'SyncState').text;
      return first(reply.doc, 'Changes').children;
    };

    await h.call('alice', setField(id, 'message:IsRead', '<t:IsRead>true</t:IsRead>'));
    const read = await changes();
    expect(read.map((c) => c.name)).toEqual(['ReadFlagChange']);
    const change = read[0]!;
    expect(first(change, 'ItemId').attrs.Id).toBe(id);
    expect(texts(change, 'IsRead')).toEqual(['true']);
    expect(await changes()).toEqual([]);

    await h.call('alice', setField(id, 'message:IsRead', '<t:IsRead>false</t:IsRead>'));
    const unread = await changes();
    expect(unread.map((c) => c.name)).toEqual(['ReadFlagChange']);
    expect(texts(unread[0]!, 'IsRead')).toEqual(['false']);

    await h.call('alice', setField(id, 'item:Subject', '<t:Subject>renamed</t:Subject>'));
    expect((await changes()).map((c) => c.name)).toEqual(['Update']);
  });

  it('a sync state from before read flags were fingerprinted still works: the next change is an Update', async () => {
    const created = await h.call(
      'alice',
      '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>old state</t:Subject></t:Message></m:Items></m:CreateItem>',
    );
    const id = first(created.doc, 'ItemId').attrs.Id ?? '';
    const now = await h.call('alice', syncItems(undefined));
    const decoded = JSON.parse(
      Buffer.from(first(now.doc, 'SyncState').text.slice(4), 'base64').toString(),
    ) as {
      f: string;
      s: string[][];
    };
    const old = `H4sI${Buffer.from(JSON.stringify({ f: decoded.f, s: decoded.s.map((e) => e.slice(0, 2)) })).toString('base64')}`;
    await h.call('alice', setField(id, 'message:IsRead', '<t:IsRead>true</t:IsRead>'));
    const reply = await h.call('alice', syncItems(old));
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    expect(first(reply.doc, 'Changes').children.map((c) => c.name)).toEqual(['Update']);
  });
});
