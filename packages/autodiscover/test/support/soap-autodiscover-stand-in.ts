import { child, childText, el, parseXml } from '@ews/core';

// A stand-in for SOAP GetUserSettings on @ews/test-server, which (so far) serves only POX
// Autodiscover. It answers from the test server's own POX answer, so the directory and the
// credential check stay the test server's. Replace it once the test server grows the endpoint.

const NS = 'http://schemas.microsoft.com/exchange/2010/Autodiscover';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export interface StandInServer {
  /** Build of the server, e.g. 15.1.2507.6. */
  readonly build: string;
  /** The EWS URL to advertise (the public https one). */
  readonly ewsUrl: string;
}

/** The mailbox a GetUserSettings request asks about. */
export function requestedMailbox(soapRequest: string): string | undefined {
  const envelope = parseXml(soapRequest);
  return childText(
    child(envelope, 'Body', 'GetUserSettingsRequestMessage', 'Request', 'Users', 'User'),
    'Mailbox',
  )?.trim();
}

/** A POX request for the same mailbox, to ask the test server with. */
export function poxRequestFor(mailbox: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>${
    el(
      'Autodiscover',
      { xmlns: 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006' },
      [
        el('Request', {}, [
          el('EMailAddress', {}, mailbox),
          el(
            'AcceptableResponseSchema',
            {},
            'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a',
          ),
        ]),
      ],
    ).xml
  }`;
}

/** The GetUserSettings answer, built from the test server's POX answer (undefined: no such mailbox). */
export function getUserSettingsResponse(
  server: StandInServer,
  mailbox: string,
  poxAnswer: string | undefined,
): string {
  const user = poxAnswer === undefined ? undefined : child(parseXml(poxAnswer), 'Response', 'User');
  const [major = '0', minor = '0', majorBuild = '0', minorBuild = '0'] = server.build.split('.');
  const setting = (name: string, value: string) =>
    el('UserSetting', { 'i:type': 'StringSetting' }, [el('Name', {}, name), el('Value', {}, value)]);
  const userResponse =
    user === undefined
      ? el('UserResponse', {}, [
          el('ErrorCode', {}, 'InvalidUser'),
          el('ErrorMessage', {}, `Invalid user: '${mailbox}'`),
          el('RedirectTarget', { 'i:nil': 'true' }),
          el('UserSettingErrors'),
          el('UserSettings'),
        ])
      : el('UserResponse', {}, [
          el('ErrorCode', {}, 'NoError'),
          el('ErrorMessage', {}, 'No error.'),
          el('RedirectTarget', { 'i:nil': 'true' }),
          el('UserSettingErrors', {}, [
            el('UserSettingError', {}, [
              el('ErrorCode', {}, 'SettingIsNotAvailable'),
              el('ErrorMessage', {}, 'User setting InternalEwsUrl is not available.'),
              el('SettingName', {}, 'InternalEwsUrl'),
            ]),
          ]),
          el('UserSettings', {}, [
            setting('UserDisplayName', childText(user, 'DisplayName') ?? ''),
            setting('AutoDiscoverSMTPAddress', childText(user, 'AutoDiscoverSMTPAddress') ?? mailbox),
            setting('ExternalEwsUrl', server.ewsUrl),
            setting('CasVersion', server.build),
            setting(
              'EwsSupportedSchemas',
              'Exchange2007, Exchange2007_SP1, Exchange2010, Exchange2010_SP1, Exchange2010_SP2, Exchange2013, Exchange2013_SP1, Exchange2016',
            ),
          ]),
        ]);
  const envelope = el(
    's:Envelope',
    {
      'xmlns:s': 'http://schemas.xmlsoap.org/soap/envelope/',
      'xmlns:a': 'http://www.w3.org/2005/08/addressing',
    },
    [
      el('s:Header', {}, [
        el('a:Action', { 's:mustUnderstand': '1' }, `${NS}/Autodiscover/GetUserSettingsResponse`),
        el('h:ServerVersionInfo', { 'xmlns:h': NS, 'xmlns:i': XSI }, [
          el('h:MajorVersion', {}, major),
          el('h:MinorVersion', {}, minor),
          el('h:MajorBuildNumber', {}, majorBuild),
          el('h:MinorBuildNumber', {}, minorBuild),
          el('h:Version', {}, 'Exchange2015'),
        ]),
      ]),
      el(
        's:Body',
        {},
        el('GetUserSettingsResponseMessage', { xmlns: NS, 'xmlns:i': XSI }, [
          el('Response', {}, [
            el('ErrorCode', {}, 'NoError'),
            el('ErrorMessage'),
            el('UserResponses', {}, userResponse),
          ]),
        ]),
      ),
    ],
  );
  return `<?xml version="1.0" encoding="utf-8"?>${envelope.xml}`;
}
