import { EwsProtocolError } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { readPoxResponse } from '../src/pox/pox-response.js';
import { readGetUserSettingsResponse } from '../src/soap/get-user-settings-response.js';
import { interpretUserResponse } from '../src/soap/user-response.js';
import { orderSrvRecords, parseSrvRecord } from '../src/srv.js';
import { autodiscoverVectors, renderTemplate } from './support/vector-templates.js';

const vectors = autodiscoverVectors();
const ADDRESS = 'john@contoso.test';
const EWS_URL = 'https://mail.contoso.test/EWS/Exchange.asmx';
const AUTODISCOVER_URL = 'https://other.contoso.test/autodiscover/autodiscover.svc';
const VALUES = { address: ADDRESS, ews_url: EWS_URL, autodiscover_url: AUTODISCOVER_URL };

describe('SOAP templates (template_parse_expectations)', () => {
  it.each(Object.entries(vectors.soap.template_parse_expectations))('%s', (id, expected) => {
    const answer = readGetUserSettingsResponse(renderTemplate(vectors.soap.templates, id, VALUES));
    const fill = (value: string | null | undefined) =>
      value?.replace(/\{(\w+)\}/g, (_w, name: string) => VALUES[name as keyof typeof VALUES]);
    if (id === 'settings') {
      expect(answer.kind).toBe('settings');
      if (answer.kind !== 'settings') return;
      expect(answer.settings.AutoDiscoverSMTPAddress).toBe(fill(expected.autodiscover_smtp_address));
      expect(answer.ewsUrl).toBe(fill(expected['ews_url (ExternalEwsUrl)']));
      // exchangelib reports no version for this answer; we read the SOAP header's ServerVersionInfo.
      expect(expected.version).toBeNull();
      expect(answer.serverVersion?.build.toString()).toBe('15.20.5834.15');
    } else if (id === 'redirect_address') {
      expect(expected.error_code).toBe('RedirectAddress');
      expect(answer).toEqual({ kind: 'redirect-address', address: fill(expected.redirect_address) });
    } else {
      expect(expected.error_code).toBe('RedirectUrl');
      expect(answer).toEqual({ kind: 'redirect-url', url: fill(expected.redirect_url) });
    }
  });
});

describe('SOAP UserResponse errors (user_response_raise_errors)', () => {
  it.each(vectors.soap.user_response_raise_errors.map((v, i) => [i, v] as const))('#%i', (_i, vector) => {
    const { input, expected } = vector;
    const settingErrors = Object.entries(input.user_settings_errors ?? {}).map(
      ([name, [code, message]]) => `${name}: ${code} (${message})`,
    );
    // An answer whose settings came back carries the EWS URL; one with setting errors does not.
    const answer = interpretUserResponse({
      errorCode: input.error_code,
      errorMessage: input.error_message,
      settings: settingErrors.length === 0 ? { ExternalEwsUrl: EWS_URL } : {},
      settingErrors,
    });
    if (expected === null) {
      expect(answer).toMatchObject({ kind: 'settings', ewsUrl: EWS_URL });
    } else if (expected.error_class === 'ErrorNonExistentMailbox') {
      expect(answer).toEqual({ kind: 'error', severity: 'mailbox-not-found', message: expected.message });
    } else {
      expect(expected.error_class).toBe('AutoDiscoverFailed');
      expect(answer.kind === 'error' && answer.severity).toBe('step-failed');
      // The same facts as exchangelib's message, in our words.
      const facts = expected.message.match(/[A-Z]{3,}|InvalidRequest|foo/g) ?? [];
      expect(facts.length).toBeGreaterThan(0);
      for (const fact of facts) expect(answer.kind === 'error' ? answer.message : '').toContain(fact);
    }
  });
});

describe('SRV records (srv_records)', () => {
  it.each(vectors.soap.srv_records.parse.map((v) => [v.rdata, v] as const))('parses %s', (_rdata, vector) => {
    const record = parseSrvRecord(vector.rdata);
    if (vector.expected === null) expect(record).toBeUndefined();
    else {
      const { priority, weight, port, srv } = vector.expected;
      expect(record).toEqual({ priority, weight, port, name: srv });
    }
  });

  it.each(vectors.soap.srv_records.select.map((v, i) => [i, v] as const))('select #%i', (_i, vector) => {
    const records = vector.records.map(([priority, weight, port, name]) => ({
      priority,
      weight,
      port,
      name,
    }));
    const ordered = orderSrvRecords(records, () => 0.5);
    expect(ordered).toHaveLength(records.length);
    if (vector.expected_error !== undefined) {
      // exchangelib refuses; we try what is there: nothing, or the record on its own port (RFC 2782).
      expect(ordered.map((r) => r.port)).toEqual(records.map((r) => r.port));
      return;
    }
    const lowest = Math.min(...records.map((r) => r.priority));
    const highest = Math.max(...records.map((r) => r.priority));
    // RFC 2782: the lowest priority value is tried first. exchangelib picks the highest (its vector).
    expect(ordered[0]?.priority).toBe(lowest);
    expect(records.find((r) => r.name === vector.expected)?.priority).toBe(highest);
  });
});

describe('POX answers (pox.parse, pox.raise_errors, pox.templates)', () => {
  it.each(vectors.pox.parse.map((v, i) => [i, v] as const))('parse #%i', (_i, vector) => {
    const body = vector.response_xml ?? vector.response_body ?? '';
    const expected = vector.expected;
    if (expected.error_class === 'ParseError') {
      expect(() => readPoxResponse(body)).toThrow(EwsProtocolError);
      expect(() => readPoxResponse(body)).toThrow(
        body.startsWith('<') ? /Unknown root element/ : /Expected an XML document/,
      );
      return;
    }
    const answer = readPoxResponse(body);
    if (expected.redirect_address)
      expect(answer).toEqual({ kind: 'redirect-address', address: expected.redirect_address });
    else if (expected.redirect_url)
      expect(answer).toEqual({ kind: 'redirect-url', url: expected.redirect_url });
    else if (expected['protocol.ews_url'])
      expect(answer).toMatchObject({ kind: 'settings', ewsUrl: expected['protocol.ews_url'] });
    else {
      expect(expected.error_class).toBe('ValueError');
      expect(answer).toMatchObject({
        kind: 'error',
        severity: 'step-failed',
        message: expect.stringMatching(/EXPR or EXCH/),
      });
    }
  });

  it.each(vectors.pox.raise_errors.map((v, i) => [i, v] as const))('error #%i', (_i, vector) => {
    const outer = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
    const error =
      typeof vector.input === 'string'
        ? ''
        : `<Response><Error Time="10:00:00" Id="1">${vector.input.Error.ErrorCode === undefined ? '' : `<ErrorCode>${vector.input.Error.ErrorCode}</ErrorCode>`}<Message>${vector.input.Error.Message ?? ''}</Message><DebugData /></Error></Response>`;
    const answer = readPoxResponse(
      `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="${outer}">${error}</Autodiscover>`,
    );
    if (vector.expected.error_class === 'ErrorNonExistentMailbox') {
      expect(answer).toMatchObject({ kind: 'error', severity: 'mailbox-not-found' });
    } else {
      expect(answer).toMatchObject({ kind: 'error', severity: 'step-failed' });
      if (typeof vector.input !== 'string')
        expect(answer.kind === 'error' && answer.message).toBe('YYY: XXX');
    }
  });

  it.each(vectors.pox.templates.map((t) => [t.id] as const))('template %s', (id) => {
    const answer = readPoxResponse(renderTemplate(vectors.pox.templates, id, VALUES));
    const expected = {
      settings: {
        kind: 'settings',
        ewsUrl: EWS_URL,
        settings: { AutoDiscoverSMTPAddress: ADDRESS, ExternalEwsUrl: EWS_URL },
      },
      redirect_address: { kind: 'redirect-address', address: ADDRESS },
      redirect_url: { kind: 'redirect-url', url: EWS_URL },
    }[id];
    expect(answer).toMatchObject(expected ?? { kind: 'unknown template' });
  });

  it('reads the server version a POX EXCH protocol carries (738180DA is Exchange 2010 SP1, 14.1.218)', () => {
    const body = `<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"><Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"><Account><Action>settings</Action><Protocol><Type>EXCH</Type><ServerVersion>738180DA</ServerVersion><EwsUrl>${EWS_URL}</EwsUrl></Protocol></Account></Response></Autodiscover>`;
    const answer = readPoxResponse(body);
    expect(answer.kind === 'settings' && answer.serverVersion?.build.toString()).toBe('14.1.218.0');
    expect(answer.kind === 'settings' && answer.serverVersion?.apiVersion).toBe('Exchange2010_SP1');
  });

  it('keeps the EXCH server version when only EXPR carries the EWS URL (Microsoft’s example shape)', () => {
    // Microsoft's POX response example: EXCH names the mailbox server and its ServerVersion but no
    // EwsUrl when no internal URL is set; EXPR (Outlook Anywhere) carries the external EWS URL.
    const body = `<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"><Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"><Account><AccountType>email</AccountType><Action>settings</Action><Protocol><Type>EXCH</Type><Server>MBX.contoso.test</Server><ServerVersion>73C08204</ServerVersion><ASUrl>${EWS_URL}</ASUrl></Protocol><Protocol><Type>EXPR</Type><Server>mail.contoso.test</Server><EwsUrl>${EWS_URL}</EwsUrl></Protocol><Protocol><Type>WEB</Type><ServerVersion>00000000</ServerVersion></Protocol></Account></Response></Autodiscover>`;
    const answer = readPoxResponse(body);
    expect(answer).toMatchObject({ kind: 'settings', ewsUrl: EWS_URL });
    expect(answer.kind === 'settings' && answer.serverVersion?.build.toString()).toBe('15.0.516.0');
    expect(answer.kind === 'settings' && answer.serverVersion?.apiVersion).toBe('Exchange2013');
  });
});
