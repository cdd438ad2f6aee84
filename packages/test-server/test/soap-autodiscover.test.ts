import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { child, childrenNamed, childText, parseXml, type XmlElement } from '../src/xml/xml-tree.js';
import { runPeerForSummary } from './support/python-peer.js';
import { post } from './support/soap-client.js';

// SOAP Autodiscover GetUserSettings (MS-OXWSADISC) at /autodiscover/autodiscover.svc, asked the
// way exchangelib asks: SOAP 1.1, WS-Addressing Action and To headers, RequestedServerVersion.

const ACTION = 'http://schemas.microsoft.com/exchange/2010/Autodiscover/Autodiscover/GetUserSettings';

function request(
  url: string,
  mailboxes: readonly string[],
  settings: readonly string[],
  action = ACTION,
): string {
  return (
    `<?xml version='1.0' encoding='utf-8'?>` +
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:a="http://schemas.microsoft.com/exchange/2010/Autodiscover" xmlns:wsa="http://www.w3.org/2005/08/addressing">` +
    `<s:Header><a:RequestedServerVersion>Exchange2016</a:RequestedServerVersion><wsa:Action>${action}</wsa:Action><wsa:To>${url}</wsa:To></s:Header>` +
    `<s:Body><a:GetUserSettingsRequestMessage><a:Request><a:Users>${mailboxes
      .map((m) => `<a:User><a:Mailbox>${m}</a:Mailbox></a:User>`)
      .join('')}</a:Users><a:RequestedSettings>${settings
      .map((s) => `<a:Setting>${s}</a:Setting>`)
      .join('')}</a:RequestedSettings></a:Request></a:GetUserSettingsRequestMessage></s:Body></s:Envelope>`
  );
}

function settingsOf(user: XmlElement | undefined): Record<string, string> {
  return Object.fromEntries(
    childrenNamed(child(user, 'UserSettings'), 'UserSetting').map((s) => [
      childText(s, 'Name') ?? '',
      childText(s, 'Value') ?? '',
    ]),
  );
}

function userResponses(body: string): XmlElement[] {
  const response = child(child(child(parseXml(body), 'Body'), 'GetUserSettingsResponseMessage'), 'Response');
  expect(childText(response, 'ErrorCode')).toBe('NoError');
  return childrenNamed(child(response, 'UserResponses'), 'UserResponse');
}

// exchangelib 4.9.0 (Debian's python3-exchangelib, as in exchangelib.test.ts) as an independent
// peer: its own GetUserSettings request (all ~60 settings it knows) and its own response parser.
const EXCHANGELIB_PEER = `
import json, sys
from exchangelib import Configuration, Credentials
from exchangelib.transport import BASIC
from exchangelib.autodiscover.protocol import AutodiscoverProtocol
url, user, password = sys.argv[1:4]
protocol = AutodiscoverProtocol(config=Configuration(service_endpoint=url, credentials=Credentials(user, password), auth_type=BASIC))
found = protocol.get_user_settings(user=user)
found.raise_errors()
missing = protocol.get_user_settings(user='nobody@contoso.test')
try:
    missing.raise_errors()
    missing_error = None
except Exception as error:
    missing_error = type(error).__name__
print(json.dumps({'ews_url': found.ews_url, 'smtp': found.autodiscover_smtp_address,
                  'api_version': found.version.api_version, 'name': found.user_settings.get('user_display_name'),
                  'missing': missing_error}))
`;

let server: TestServer;
let alice: { user: string; password: string };

beforeAll(async () => {
  server = await startTestServer({ seed: 'empty', serverVersion: 'Exchange2019' });
  const mailbox = server.mailboxes.find((m) => m.address === 'alice@contoso.test');
  if (!mailbox) throw new Error('no alice in the demo directory');
  alice = { user: mailbox.address, password: mailbox.password };
});

afterAll(async () => {
  await server?.close();
});

describe('SOAP Autodiscover (GetUserSettings)', () => {
  it('answers with the EWS URL, the build and the user, plus ServerVersionInfo in the header', async () => {
    const settings = [
      'UserDisplayName',
      'ExternalEwsUrl',
      'InternalEwsUrl',
      'CasVersion',
      'EwsSupportedSchemas',
      'UserDN',
    ];
    const reply = await post(
      server.autodiscoverSoapUrl,
      request(server.autodiscoverSoapUrl, ['alice@contoso.test'], settings),
      alice,
    );
    expect(reply.status).toBe(200);
    expect(server.autodiscoverSoapUrl).toBe(
      server.url.replace('/EWS/Exchange.asmx', '/autodiscover/autodiscover.svc'),
    );
    const envelope = parseXml(reply.body);
    const header = child(envelope, 'Header');
    expect(childText(header, 'Action')).toBe(`${ACTION}Response`);
    const info = child(header, 'ServerVersionInfo');
    expect(
      ['MajorVersion', 'MinorVersion', 'MajorBuildNumber', 'MinorBuildNumber']
        .map((n) => childText(info, n))
        .join('.'),
    ).toBe(server.serverVersion.build);
    expect(server.serverVersion.build).toBe('15.2.1544.4');
    const [user, extra] = userResponses(reply.body);
    expect(extra).toBeUndefined();
    expect(childText(user, 'ErrorCode')).toBe('NoError');
    expect(child(user, 'RedirectTarget')?.attrs.nil).toBe('true');
    const values = settingsOf(user);
    expect(values).toMatchObject({
      UserDisplayName: 'Alice Adams',
      ExternalEwsUrl: server.url,
      InternalEwsUrl: server.url,
      CasVersion: '15.2.1544.4',
      UserDN: expect.stringMatching(/^\/o=Contoso\/ou=.*\/cn=Recipients\/cn=alice$/),
    });
    expect(values.EwsSupportedSchemas?.split(', ')).toEqual([
      'Exchange2007',
      'Exchange2007_SP1',
      'Exchange2010',
      'Exchange2010_SP1',
      'Exchange2010_SP2',
      'Exchange2013',
      'Exchange2013_SP1',
      'Exchange2016',
    ]);
    expect(reply.body).toContain('i:type="StringSetting"');
  });

  it('answers every user in order; an unknown one with InvalidUser', async () => {
    const reply = await post(
      server.autodiscoverSoapUrl,
      request(
        server.autodiscoverSoapUrl,
        ['BOB@contoso.test', 'nobody@contoso.test'],
        ['AutoDiscoverSMTPAddress'],
      ),
      alice,
    );
    expect(reply.status).toBe(200);
    const [bob, nobody] = userResponses(reply.body);
    expect(settingsOf(bob)).toEqual({ AutoDiscoverSMTPAddress: 'bob@contoso.test' });
    expect(childText(nobody, 'ErrorCode')).toBe('InvalidUser');
    expect(childText(nobody, 'ErrorMessage')).toBe("Invalid user: 'nobody@contoso.test'");
    expect(settingsOf(nobody)).toEqual({});
  });

  it("exchangelib's full setting list: known settings without a value are left out, unknown ones are InvalidSetting", async () => {
    const known = ['AlternateMailboxes', 'ExternalOABUrl', 'GroupingInformation', 'ExternalEwsUrl'];
    const reply = await post(
      server.autodiscoverSoapUrl,
      request(server.autodiscoverSoapUrl, ['alice@contoso.test'], [...known, 'NoSuchSetting']),
      alice,
    );
    const [user] = userResponses(reply.body);
    expect(Object.keys(settingsOf(user))).toEqual(['ExternalEwsUrl']);
    const errors = childrenNamed(child(user, 'UserSettingErrors'), 'UserSettingError');
    expect(errors.map((e) => [childText(e, 'SettingName'), childText(e, 'ErrorCode')])).toEqual([
      ['NoSuchSetting', 'InvalidSetting'],
    ]);
  });

  it('an empty request is a request-level InvalidRequest', async () => {
    const reply = await post(
      server.autodiscoverSoapUrl,
      request(server.autodiscoverSoapUrl, [], ['UserDN']),
      alice,
    );
    const response = child(
      child(child(parseXml(reply.body), 'Body'), 'GetUserSettingsResponseMessage'),
      'Response',
    );
    expect(childText(response, 'ErrorCode')).toBe('InvalidRequest');
    expect(childrenNamed(child(response, 'UserResponses'), 'UserResponse')).toHaveLength(0);
  });

  it('refuses a request without the WS-Addressing action with a SOAP fault, as WCF does', async () => {
    const reply = await post(
      server.autodiscoverSoapUrl,
      request(server.autodiscoverSoapUrl, ['alice@contoso.test'], ['UserDN'], 'urn:wrong'),
      alice,
    );
    expect(reply.status).toBe(500);
    const fault = child(child(parseXml(reply.body), 'Body'), 'Fault');
    expect(childText(fault, 'faultcode')).toBe('a:ActionNotSupported');
    expect(childText(fault, 'faultstring')).toContain("Action 'urn:wrong'");
    const garbage = await post(server.autodiscoverSoapUrl, '<not-xml', alice);
    expect(garbage.status).toBe(500);
  });

  it('needs the same credentials as EWS', async () => {
    const body = request(server.autodiscoverSoapUrl, ['alice@contoso.test'], ['UserDN']);
    const anonymous = await post(server.autodiscoverSoapUrl, body, undefined);
    expect(anonymous.status).toBe(401);
    expect(String(anonymous.headers['www-authenticate'])).toMatch(/^Basic /);
    const wrong = await post(server.autodiscoverSoapUrl, body, { user: alice.user, password: 'wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).not.toContain('Alice');
  });

  it("exchangelib's own GetUserSettings request and parser agree with the endpoint", async () => {
    const summary = await runPeerForSummary(
      { code: EXCHANGELIB_PEER },
      { args: [server.autodiscoverSoapUrl, alice.user, alice.password], timeoutMs: 60_000 },
    );
    expect(summary).toEqual({
      ews_url: server.url,
      smtp: 'alice@contoso.test',
      api_version: 'Exchange2016',
      name: 'Alice Adams',
      missing: 'ErrorNonExistentMailbox',
    });
  });
});
