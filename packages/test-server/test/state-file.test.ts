import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findAll, first, startHarness, texts } from './support/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'ews-test-server-state-'));
const view =
  '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>' +
  '<m:CalendarView StartDate="2026-03-01T00:00:00Z" EndDate="2026-03-31T00:00:00Z"/>' +
  '<m:ParentFolderIds><t:DistinguishedFolderId Id="calendar"/></m:ParentFolderIds></m:FindItem>';
const draft = (subject: string) =>
  `<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>${subject}</t:Subject></t:Message></m:Items></m:CreateItem>`;
const getItem = (id: string) =>
  `<m:GetItem><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id="${id}"/></m:ItemIds></m:GetItem>`;

describe('state save and load', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a server started from a saved state holds the same items, ids and calendars, and hands out new ids', async () => {
    const path = join(dir, 'state.json');
    const a = await startHarness();
    const created = await a.call('alice', draft('saved draft'));
    const id = first(created.doc, 'ItemId').attrs.Id ?? '';
    const calendarA = texts((await a.call('alice', view)).doc, 'ItemId');
    await a.call(
      'alice',
      '<m:SetUserOofSettingsRequest><t:Mailbox><t:Address>alice@contoso.test</t:Address></t:Mailbox><t:UserOofSettings>' +
        '<t:OofState>Enabled</t:OofState><t:ExternalAudience>None</t:ExternalAudience>' +
        '<t:InternalReply><t:Message>Away</t:Message></t:InternalReply></t:UserOofSettings></m:SetUserOofSettingsRequest>',
    );
    await a.server.saveState(path);
    await a.finish();

    const b = await startHarness({ loadState: path });
    try {
      const fetched = await b.call('alice', getItem(id));
      expect(first(fetched.doc, 'Subject').text).toBe('saved draft');
      const calendarB = await b.call('alice', view);
      expect(findAll(calendarB.doc, 'CalendarItem').length).toBe(calendarA.length);
      expect(texts(calendarB.doc, 'Start').every((s) => s.startsWith('2026-03'))).toBe(true);
      const oof = await b.call(
        'alice',
        '<m:GetUserOofSettingsRequest><t:Mailbox><t:Address>alice@contoso.test</t:Address></t:Mailbox></m:GetUserOofSettingsRequest>',
      );
      expect(first(oof.doc, 'OofState').text).toBe('Enabled');
      const next = await b.call('alice', draft('after restore'));
      const nextId = first(next.doc, 'ItemId').attrs.Id;
      expect(nextId).not.toBe(id);
      expect(first((await b.call('alice', getItem(id))).doc, 'Subject').text).toBe('saved draft');
    } finally {
      await b.finish();
    }
  });

  it('refuses a file that is not a saved state', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{"format":"something else"}');
    await expect(startHarness({ loadState: path, validateRequests: false })).rejects.toMatchObject({
      code: 'TEST_SERVER_STATE',
    });
    await expect(
      startHarness({ loadState: join(dir, 'missing.json'), validateRequests: false }),
    ).rejects.toMatchObject({ code: 'TEST_SERVER_STATE' });
  });
});
