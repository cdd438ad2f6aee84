import { schemaDir } from '@ews-tools/ews-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../src/xml/xml-tree.js';
import { first, type Harness, startHarness, texts } from './support/harness.js';
import { envelope, NS_DECL, post } from './support/soap-client.js';

const getInbox = (shapeExtra = '') =>
  `<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape>${shapeExtra}</m:FolderShape>` +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

describe.each(['lxml', 'xmllint'] as const)(
  'request validation against the EWS schema (engine %s)',
  (engine) => {
    let h: Harness;
    const alice = { user: 'alice@contoso.test', password: 'Alice-Demo-2016!' };
    const send = async (xml: string) => {
      const reply = await post(h.server.url, xml, alice);
      h.log.responses.push({ name: `raw response ${h.log.responses.length}`, xml: reply.body });
      return { ...reply, doc: parseXml(reply.body) };
    };
    beforeAll(async () => {
      h = await startHarness({ validateRequests: { schemaDir, engine } });
    });
    afterAll(async () => {
      await h.finish();
    });

    it('answers a valid request normally', async () => {
      const reply = await h.call('alice', getInbox());
      expect(reply.status).toBe(200);
      expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
    });

    it('answers an unexpected element with ErrorSchemaValidation, its line and position', async () => {
      const xml = envelope(getInbox('<t:Bogus/>'));
      const reply = await send(xml);
      expect(reply.status).toBe(500);
      expect(first(reply.doc, 'faultcode').text).toBe('a:ErrorSchemaValidation');
      expect(first(reply.doc, 'ResponseCode').text).toBe('ErrorSchemaValidation');
      expect(first(reply.doc, 'LineNumber').text).toBe('1');
      expect(first(reply.doc, 'LinePosition').text).toBe(String(xml.indexOf('<t:Bogus') + 2));
      expect(first(reply.doc, 'Violation').text).toMatch(/'Bogus' in namespace '[^']+types'.*not expected/);
      expect(first(reply.doc, 'faultstring').text).toMatch(/^The request failed schema validation: /);
    });

    it('reports the line of a violation in a multi-line request and a bad attribute value', async () => {
      const xml = [
        '<?xml version="1.0" encoding="utf-8"?>',
        `<soap:Envelope ${NS_DECL}>`,
        '<soap:Header><t:RequestServerVersion Version="Exchange2016"/></soap:Header>',
        '<soap:Body>',
        '  <m:FindItem Traversal="Sideways">',
        '    <m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>',
        '    <m:ParentFolderIds><t:DistinguishedFolderId Id="inbox"/></m:ParentFolderIds>',
        '  </m:FindItem>',
        '</soap:Body></soap:Envelope>',
      ].join('\n');
      const reply = await send(xml);
      expect(first(reply.doc, 'ResponseCode').text).toBe('ErrorSchemaValidation');
      expect(first(reply.doc, 'LineNumber').text).toBe('5');
      expect(first(reply.doc, 'LinePosition').text).toBe('4');
      expect(first(reply.doc, 'Violation').text).toContain('Sideways');
    });

    it('rejects an unknown distinguished folder id and a malformed document before executing them', async () => {
      const unknown = await send(envelope(getInbox().replace('"inbox"', '"mailbox"')));
      expect(first(unknown.doc, 'ResponseCode').text).toBe('ErrorSchemaValidation');
      expect(first(unknown.doc, 'Violation').text).toContain('mailbox');
      const broken = await send(`${envelope(getInbox())}`.replace('</m:GetFolder>', ''));
      expect(first(broken.doc, 'ResponseCode').text).toBe('ErrorSchemaValidation');
      expect(first(broken.doc, 'LineNumber').text).toBe('1');
    });

    it('does not execute an invalid CreateItem', async () => {
      const create = (extra: string) =>
        '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message>' +
        `<t:Subject>validated draft</t:Subject>${extra}</t:Message></m:Items></m:CreateItem>`;
      const invalid = await send(envelope(create('<t:Colour>red</t:Colour>')));
      expect(first(invalid.doc, 'ResponseCode').text).toBe('ErrorSchemaValidation');
      const drafts = await h.call(
        'alice',
        '<m:FindItem Traversal="Shallow"><m:ItemShape><t:BaseShape>Default</t:BaseShape></m:ItemShape>' +
          '<m:ParentFolderIds><t:DistinguishedFolderId Id="drafts"/></m:ParentFolderIds></m:FindItem>',
      );
      expect(texts(drafts.doc, 'Subject')).not.toContain('validated draft');
    });
  },
);

describe('server versions', () => {
  const info = async (serverVersion: 'Exchange2013' | 'Exchange2016' | 'Exchange2019', version: string) => {
    const h = await startHarness({ serverVersion });
    try {
      const reply = await h.call('alice', getInbox(), { version });
      return { reply, server: h.server };
    } finally {
      await h.finish();
    }
  };

  it('Exchange 2013 reports build 15.0.1497.2 and refuses Exchange2016 requests', async () => {
    const ok = await info('Exchange2013', 'Exchange2013_SP1');
    expect(ok.server.serverVersion).toEqual({ name: 'Exchange2013', build: '15.0.1497.2' });
    expect(first(ok.reply.doc, 'ServerVersionInfo').attrs).toMatchObject({
      MajorVersion: '15',
      MinorVersion: '0',
      MajorBuildNumber: '1497',
      MinorBuildNumber: '2',
      Version: 'V2_23',
    });
    expect(first(ok.reply.doc, 'ResponseCode').text).toBe('NoError');
    const refused = await info('Exchange2013', 'Exchange2016');
    expect(refused.reply.status).toBe(500);
    expect(first(refused.reply.doc, 'ResponseCode').text).toBe('ErrorInvalidServerVersion');
  });

  it('Exchange 2019 reports build 15.2.1544.4 and accepts Exchange2016 and V2017_07_11', async () => {
    for (const version of ['Exchange2016', 'V2017_07_11', 'Exchange2010_SP2']) {
      const { reply, server } = await info('Exchange2019', version);
      expect(server.serverVersion.build).toBe('15.2.1544.4');
      expect(first(reply.doc, 'ServerVersionInfo').attrs).toMatchObject({
        MajorVersion: '15',
        MinorVersion: '2',
        MajorBuildNumber: '1544',
        Version: 'V2017_07_11',
      });
      expect(first(reply.doc, 'ResponseCode').text).toBe('NoError');
    }
  });
});
