import { loadVectors } from '@ews-tools/vectors';
import { describe, expect, it } from 'vitest';
import { ANONYMIZED_ID, anonymizeXml, REMOVED } from '../../src/logging/anonymize-xml.js';

interface AnonymizerVector {
  readonly forbidden_strings: string[];
  readonly input: string;
  readonly expected: string;
}

const vector = (loadVectors('misc') as { anonymizing_log_handler: AnonymizerVector }).anonymizing_log_handler;

describe('anonymizeXml', () => {
  it("matches exchangelib's anonymizing log handler vector", () => {
    expect(vector.input).toContain('ItemId');
    expect(anonymizeXml(vector.input, { forbiddenStrings: vector.forbidden_strings })).toBe(vector.expected);
  });

  it('anonymizes every identifier attribute, in either quote style, and only those', () => {
    const xml =
      `<t:ConversationId Id='AAQkAGI2='/><t:Attachment RootItemId="AAMk=" RootItemChangeKey="CQAA="/>` +
      '<t:ItemId Id="AAMkADk=" ChangeKey="CQAAABYA"/><t:FolderId Id="AQMk" Mailbox="x"/>' +
      '<t:Value Name="BackOffMilliseconds" ValidId="keep">300</t:Value>';
    expect(anonymizeXml(xml)).toBe(
      `<t:ConversationId Id="${ANONYMIZED_ID}"/><t:Attachment RootItemId="${ANONYMIZED_ID}" RootItemChangeKey="${ANONYMIZED_ID}"/>` +
        `<t:ItemId Id="${ANONYMIZED_ID}" ChangeKey="${ANONYMIZED_ID}"/><t:FolderId Id="${ANONYMIZED_ID}" Mailbox="x"/>` +
        '<t:Value Name="BackOffMilliseconds" ValidId="keep">300</t:Value>',
    );
  });

  it('removes e-mail addresses and credential elements, keeping the structure', () => {
    const xml =
      '<t:Mailbox><t:Name>Alice Ray</t:Name><t:EmailAddress>alice.ray@contoso.com</t:EmailAddress></t:Mailbox>' +
      '<t:Attendee Email="bob@fabrikam.co.uk"/>' +
      '<wsse:UsernameToken><wsse:Username>alice</wsse:Username>' +
      '<wsse:Password Type="PasswordText">s3cret!</wsse:Password></wsse:UsernameToken>' +
      '<t:Token><t:Id>eyJ0eXAiOiJKV1QiLCJhbGciOi</t:Id><t:TokenType>CallerIdentity</t:TokenType></t:Token>';
    const out = anonymizeXml(xml, { forbiddenStrings: ['Alice Ray'] });
    expect(out).toBe(
      `<t:Mailbox><t:Name>${REMOVED}</t:Name><t:EmailAddress>${REMOVED}</t:EmailAddress></t:Mailbox>` +
        `<t:Attendee Email="${REMOVED}"/>` +
        '<wsse:UsernameToken><wsse:Username>alice</wsse:Username>' +
        `<wsse:Password Type="PasswordText">${REMOVED}</wsse:Password></wsse:UsernameToken>` +
        `<t:Token>${REMOVED}</t:Token>`,
    );
  });

  it('can keep addresses when debugging routing', () => {
    expect(anonymizeXml('<t:EmailAddress>a@b.example</t:EmailAddress>', { emails: false })).toBe(
      '<t:EmailAddress>a@b.example</t:EmailAddress>',
    );
  });

  it('copes with truncated XML', () => {
    expect(anonymizeXml('<t:ItemId Id="AAMk" Chan')).toBe(`<t:ItemId Id="${ANONYMIZED_ID}" Chan`);
    expect(anonymizeXml('<t:Password>half-of-a-secr')).toBe(`<t:Password>${REMOVED}`);
    expect(anonymizeXml('<t:Password>x</t:Password><t:Subject>kept</t:Subject>')).toBe(
      `<t:Password>${REMOVED}</t:Password><t:Subject>kept</t:Subject>`,
    );
  });
});

describe('anonymizeXml on large bodies', () => {
  it('handles a 2 MB base64 attachment and long text with an address', () => {
    const base64 = Buffer.alloc(1_500_000, 7).toString('base64');
    const xml =
      `<t:FileAttachment><t:AttachmentId Id="AAMkAtt="/><t:Content>${base64}</t:Content></t:FileAttachment>` +
      `<t:Body>${'a'.repeat(200_000)} write to carol@contoso.com</t:Body>`;
    const out = anonymizeXml(xml);
    expect(out).toContain(`<t:Content>${base64}</t:Content>`);
    expect(out).toContain(`<t:AttachmentId Id="${ANONYMIZED_ID}"/>`);
    expect(out).not.toContain('carol@contoso.com');
    expect(out.endsWith(`${REMOVED}</t:Body>`)).toBe(true);
  });
});
