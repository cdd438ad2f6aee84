import { el, SOAP_ENVELOPE_NAMESPACE } from '@ews/core';

export const AUTODISCOVER_NAMESPACE = 'http://schemas.microsoft.com/exchange/2010/Autodiscover';
const ADDRESSING_NAMESPACE = 'http://www.w3.org/2005/08/addressing';
export const GET_USER_SETTINGS_ACTION = `${AUTODISCOVER_NAMESPACE}/Autodiscover/GetUserSettings`;

/** Settings asked for unless the caller names others; together they say where EWS is and what it speaks. */
export const DEFAULT_REQUESTED_SETTINGS: readonly string[] = Object.freeze([
  'UserDisplayName',
  'AutoDiscoverSMTPAddress',
  'ExternalEwsUrl',
  'InternalEwsUrl',
  'CasVersion',
  'EwsSupportedSchemas',
  'UserDeploymentId',
]);

/** A GetUserSettings request for one mailbox (WS-Addressing headers as Exchange expects them). */
export function buildGetUserSettingsRequest(
  email: string,
  endpoint: URL,
  settings: readonly string[] = DEFAULT_REQUESTED_SETTINGS,
): { readonly body: string; readonly headers: Readonly<Record<string, string>> } {
  const envelope = el(
    'soap:Envelope',
    {
      'xmlns:soap': SOAP_ENVELOPE_NAMESPACE,
      'xmlns:a': AUTODISCOVER_NAMESPACE,
      'xmlns:wsa': ADDRESSING_NAMESPACE,
    },
    [
      el('soap:Header', {}, [
        el('a:RequestedServerVersion', {}, 'Exchange2010'),
        el('wsa:Action', {}, GET_USER_SETTINGS_ACTION),
        el('wsa:To', {}, endpoint.href),
      ]),
      el(
        'soap:Body',
        {},
        el(
          'a:GetUserSettingsRequestMessage',
          {},
          el('a:Request', {}, [
            el('a:Users', {}, el('a:User', {}, el('a:Mailbox', {}, email))),
            el(
              'a:RequestedSettings',
              {},
              settings.map((name) => el('a:Setting', {}, name)),
            ),
          ]),
        ),
      ),
    ],
  );
  return {
    body: `<?xml version="1.0" encoding="utf-8"?>${envelope.xml}`,
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${GET_USER_SETTINGS_ACTION}"` },
  };
}
