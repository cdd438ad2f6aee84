import { describe, expect, it } from 'vitest';
import { validateAll } from './support/schema-check.js';

const RESPONSE = (code: string) =>
  '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
  '<m:DeleteItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">' +
  `<m:ResponseMessages><m:DeleteItemResponseMessage ResponseClass="Success"><m:ResponseCode>${code}</m:ResponseCode>` +
  '</m:DeleteItemResponseMessage></m:ResponseMessages></m:DeleteItemResponse></s:Body></s:Envelope>';

describe('the schema check the other tests rely on', () => {
  it('accepts a valid response and rejects an unknown ResponseCode, in one batch', async () => {
    const verdicts = await validateAll([
      { name: 'valid', xml: RESPONSE('NoError') },
      { name: 'invalid', xml: RESPONSE('ErrorMadeUp') },
    ]);
    expect(verdicts.map((v) => [v.name, v.valid])).toEqual([
      ['valid', true],
      ['invalid', false],
    ]);
    expect(verdicts[1]?.errors).toContain('ErrorMadeUp');
  });
});
