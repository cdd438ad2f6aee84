import { el } from '@ews/core';

const REQUEST_NAMESPACE = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006';
export const POX_RESPONSE_SCHEMA =
  'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';

/** The plain-XML Autodiscover request (Outlook provider, response schema 2006a). */
export function buildPoxRequest(email: string): {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
} {
  const request = el(
    'Autodiscover',
    { xmlns: REQUEST_NAMESPACE },
    el('Request', {}, [
      el('EMailAddress', {}, email),
      el('AcceptableResponseSchema', {}, POX_RESPONSE_SCHEMA),
    ]),
  );
  return {
    body: `<?xml version="1.0" encoding="utf-8"?>${request.xml}`,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
  };
}
