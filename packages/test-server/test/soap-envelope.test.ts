import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';
import { post } from './support/soap-client.js';

const GET_INBOX =
  '<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';

describe('SOAP envelope handling', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.finish();
  });

  it('puts ServerVersionInfo of Exchange 2016 in every response header', async () => {
    const reply = await h.call('alice', GET_INBOX);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/xml; charset=utf-8');
    const info = first(reply.doc, 'ServerVersionInfo');
    expect(info.attrs).toMatchObject({
      MajorVersion: '15',
      MinorVersion: '1',
      MajorBuildNumber: '2507',
      Version: 'V2017_07_11',
    });
    expect(reply.body).toContain('<m:GetFolderResponse xmlns:m=');
    expect(texts(reply.doc, 'ResponseCode')).toEqual(['NoError']);
  });

  it('answers 401 with a Basic challenge without or with wrong credentials', async () => {
    const none = await post(h.server.url, '<x/>', undefined);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Basic realm="127.0.0.1"');
    const wrong = await post(h.server.url, '<x/>', { user: 'alice@contoso.test', password: 'nope' });
    expect(wrong.status).toBe(401);
    const local = await post(h.server.url, '<x/>', { user: 'CONTOSO\\alice', password: 'Alice-Demo-2016!' });
    expect(local.status).toBe(500);
  });

  it('rejects an unknown RequestServerVersion with an ErrorInvalidServerVersion fault', async () => {
    const reply = await h.call('alice', GET_INBOX, { version: 'V2018_01_08', name: 'bad-version' });
    expect(reply.status).toBe(500);
    expect(first(reply.doc, 'faultcode').text).toBe('a:ErrorInvalidServerVersion');
    expect(first(reply.doc, 'ResponseCode').text).toBe('ErrorInvalidServerVersion');
  });

  it('accepts a request without RequestServerVersion (Exchange assumes the oldest version)', async () => {
    const reply = await h.call('alice', GET_INBOX, { version: null });
    expect(reply.status).toBe(200);
  });

  it('answers malformed XML and DTDs with an ErrorSchemaValidation fault', async () => {
    for (const body of ['<soap:Envelope><unclosed>', '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', 'not xml']) {
      const reply = await post(h.server.url, body, {
        user: 'alice@contoso.test',
        password: 'Alice-Demo-2016!',
      });
      h.log.responses.push({ name: `malformed ${body}`, xml: reply.body });
      expect(reply.status).toBe(500);
      expect(reply.body).toContain(
        '<faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorSchemaValidation</faultcode>',
      );
    }
  });

  it('faults unknown operations and unimplemented ones with ErrorInvalidRequest', async () => {
    // Exchange dispatches on the Body's element: one it does not know is ErrorInvalidRequest (exchangelib's
    // live-server suite sends <XXX/> and expects it), not a schema fault.
    const unknown = await h.call('alice', '<m:FrobnicateItem/>', { validateRequest: false });
    expect(unknown.status).toBe(500);
    expect(first(unknown.doc, 'ResponseCode').text).toBe('ErrorInvalidRequest');
    const unimplemented = await h.call(
      'alice',
      '<m:GetSharingFolder><m:SmtpAddress>alice@contoso.test</m:SmtpAddress></m:GetSharingFolder>',
    );
    expect(unimplemented.status).toBe(500);
    expect(first(unimplemented.doc, 'ResponseCode').text).toBe('ErrorInvalidRequest');
  });

  it('lets only the service account impersonate', async () => {
    const denied = await h.call('alice', GET_INBOX, { impersonate: 'bob@contoso.test' });
    expect(denied.status).toBe(500);
    expect(first(denied.doc, 'ResponseCode').text).toBe('ErrorImpersonateUserDenied');

    const allowed = await h.call('ews.service', GET_INBOX, { impersonate: 'bob@contoso.test' });
    expect(allowed.status).toBe(200);
    const asSelf = await h.call('bob', GET_INBOX);
    expect(first(allowed.doc, 'FolderId').attrs.Id).toBe(first(asSelf.doc, 'FolderId').attrs.Id);

    const nobody = await h.call('ews.service', GET_INBOX, { impersonate: 'nobody@contoso.test' });
    expect(first(nobody.doc, 'ResponseCode').text).toBe('ErrorNonExistentMailbox');
  });

  it('returns one response message per requested folder, errors included', async () => {
    const reply = await h.call(
      'alice',
      '<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds>' +
        '<t:DistinguishedFolderId Id="calendar"/><t:DistinguishedFolderId Id="voicemail"/>' +
        '<t:FolderId Id="garbage"/></m:FolderIds></m:GetFolder>',
    );
    const messages = findAll(reply.doc, 'GetFolderResponseMessage');
    expect(messages.map((m) => m.attrs.ResponseClass)).toEqual(['Success', 'Error', 'Error']);
    expect(texts(reply.doc, 'ResponseCode')).toEqual([
      'NoError',
      'ErrorFolderNotFound',
      'ErrorInvalidIdMalformed',
    ]);
    expect(findAll(reply.doc, 'CalendarFolder')).toHaveLength(1);
  });
});
