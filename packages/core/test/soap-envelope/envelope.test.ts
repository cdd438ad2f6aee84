import { createEnvelopeRecorder } from '@ews-tools/ews-schema';
import { loadVectors } from '@ews-tools/vectors';
import { afterAll, describe, expect, it } from 'vitest';
import { EwsError } from '../../src/errors/ews-error.js';
import {
  buildEnvelope,
  type EnvelopeOptions,
  SOAP_CONTENT_TYPE,
  soapActionFor,
} from '../../src/soap/envelope.js';
import type { Impersonation } from '../../src/soap/headers/impersonation.js';
import { buildSendNotificationResult } from '../../src/soap/notification-reply.js';
import { EXCHANGE_VERSIONS } from '../../src/versions/exchange-version.js';
import { el } from '../../src/xml/write.js';
import { canonicalXml } from './canonical-xml.js';

interface EnvelopeVector {
  readonly id: string;
  readonly input: {
    readonly content?: string;
    readonly api_version?: string;
    readonly connecting_sid?: Readonly<Record<string, string>>;
    readonly timezone_ms_id?: string;
    readonly subscription_status?: string;
  };
  readonly expected_pretty_xml: string;
}

const vectors = (loadVectors('soap-envelopes') as { vectors: EnvelopeVector[] }).vectors;

// Every envelope built in this file is validated against the EWS schema in one xmllint run.
const recorder = createEnvelopeRecorder();
afterAll(async () => {
  expect(recorder.size).toBeGreaterThanOrEqual(30);
  await recorder.assertAllValid();
});
const build = (options: EnvelopeOptions, name: string): string =>
  recorder.record(buildEnvelope(options), name);

const GET_FOLDER = el('m:GetFolder', {}, [
  el('m:FolderShape', {}, el('t:BaseShape', {}, 'IdOnly')),
  el('m:FolderIds', {}, el('t:DistinguishedFolderId', { Id: 'inbox' })),
]).xml;

// exchangelib's ConnectingSID element name → our impersonation option.
const IMPERSONATION_KEYS: Readonly<Record<string, string>> = {
  PrimarySmtpAddress: 'primarySmtpAddress',
  SmtpAddress: 'smtpAddress',
  PrincipalName: 'principalName',
  SID: 'sid',
};

describe('exchangelib envelope vectors (soap-envelopes.json)', () => {
  it('has the vectors this file expects', () => {
    expect(vectors.filter((v) => v.id.startsWith('wrap-')).length).toBe(5);
    expect(vectors.filter((v) => v.id.startsWith('push-callback-reply-')).length).toBe(2);
  });

  // The README rule (strip each line's indent and join) would glue exchangelib's multi-line start
  // tag together, and our wire form differs from exchangelib's only in insignificant ways: `soap:`
  // instead of `s:`, `"` instead of `'` in the XML declaration, no pretty printing. So both sides
  // are compared as namespace-resolved canonical trees (element order and text stay significant).
  // exchangelib's test uses placeholders that are not valid EWS ('BBB' as version, <AAA/> as
  // body); we build with a real version and operation and put the same into the expected XML.
  for (const vector of vectors.filter((v) => v.id.startsWith('wrap-'))) {
    it(vector.id, () => {
      const { input } = vector;
      expect(input.content).toBe('<AAA/>');
      expect(input.api_version).toBe('BBB');
      const sid = Object.entries(input.connecting_sid ?? {});
      const impersonation =
        sid.length === 1
          ? ({ [IMPERSONATION_KEYS[sid[0]![0]]!]: sid[0]![1] } as unknown as Impersonation)
          : undefined;
      const actual = build(
        {
          version: 'Exchange2016',
          body: GET_FOLDER,
          impersonation,
          timeZone: input.timezone_ms_id === undefined ? undefined : { id: input.timezone_ms_id },
        },
        vector.id,
      );
      const expected = vector.expected_pretty_xml
        .replace('Version="BBB"', 'Version="Exchange2016"')
        .replace('<AAA/>', GET_FOLDER);
      expect(canonicalXml(actual)).toBe(canonicalXml(expected));
      expect(actual.startsWith('<?xml version="1.0" encoding="utf-8"?><soap:Envelope ')).toBe(true);
      expect(actual).not.toMatch(/>\s+</);
    });
  }

  for (const vector of vectors.filter((v) => v.id.startsWith('push-callback-reply-'))) {
    it(vector.id, () => {
      const status = vector.input.subscription_status as 'OK' | 'Unsubscribe';
      const actual = recorder.record(buildSendNotificationResult(status), vector.id);
      expect(canonicalXml(actual)).toBe(canonicalXml(vector.expected_pretty_xml));
    });
  }
});

describe('buildEnvelope', () => {
  it('writes the exact wire form', () => {
    const actual = build({ version: 'Exchange2013_SP1', body: GET_FOLDER }, 'exact');
    expect(actual).toBe(
      '<?xml version="1.0" encoding="utf-8"?>' +
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"' +
        ' xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"' +
        ' xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
        '<soap:Header><t:RequestServerVersion Version="Exchange2013_SP1"/></soap:Header>' +
        `<soap:Body>${GET_FOLDER}</soap:Body></soap:Envelope>`,
    );
  });

  it.each(EXCHANGE_VERSIONS)('accepts %s, every value of t:ExchangeVersionType', (version) => {
    const actual = build({ version, body: GET_FOLDER }, `version ${version}`);
    expect(actual).toContain(`<t:RequestServerVersion Version="${version}"/>`);
  });

  it('writes all headers in a fixed order', () => {
    const actual = build(
      {
        managementRole: { userRoles: ['UserRole1'], applicationRoles: ['MailboxSearchApplication', 'Other'] },
        dateTimePrecision: 'Milliseconds',
        timeZone: { id: 'W. Europe Standard Time' },
        mailboxCulture: 'de-DE',
        impersonation: { smtpAddress: 'room-42@contoso.com' },
        version: 'Exchange2013',
        body: GET_FOLDER,
      },
      'all headers',
    );
    const header = actual.slice(actual.indexOf('<soap:Header>'), actual.indexOf('</soap:Header>'));
    expect(header).toBe(
      '<soap:Header>' +
        '<t:RequestServerVersion Version="Exchange2013"/>' +
        '<t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>room-42@contoso.com</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>' +
        '<t:MailboxCulture>de-DE</t:MailboxCulture>' +
        '<t:TimeZoneContext><t:TimeZoneDefinition Id="W. Europe Standard Time"/></t:TimeZoneContext>' +
        '<t:DateTimePrecision>Milliseconds</t:DateTimePrecision>' +
        '<t:ManagementRole><t:UserRoles><t:Role>UserRole1</t:Role></t:UserRoles>' +
        '<t:ApplicationRoles><t:Role>MailboxSearchApplication</t:Role><t:Role>Other</t:Role></t:ApplicationRoles></t:ManagementRole>',
    );
  });

  it.each<[string, Impersonation, string]>([
    [
      'primarySmtpAddress',
      { primarySmtpAddress: 'a@b.example' },
      '<t:PrimarySmtpAddress>a@b.example</t:PrimarySmtpAddress>',
    ],
    ['smtpAddress', { smtpAddress: 'a@b.example' }, '<t:SmtpAddress>a@b.example</t:SmtpAddress>'],
    [
      'principalName',
      { principalName: 'alice@corp.example' },
      '<t:PrincipalName>alice@corp.example</t:PrincipalName>',
    ],
    ['sid', { sid: 'S-1-5-21-1-2-3-1001' }, '<t:SID>S-1-5-21-1-2-3-1001</t:SID>'],
  ])('impersonates by %s', (name, impersonation, element) => {
    const actual = build(
      { version: 'Exchange2010_SP2', impersonation, body: GET_FOLDER },
      `impersonation ${name}`,
    );
    expect(actual).toContain(`<t:ConnectingSID>${element}</t:ConnectingSID>`);
  });

  it('escapes header values', () => {
    const actual = build(
      {
        version: 'Exchange2016',
        impersonation: { principalName: `o'neil&<co>@"x".example` },
        timeZone: { id: 'A & "B" <C>' },
        body: GET_FOLDER,
      },
      'escaping',
    );
    expect(actual).toContain('<t:PrincipalName>o\'neil&amp;&lt;co&gt;@"x".example</t:PrincipalName>');
    expect(actual).toContain('<t:TimeZoneDefinition Id="A &amp; &quot;B&quot; &lt;C&gt;"/>');
  });

  it('accepts an el() fragment as body', () => {
    const body = el('m:GetFolder', {}, [
      el('m:FolderShape', {}, el('t:BaseShape', {}, 'Default')),
      el('m:FolderIds', {}, el('t:FolderId', { Id: 'AAMkAD=', ChangeKey: 'AQAAAB' })),
    ]);
    const actual = build({ version: 'Exchange2016', body }, 'fragment body');
    expect(actual).toContain(`<soap:Body>${body.xml}</soap:Body>`);
  });

  it('exports the SOAPAction and content type', () => {
    expect(soapActionFor('GetFolder')).toBe(
      'http://schemas.microsoft.com/exchange/services/2006/messages/GetFolder',
    );
    expect(SOAP_CONTENT_TYPE).toBe('text/xml; charset=utf-8');
    expect(() => soapActionFor('Get Folder')).toThrow(/Not an EWS operation name/);
    expect(() => soapActionFor('')).toThrow(EwsError);
  });
});

describe('buildEnvelope refuses bad input before building anything', () => {
  const base: EnvelopeOptions = { version: 'Exchange2016', body: GET_FOLDER };
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['an unknown version', { version: 'Exchange2019' }, /version "Exchange2019" is not one of/],
    ["exchangelib's Exchange2015_SP1 (not in the schema)", { version: 'Exchange2015_SP1' }, /not one of/],
    ['a missing version', { version: undefined }, /version undefined is not one of/],
    [
      'an empty address',
      { impersonation: { primarySmtpAddress: '' } },
      /impersonation\.primarySmtpAddress must be a non-empty/,
    ],
    ['a blank SID', { impersonation: { sid: '   ' } }, /impersonation\.sid must be a non-empty/],
    [
      'a non-string address',
      { impersonation: { smtpAddress: 42 } },
      /impersonation\.smtpAddress must be a non-empty/,
    ],
    [
      'two impersonation forms',
      { impersonation: { primarySmtpAddress: 'a@b.example', sid: 'S-1-5' } },
      /exactly one of .*got 2/,
    ],
    ['no impersonation form', { impersonation: {} }, /exactly one of .*got 0/],
    [
      'a misspelt impersonation form',
      { impersonation: { primarySMTPAddress: 'a@b.example' } },
      /Unknown impersonation field\(s\) primarySMTPAddress/,
    ],
    ['a null impersonation', { impersonation: null }, /impersonation must be an object/],
    ['an empty time zone id', { timeZone: { id: '' } }, /timeZone\.id must be a non-empty/],
    ['a time zone without id', { timeZone: {} }, /timeZone\.id must be a non-empty/],
    [
      'a bad precision',
      { dateTimePrecision: 'Microseconds' },
      /dateTimePrecision must be one of Seconds, Milliseconds/,
    ],
    ['a bad culture', { mailboxCulture: 'en_US' }, /mailboxCulture must be a language tag/],
    [
      'an empty management role',
      { managementRole: {} },
      /managementRole needs userRoles or applicationRoles/,
    ],
    ['an empty role list', { managementRole: { userRoles: [] } }, /userRoles must be a non-empty array/],
    [
      'a blank role',
      { managementRole: { applicationRoles: ['ok', ''] } },
      /applicationRoles\[1\] must be a non-empty/,
    ],
    ['an empty body', { body: '' }, /body must be the serialized operation element/],
    ['a text body', { body: 'GetFolder' }, /body must be the serialized operation element/],
    [
      'a control character in an address',
      { impersonation: { smtpAddress: 'a\u0001@b.example' } },
      /U\+0001 at index 1/,
    ],
  ];
  it.each(cases)('%s', (_name, override, message) => {
    const options = { ...base, ...override } as unknown as EnvelopeOptions;
    let thrown: unknown;
    try {
      buildEnvelope(options);
    } catch (error) {
      thrown = error;
    }
    expect(EwsError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'EWS_INVALID_ARGUMENT', requestFate: 'not-sent' });
    expect((thrown as Error).message).toMatch(message);
  });

  it('never echoes the refused address in the message', () => {
    expect(() =>
      buildEnvelope({ ...base, impersonation: { smtpAddress: 'secret\u0002@x.example' } }),
    ).toThrow(/^(?!.*secret).*$/s);
  });

  it('refuses a bad push reply status', () => {
    expect(() => buildSendNotificationResult('Maybe' as 'OK')).toThrow(
      /status must be one of OK, Unsubscribe/,
    );
  });
});
