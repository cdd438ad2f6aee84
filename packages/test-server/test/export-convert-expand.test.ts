import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first, type Harness, startHarness, texts } from './support/harness.js';

const getItem = (id: string) =>
  `<m:GetItem><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;

describe('ExportItems/UploadItems, ConvertId and ExpandDL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'empty' });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('an exported item uploads as a new item (CreateNew) or over the original (Update)', async () => {
    const created = await h.call(
      'alice',
      '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>export me</t:Subject>' +
        '<t:Body BodyType="Text">kept body</t:Body></t:Message></m:Items></m:CreateItem>',
    );
    const id = first(created.doc, 'ItemId').attrs.Id ?? '';
    const exported = await h.call(
      'alice',
      `<m:ExportItems><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:ExportItems>`,
    );
    expect(texts(exported.doc, 'ResponseCode')).toEqual(['NoError']);
    const data = first(exported.doc, 'Data').text;
    const drafts = await h.call(
      'alice',
      '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>',
    );
    const inboxId = first(drafts.doc, 'FolderId').attrs.Id;
    const upload = (action: string, itemId = '') =>
      `<m:UploadItems><m:Items><t:Item CreateAction="${action}"><t:ParentFolderId Id="${inboxId}"/>` +
      `${itemId ? `<t:ItemId Id="${itemId}"/>` : ''}<t:Data>${data}</t:Data></t:Item></m:Items></m:UploadItems>`;
    const copy = await h.call('alice', upload('CreateNew'));
    expect(texts(copy.doc, 'ResponseCode')).toEqual(['NoError']);
    const copyId = first(copy.doc, 'ItemId').attrs.Id ?? '';
    expect(copyId).not.toBe(id);
    const fetched = await h.call('alice', getItem(copyId));
    expect(first(fetched.doc, 'Subject').text).toBe('export me');
    expect(first(first(fetched.doc, 'Message'), 'Body').text).toBe('kept body');
    const replaced = await h.call('alice', upload('Update', id));
    expect(first(replaced.doc, 'ItemId').attrs.Id).toBe(id);
    const missing = await h.call('alice', upload('Update', copyId.replace(/.$/, 'x')));
    expect(texts(missing.doc, 'ResponseCode')[0]).toMatch(/^Error/);
    const garbage = await h.call(
      'alice',
      `<m:UploadItems><m:Items><t:Item CreateAction="CreateNew"><t:ParentFolderId Id="${inboxId}"/><t:Data>AAAA</t:Data></t:Item></m:Items></m:UploadItems>`,
    );
    expect(texts(garbage.doc, 'ResponseCode')).toEqual(['ErrorInvalidRequest']);
  });

  it('ConvertId round-trips an id through HexEntryId and back', async () => {
    const created = await h.call(
      'bob',
      '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>ids</t:Subject></t:Message></m:Items></m:CreateItem>',
    );
    const id = first(created.doc, 'ItemId').attrs.Id ?? '';
    const convert = (format: string, value: string, to: string) =>
      `<m:ConvertId DestinationFormat="${to}"><m:SourceIds><t:AlternateId Format="${format}" Id="${value}" Mailbox="bob@contoso.test"/></m:SourceIds></m:ConvertId>`;
    const hex = await h.call('bob', convert('EwsId', id, 'HexEntryId'));
    const hexId = first(hex.doc, 'AlternateId').attrs;
    expect(hexId.Format).toBe('HexEntryId');
    expect(hexId.Id).toMatch(/^[0-9A-F]+$/);
    expect(hexId.Mailbox).toBe('bob@contoso.test');
    const back = await h.call('bob', convert('HexEntryId', hexId.Id ?? '', 'EwsId'));
    expect(first(back.doc, 'AlternateId').attrs.Id).toBe(id);
    const bad = await h.call('bob', convert('EwsId', 'AAMkADnonsense', 'EntryId'));
    expect(texts(bad.doc, 'ResponseCode')).toEqual(['ErrorInvalidIdMalformed']);
  });
});

// The room list exists in the demo company only: the empty seed has none, as a fresh deployment.
describe('ExpandDL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(async () => {
    await h.finish();
  });

  it('ExpandDL lists the rooms of a room list; unknown groups resolve to nothing', async () => {
    const reply = await h.call(
      'alice',
      '<m:ExpandDL><m:Mailbox><t:EmailAddress>rooms@contoso.test</t:EmailAddress></m:Mailbox></m:ExpandDL>',
    );
    expect(texts(reply.doc, 'EmailAddress')).toEqual(
      h.server.roomLists.find((l) => l.address === 'rooms@contoso.test')?.rooms,
    );
    expect(first(reply.doc, 'DLExpansion').attrs.TotalItemsInView).toBe('3');
    const unknown = await h.call(
      'alice',
      '<m:ExpandDL><m:Mailbox><t:EmailAddress>nobody@contoso.test</t:EmailAddress></m:Mailbox></m:ExpandDL>',
    );
    expect(texts(unknown.doc, 'ResponseCode')).toEqual(['ErrorNameResolutionNoResults']);
  });
});
