import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EwsProtocolError, type EwsResponse } from '@ews/core';
import { ItemModel } from '@ews/models';
import { describe, expect, it } from 'vitest';
import {
  type AccountContext,
  ItemQuery,
  readFindFolder,
  readFindPeople,
  readGetAttachment,
  readGetFolder,
} from '../src/index.js';
import { decodeResponseText } from '../src/internal/streamed-response.js';
import { readGetInboxRules } from '../src/mailbox/inbox-rules.js';
import type { Outcome } from '../src/outcome.js';
import { bareEnvelope as envelope, M, T } from './helpers/exchange-envelopes.js';

// Ids in answers: t:ItemIdType, FolderIdType, AttachmentIdType and the persona ids declare Id
// use="required" (xs:string), and Exchange never sends an empty one. An id element with Id="" or
// without Id, or one misspelt (`<t:AttachmentID>`, `<t:PersonaID>`), names nothing: that entry is a
// broken answer (EWS_PROTOCOL), never an id "" that fails later as the caller's EWS_INVALID_ARGUMENT.

const answer = (operation: string, inner: string, extra = '') =>
  decodeResponseText(
    envelope(
      `<m:${operation}Response ${M} ${T}><m:ResponseMessages><m:${operation}ResponseMessage ResponseClass="Success">` +
        `<m:ResponseCode>NoError</m:ResponseCode>${inner}</m:${operation}ResponseMessage></m:ResponseMessages>${extra}</m:${operation}Response>`,
    ),
    operation,
  );

function failedEntry(outcomes: readonly Outcome<unknown>[]): unknown {
  const [outcome] = outcomes;
  return outcome?.ok === false ? outcome.error : `read as ${JSON.stringify(outcome)}`;
}

const findFolder = (folder: string) =>
  answer(
    'FindFolder',
    `<m:RootFolder TotalItemsInView="1" IncludesLastItemInRange="true"><t:Folders>${folder}</t:Folders></m:RootFolder>`,
  );

describe('FindFolder and GetFolder: a folder names itself with a non-empty FolderId', () => {
  it('reads a folder with its FolderId', () => {
    const page = readFindFolder(
      findFolder('<t:Folder><t:FolderId Id="AQMk1="/><t:DisplayName>A</t:DisplayName></t:Folder>'),
    );
    expect(page.folders[0]?.folderId).toEqual({ id: 'AQMk1=' });
  });

  it.each([
    ['Id=""', '<t:FolderId Id="" ChangeKey="AQ"/>'],
    ['no Id', '<t:FolderId ChangeKey="AQ"/>'],
    ['a misspelt <t:FolderID>', '<t:FolderID Id="AQMk1="/>'],
    ['no FolderId', ''],
  ])('FindFolder refuses a folder with %s (the fuzz case: root.path then blamed the caller)', (_, id) => {
    expect(() =>
      readFindFolder(findFolder(`<t:Folder>${id}<t:DisplayName>A</t:DisplayName></t:Folder>`)),
    ).toThrow(EwsProtocolError);
  });

  it('GetFolder fails the entry whose FolderId has Id=""', () => {
    const response = answer('GetFolder', '<m:Folders><t:Folder><t:FolderId Id=""/></t:Folder></m:Folders>');
    expect(failedEntry(readGetFolder(response, 1))).toMatchObject({
      code: 'EWS_PROTOCOL',
      requestFate: 'executed',
    });
  });
});

describe('GetAttachment: the attachment carries its AttachmentId', () => {
  const attachment = (id: string) =>
    answer(
      'GetAttachment',
      `<m:Attachments><t:FileAttachment>${id}<t:Name>a.txt</t:Name><t:Content>QUJD</t:Content></t:FileAttachment></m:Attachments>`,
    );

  it('reads an attachment with its id', () => {
    const [outcome] = readGetAttachment(attachment('<t:AttachmentId Id="AAMkAtt="/>'), 1);
    expect(outcome?.ok && outcome.value.attachmentId).toEqual({ id: 'AAMkAtt=' });
  });

  it.each([
    ['a misspelt <t:AttachmentID>', '<t:AttachmentID Id="AAMkAtt="/>'],
    ['Id=""', '<t:AttachmentId Id=""/>'],
    ['no Id', '<t:AttachmentId RootItemId="AAMkRoot="/>'],
    ['no AttachmentId', ''],
  ])('fails the entry answered with %s', (_, id) => {
    expect(failedEntry(readGetAttachment(attachment(id), 1))).toMatchObject({
      code: 'EWS_PROTOCOL',
      requestFate: 'executed',
    });
  });
});

describe('FindPeople: every persona carries its PersonaId (minOccurs 1)', () => {
  const people = (persona: string) =>
    decodeResponseText(
      envelope(
        `<m:FindPeopleResponse ${M} ${T} ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` +
          `<m:People><t:Persona>${persona}<t:DisplayName>Anne</t:DisplayName></t:Persona></m:People>` +
          '<m:TotalNumberOfPeopleInView>1</m:TotalNumberOfPeopleInView></m:FindPeopleResponse>',
      ),
      'FindPeople',
    );

  it('reads a persona with its id', () => {
    expect(readFindPeople(people('<t:PersonaId Id="AAUQ="/>')).people[0]?.personaId).toEqual({ id: 'AAUQ=' });
  });

  it.each([
    ['a misspelt <t:PersonaID>', '<t:PersonaID Id="AAUQ="/>'],
    ['Id=""', '<t:PersonaId Id=""/>'],
    ['no PersonaId', ''],
  ])('refuses a persona with %s', (_, id) => {
    expect(() => readFindPeople(people(id))).toThrow(EwsProtocolError);
  });
});

describe('GetInboxRules: a rule action names its folder', () => {
  // GetInboxRulesResponseType is itself the ResponseMessage (no ResponseMessages list).
  const rules = (target: string) =>
    decodeResponseText(
      envelope(
        `<m:GetInboxRulesResponse ${M} ${T} ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` +
          '<m:OutlookRuleBlobExists>false</m:OutlookRuleBlobExists><m:InboxRules><t:Rule><t:RuleId>r1</t:RuleId>' +
          '<t:DisplayName>Move</t:DisplayName><t:Priority>1</t:Priority><t:IsEnabled>true</t:IsEnabled>' +
          `<t:Actions><t:MoveToFolder>${target}</t:MoveToFolder></t:Actions></t:Rule></m:InboxRules>` +
          '</m:GetInboxRulesResponse>',
      ),
      'GetInboxRules',
    );

  it('reads a FolderId and a DistinguishedFolderId', () => {
    expect(readGetInboxRules(rules('<t:FolderId Id="AQMk1="/>')).rules[0]?.actions?.moveToFolder).toEqual({
      id: 'AQMk1=',
    });
    expect(
      readGetInboxRules(rules('<t:DistinguishedFolderId Id="junkemail"/>')).rules[0]?.actions?.moveToFolder,
    ).toEqual({ distinguishedId: 'junkemail' });
  });

  it.each([
    ['a FolderId with Id=""', '<t:FolderId Id=""/>'],
    ['no folder at all', ''],
    ['an unknown distinguished folder', '<t:DistinguishedFolderId Id="nowhere"/>'],
  ])('refuses %s (before: a target folder "" was returned)', (_, target) => {
    expect(() => readGetInboxRules(rules(target))).toThrow(EwsProtocolError);
  });
});

describe('a query acting on what it found never drops an item it cannot name', () => {
  it('delete() refuses a found item without its ItemId instead of leaving it out', async () => {
    const sent: string[] = [];
    const account: AccountContext = {
      primarySmtpAddress: 'alice@contoso.test',
      version: 'Exchange2016',
      async send(operation: string): Promise<EwsResponse> {
        sent.push(operation);
        return answer(
          'FindItem',
          '<m:RootFolder TotalItemsInView="2" IncludesLastItemInRange="true"><t:Items>' +
            '<t:Message><t:ItemId Id="AAMk1="/></t:Message><t:Message><t:ItemId Id=""/></t:Message>' +
            '</t:Items></m:RootFolder>',
        );
      },
    };
    const query = new ItemQuery(
      account,
      [{ distinguishedId: 'inbox', mailbox: 'alice@contoso.test' }],
      ItemModel,
    );
    await expect(query.delete()).rejects.toBeInstanceOf(EwsProtocolError);
    // Nothing was deleted on a partial list.
    expect(sent).toEqual(['FindItem']);
  });
});

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('one place reads id attributes', () => {
  it('only operations/item-id-results.ts (itemRefOf) reads Id, ChangeKey, RootItemId or RootItemChangeKey', () => {
    const offenders = sourceFiles(SRC)
      .map((file) => file.slice(SRC.length).replaceAll('\\', '/'))
      .filter((file) => file !== 'operations/item-id-results.ts')
      .filter((file) =>
        /attributes(?:\.|\[['"])(?:Id|ChangeKey|RootItemId|RootItemChangeKey)\b/.test(
          readFileSync(join(SRC, file), 'utf8'),
        ),
      );
    expect(offenders, 'read ids with itemRefOf, which refuses Id=""').toEqual([]);
  });
});
