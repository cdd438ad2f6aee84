import type { DirectoryMailbox } from '../directory/directory.js';
import type { ServerVersionProfile } from '../soap/server-versions.js';
import type { ExchangeState } from '../store/exchange-state.js';
import { child, childrenNamed, childText, parseXml, type XmlElement } from '../xml/xml-tree.js';
import { el, toXml, type XmlFragment } from '../xml/xml-writer.js';
import { buildText, deploymentId, organizationOf, serverDn, userDn } from './autodiscover-identity.js';

// SOAP Autodiscover (MS-OXWSADISC) GetUserSettings, as Exchange 2013+ answers it at
// /autodiscover/autodiscover.svc: a WCF service with WS-Addressing, so the wsa:Action header
// picks the operation and every answer carries ServerVersionInfo in the Autodiscover namespace.

const AUTODISCOVER_NS = 'http://schemas.microsoft.com/exchange/2010/Autodiscover';
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const ADDRESSING_NS = 'http://www.w3.org/2005/08/addressing';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const GET_USER_SETTINGS_ACTION = `${AUTODISCOVER_NS}/Autodiscover/GetUserSettings`;
/** Exchange refuses more users per request than this (ExceededMaxUsers…); we answer with a request error. */
const MAX_USERS = 100;

/** An HTTP answer for the endpoint: 200 with the response message, or 500 with a SOAP fault. */
export interface SoapAutodiscoverReply {
  readonly status: 200 | 500;
  readonly body: string;
}

export interface SoapAutodiscoverContext {
  readonly state: ExchangeState;
  /** The EWS URL to hand out (the server's own origin). */
  readonly ewsUrl: string;
}

/** What a setting's value is for one mailbox; undefined when the server has none to give. */
type SettingSource = (mailbox: DirectoryMailbox, context: SettingContext) => string | undefined;

interface SettingContext {
  readonly ewsUrl: string;
  readonly version: ServerVersionProfile;
  readonly organization: string;
}

/** The string settings this server has values for, by MS-OXWSADISC name. */
const SETTING_VALUES: Readonly<Record<string, SettingSource>> = Object.freeze({
  UserDisplayName: (mailbox) => mailbox.name,
  UserDN: (mailbox, context) => userDn(context.organization, mailbox.address),
  UserDeploymentId: (_mailbox, context) => deploymentId(context.organization),
  AutoDiscoverSMTPAddress: (mailbox) => mailbox.address,
  InternalEwsUrl: (_mailbox, context) => context.ewsUrl,
  ExternalEwsUrl: (_mailbox, context) => context.ewsUrl,
  InternalMailboxServer: (_mailbox, context) => new URL(context.ewsUrl).hostname,
  ExternalMailboxServer: (_mailbox, context) => new URL(context.ewsUrl).hostname,
  ExternalMailboxServerRequiresSSL: (_mailbox, context) => String(context.ewsUrl.startsWith('https:')),
  CasVersion: (_mailbox, context) => buildText(context.version),
  EwsSupportedSchemas: (_mailbox, context) => supportedSchemas(context.version),
  MailboxDN: (mailbox, context) => serverDn(context.organization, mailbox.address),
  UserMSOnline: () => 'False',
  MapiHttpEnabled: () => 'False',
});

/**
 * Names Exchange knows but this server has no value for: like Exchange, it leaves them out of
 * UserSettings without an error (exchangelib asks for all of these and fails on any setting error).
 * Any name outside both lists gets an InvalidSetting error.
 */
const SETTINGS_WITHOUT_VALUE: ReadonlySet<string> = new Set(
  (
    'ActiveDirectoryServer AlternateMailboxes CrossOrganizationSharingEnabled EcpDeliveryReportUrlFragment ' +
    'EcpEmailSubscriptionsUrlFragment EcpPublishingUrlFragment EcpRetentionPolicyTagsUrlFragment ' +
    'EcpTextMessagingUrlFragment EcpVoicemailUrlFragment ExchangeRpcUrl ExternalEcpDeliveryReportUrl ' +
    'ExternalEcpEmailSubscriptionsUrl ExternalEcpPublishingUrl ExternalEcpRetentionPolicyTagsUrl ' +
    'ExternalEcpTextMessagingUrl ExternalEcpUrl ExternalEcpVoicemailUrl ExternalEwsVersion ' +
    'ExternalImap4Connections ExternalMailboxServerAuthenticationMethods ExternalOABUrl ' +
    'ExternalPop3Connections ExternalServerExclusiveConnect ExternalSmtpConnections ExternalUMUrl ' +
    'ExternalWebClientUrls GroupingInformation InternalEcpDeliveryReportUrl InternalEcpEmailSubscriptionsUrl ' +
    'InternalEcpPublishingUrl InternalEcpRetentionPolicyTagsUrl InternalEcpTextMessagingUrl InternalEcpUrl ' +
    'InternalEcpVoicemailUrl InternalImap4Connections InternalMailboxServerDN InternalOABUrl ' +
    'InternalPop3Connections InternalRpcClientServer InternalServerExclusiveConnect InternalSmtpConnections ' +
    'InternalUMUrl InternalWebClientUrls InteropExternalEwsUrl InteropExternalEwsVersion ' +
    'MobileMailboxPolicyInterop PublicFolderServer ShowGalAsDefaultView ExternalPhotosUrl InternalPhotosUrl ' +
    'MobileMailboxPolicy EwsPartnerUrl CertPrincipalName'
  ).split(' '),
);

/** Answers one POST to /autodiscover/autodiscover.svc. */
export function serveSoapAutodiscover(context: SoapAutodiscoverContext, body: string): SoapAutodiscoverReply {
  let envelope: XmlElement;
  try {
    envelope = parseXml(body);
  } catch {
    return fault('a:BadRequest', 'The request is not well-formed XML.', 'none');
  }
  if (envelope.name !== 'Envelope' || child(envelope, 'Body') === undefined) {
    return fault('a:BadRequest', 'The request is not a SOAP 1.1 envelope.', 'none');
  }
  const action = childText(child(envelope, 'Header'), 'Action') ?? '';
  const message = child(child(envelope, 'Body'), 'GetUserSettingsRequestMessage');
  if (action !== GET_USER_SETTINGS_ACTION || message === undefined) {
    return fault(
      'a:ActionNotSupported',
      `The message with Action '${action}' cannot be processed at the receiver, due to a ContractFilter mismatch at the EndpointDispatcher. This may be because of either a contract mismatch (mismatched Actions between sender and receiver) or a binding/security mismatch between the sender and the receiver.  Check that sender and receiver have the same contract and binding (including security requirements, e.g. Message, Transport, None).`,
      'addressing',
    );
  }
  const version = context.state.serverVersion;
  const request = child(message, 'Request');
  const users = childrenNamed(child(request, 'Users'), 'User');
  const requested = childrenNamed(child(request, 'RequestedSettings'), 'Setting').map((s) => s.text.trim());
  const problem =
    users.length === 0
      ? ['InvalidRequest', 'The request contains no users.']
      : users.length > MAX_USERS
        ? ['InvalidRequest', `The request contains more than ${MAX_USERS} users.`]
        : requested.length === 0
          ? ['InvalidRequest', 'The request contains no settings.']
          : undefined;
  const settingContext: SettingContext = {
    ewsUrl: context.ewsUrl,
    version,
    organization: organizationOf(context.state.directory.domain),
  };
  const responses = problem
    ? undefined
    : users.map((user) =>
        userResponse(context.state, childText(user, 'Mailbox') ?? '', requested, settingContext),
      );
  const response = el(
    'GetUserSettingsResponseMessage',
    { xmlns: AUTODISCOVER_NS },
    el(
      'Response',
      { 'xmlns:i': XSI_NS },
      el('ErrorCode', null, problem?.[0] ?? 'NoError'),
      el('ErrorMessage', null, problem?.[1] ?? ''),
      el('UserResponses', null, responses ?? []),
    ),
  );
  return { status: 200, body: envelopeFor(version, `${GET_USER_SETTINGS_ACTION}Response`, response) };
}

function userResponse(
  state: ExchangeState,
  address: string,
  requested: readonly string[],
  context: SettingContext,
): XmlFragment {
  const mailbox = address === '' ? undefined : state.mailbox(address);
  if (mailbox === undefined) {
    return el(
      'UserResponse',
      null,
      el('ErrorCode', null, 'InvalidUser'),
      el('ErrorMessage', null, `Invalid user: '${address}'`),
      el('RedirectTarget', { 'i:nil': 'true' }),
      el('UserSettingErrors', null),
      el('UserSettings', null),
    );
  }
  const settings: XmlFragment[] = [];
  const errors: XmlFragment[] = [];
  for (const name of requested) {
    const source = Object.hasOwn(SETTING_VALUES, name) ? SETTING_VALUES[name] : undefined;
    const value = source?.(mailbox, context);
    if (value !== undefined) {
      settings.push(
        el('UserSetting', { 'i:type': 'StringSetting' }, el('Name', null, name), el('Value', null, value)),
      );
    } else if (source === undefined && !SETTINGS_WITHOUT_VALUE.has(name)) {
      errors.push(
        el(
          'UserSettingError',
          null,
          el('ErrorCode', null, 'InvalidSetting'),
          el('ErrorMessage', null, `The requested setting is invalid: ${name}.`),
          el('SettingName', null, name),
        ),
      );
    }
  }
  return el(
    'UserResponse',
    null,
    el('ErrorCode', null, 'NoError'),
    el('ErrorMessage', null, 'No error.'),
    el('RedirectTarget', { 'i:nil': 'true' }),
    el('UserSettingErrors', null, errors),
    el('UserSettings', null, settings),
  );
}

function envelopeFor(version: ServerVersionProfile, action: string, body: XmlFragment): string {
  const envelope = el(
    's:Envelope',
    { 'xmlns:s': SOAP_NS, 'xmlns:a': ADDRESSING_NS },
    el(
      's:Header',
      null,
      el('a:Action', { 's:mustUnderstand': '1' }, action),
      el(
        'h:ServerVersionInfo',
        { 'xmlns:h': AUTODISCOVER_NS, 'xmlns:i': XSI_NS },
        el('h:MajorVersion', null, version.majorVersion),
        el('h:MinorVersion', null, version.minorVersion),
        el('h:MajorBuildNumber', null, version.majorBuildNumber),
        el('h:MinorBuildNumber', null, version.minorBuildNumber),
        el('h:Version', null, autodiscoverVersionName(version)),
      ),
    ),
    el('s:Body', null, body),
  );
  return `<?xml version="1.0" encoding="utf-8"?>${toXml(envelope)}`;
}

/** WCF's fault for requests it cannot dispatch (HTTP 500), in the addressing or "none" namespace. */
function fault(code: string, text: string, namespace: 'addressing' | 'none'): SoapAutodiscoverReply {
  const codeNs =
    namespace === 'addressing' ? ADDRESSING_NS : 'http://schemas.microsoft.com/ws/2005/05/addressing/none';
  const envelope = el(
    's:Envelope',
    { 'xmlns:s': SOAP_NS },
    el(
      's:Body',
      null,
      el(
        's:Fault',
        null,
        el('faultcode', { 'xmlns:a': codeNs }, code),
        el('faultstring', { 'xml:lang': 'en-US' }, text),
      ),
    ),
  );
  return { status: 500, body: `<?xml version="1.0" encoding="utf-8"?>${toXml(envelope)}` };
}

/** Exchange 2013 calls itself Exchange2013 here; 2016 and 2019 say Exchange2015. */
function autodiscoverVersionName(version: ServerVersionProfile): string {
  return version.minorVersion === 0 ? 'Exchange2013' : 'Exchange2015';
}

/** The classic schema names among the versions the server accepts (the V20xx ones are not listed). */
function supportedSchemas(version: ServerVersionProfile): string {
  return version.acceptedRequestVersions
    .filter((name) => /^Exchange20\d\d(_SP\d)?$/.test(name) && name !== 'Exchange2015')
    .join(', ');
}
