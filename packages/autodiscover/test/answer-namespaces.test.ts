import { EwsError } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { readPoxResponse } from '../src/pox/pox-response.js';
import { readGetUserSettingsResponse } from '../src/soap/get-user-settings-response.js';
import { poxSettings, soapSettings } from './support/answers.js';

// Issue 12 (fuzz): an Autodiscover answer whose elements were moved to another namespace read as
// a normal one (a root in the wrong schema) or as one missing a part (a User moved away: no SMTP
// address; a UserSetting moved away: no EWS URL; the SOAP Header moved away: no server version).
// Both readers now check where each element may be, as core's EWS answers are.

const ALICE = 'alice@contoso.test';
const EWS = 'https://mail.contoso.test/EWS/Exchange.asmx';
const pox = poxSettings(ALICE, EWS).body as string;
const soap = soapSettings(ALICE, EWS).body as string;
const RESPONSE_SCHEMA = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
const OUTLOOK_SCHEMA = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
const AUTODISCOVER = 'http://schemas.microsoft.com/exchange/2010/Autodiscover';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_PROTOCOL');
    return (error as Error).message;
  }
  throw new Error('expected EWS_PROTOCOL, the answer was accepted');
}

describe('POX answers', () => {
  it('reads the valid answer', () => {
    expect(readPoxResponse(pox)).toMatchObject({ kind: 'settings' });
  });

  it('refuses a root of the other schema', () => {
    const swapped = pox.replace(
      `<Autodiscover xmlns="${RESPONSE_SCHEMA}"`,
      `<Autodiscover xmlns="${OUTLOOK_SCHEMA}"`,
    );
    expect(swapped).not.toBe(pox);
    expect(refusal(() => readPoxResponse(swapped))).toMatch(
      /Unknown root element in the Autodiscover answer: <Autodiscover> in http/,
    );
  });

  it('refuses an element moved to a foreign namespace (it would read as absent)', () => {
    const moved = pox.replace('<User>', '<User xmlns="urn:x">');
    expect(moved).not.toBe(pox);
    expect(refusal(() => readPoxResponse(moved))).toMatch(
      /<User> in namespace urn:x is not allowed inside <Response>/,
    );
  });
});

describe('SOAP GetUserSettings answers', () => {
  it('refuses a string setting whose Value holds elements, instead of leaving the setting out', () => {
    const nested = soap.replace(`<Value>${EWS}</Value>`, `<Value><d><d>${EWS}</d></d></Value>`);
    expect(nested).not.toBe(soap);
    expect(refusal(() => readGetUserSettingsResponse(nested))).toMatch(
      /The Value of UserSetting "ExternalEwsUrl" holds elements, not a string/,
    );
  });

  it('reads the valid answer, its server version from the header', () => {
    expect(readGetUserSettingsResponse(soap)).toMatchObject({ kind: 'settings' });
  });

  it('refuses an Envelope of another namespace, and a Header moved away', () => {
    const envelope = soap
      .replace('<s:Envelope\n', `<s:Envelope xmlns:q="${AUTODISCOVER}"\n`)
      .replaceAll('s:Envelope', 'q:Envelope');
    // Refused as it is read (its SOAP Header is out of place in Autodiscover's namespace).
    expect(refusal(() => readGetUserSettingsResponse(envelope))).toMatch(
      /<s:Header> in namespace .* is not allowed inside <q:Envelope>/,
    );
    const header = soap
      .replace('<s:Header>', '<x:Header xmlns:x="urn:x">')
      .replace('</s:Header>', '</x:Header>');
    expect(refusal(() => readGetUserSettingsResponse(header))).toMatch(
      /Expected the SOAP Header or Body .* got <Header> in namespace urn:x/,
    );
  });

  it('refuses the answer element in the SOAP namespace', () => {
    const answer = soap
      .replace(
        `<GetUserSettingsResponseMessage xmlns="${AUTODISCOVER}">`,
        `<s:GetUserSettingsResponseMessage xmlns="${AUTODISCOVER}">`,
      )
      .replace('</GetUserSettingsResponseMessage>', '</s:GetUserSettingsResponseMessage>');
    expect(refusal(() => readGetUserSettingsResponse(answer))).toMatch(
      /Expected <GetUserSettingsResponseMessage> in namespace/,
    );
  });

  it('refuses a UserSetting, or an element inside a Value, of a foreign namespace', () => {
    const setting = soap.replace(
      '<UserSetting i:type="StringSetting">',
      '<UserSetting xmlns="urn:x" i:type="StringSetting">',
    );
    expect(setting).not.toBe(soap);
    expect(refusal(() => readGetUserSettingsResponse(setting))).toMatch(/<UserSetting> in namespace urn:x/);
    const value = soap.replace(`<Value>${EWS}`, `<Value><f:Value xmlns:f="urn:f">x</f:Value>${EWS}`);
    expect(value).not.toBe(soap);
    expect(refusal(() => readGetUserSettingsResponse(value))).toMatch(/<f:Value> in namespace urn:f/);
  });
});
