import {
  Build,
  child,
  children,
  childText,
  decodeSoapFault,
  EwsProtocolError,
  parseXml,
  SOAP_ENVELOPE_NAMESPACE,
  soapEnvelopeParts,
  type XmlNode,
  xmlContentRules,
} from '@ews/core';
import type { EndpointAnswer } from '../endpoint-answer.js';
import { type DiscoveredServerVersion, discoveredVersion } from '../server-version.js';
import { interpretUserResponse } from './user-response.js';

const ADDRESSING = 'http://www.w3.org/2005/08/addressing';
const AUTODISCOVER = 'http://schemas.microsoft.com/exchange/2010/Autodiscover';

/**
 * The namespaces of a SOAP Autodiscover answer: SOAP 1.1, WS-Addressing (the `Action` header)
 * and Autodiscover's own. Elements of any other are not read.
 */
const SOAP_AUTODISCOVER_NAMESPACES: readonly string[] = Object.freeze([
  SOAP_ENVELOPE_NAMESPACE,
  ADDRESSING,
  AUTODISCOVER,
]);

/**
 * Where elements of a SOAP Autodiscover answer may be: SOAP 1.1's Envelope (soapEnvelopeParts
 * checks its order) and Header take any namespace; the Body holds the answer (Autodiscover's
 * namespace) or a Fault (whose unqualified parts decodeSoapFault checks); Autodiscover's elements
 * hold only Autodiscover's. An element of another namespace anywhere else, which would read as
 * absent (a `UserSetting` moved away: no EWS URL), is refused (EWS_PROTOCOL).
 */
const SOAP_AUTODISCOVER_CONTENT = xmlContentRules({
  namespaces: {
    [SOAP_ENVELOPE_NAMESPACE]: { namespaces: [SOAP_ENVELOPE_NAMESPACE, AUTODISCOVER] },
    [ADDRESSING]: { namespaces: [ADDRESSING] },
    [AUTODISCOVER]: { namespaces: [AUTODISCOVER] },
  },
  elements: {
    [SOAP_ENVELOPE_NAMESPACE]: {
      Envelope: { foreign: true },
      Header: { foreign: true },
      Fault: { foreign: true, namespaces: [] },
    },
  },
});

/** Reads a GetUserSettings answer. Throws EwsProtocolError when the body is not one. */
export function readGetUserSettingsResponse(body: string): EndpointAnswer {
  const operation = 'GetUserSettings';
  const envelope = parseXml(body, {
    operation,
    namespaces: SOAP_AUTODISCOVER_NAMESPACES,
    content: SOAP_AUTODISCOVER_CONTENT,
  });
  const { header, body: soapBody } = soapEnvelopeParts(envelope, operation);
  // The Body holds one element: a SOAP Fault, or the answer in Autodiscover's namespace.
  const [answer, ...more] = soapBody.children;
  if (answer?.name === 'Fault' && answer.namespace === SOAP_ENVELOPE_NAMESPACE && more.length === 0) {
    const decoded = decodeSoapFault(answer, operation);
    return {
      kind: 'error',
      severity: 'step-failed',
      message: `SOAP fault: ${decoded.faultString || decoded.faultCode}`,
    };
  }
  if (answer === undefined || answer.name !== 'GetUserSettingsResponseMessage' || more.length > 0) {
    return {
      kind: 'error',
      severity: 'step-failed',
      message: 'no GetUserSettingsResponseMessage in the SOAP body',
    };
  }
  if (answer.namespace !== AUTODISCOVER) {
    throw new EwsProtocolError(
      `Expected <GetUserSettingsResponseMessage> in namespace ${AUTODISCOVER}, got ${answer.namespace.slice(0, 200) || 'no namespace'}`,
      { operation },
    );
  }
  const response = child(answer, 'Response');
  if (response === undefined) {
    return {
      kind: 'error',
      severity: 'step-failed',
      message: 'no Response in GetUserSettingsResponseMessage',
    };
  }
  const topCode = childText(response, 'ErrorCode')?.trim();
  if (topCode !== undefined && topCode !== '' && topCode !== 'NoError') {
    const message = childText(response, 'ErrorMessage')?.trim();
    return { kind: 'error', severity: 'step-failed', message: message ? `${topCode}: ${message}` : topCode };
  }
  const user = child(response, 'UserResponses', 'UserResponse');
  if (user === undefined)
    return { kind: 'error', severity: 'step-failed', message: 'no UserResponse in the answer' };
  return interpretUserResponse({
    errorCode: childText(user, 'ErrorCode'),
    errorMessage: childText(user, 'ErrorMessage'),
    redirectTarget: childText(user, 'RedirectTarget'),
    settings: readSettings(child(user, 'UserSettings'), operation),
    settingErrors: children(child(user, 'UserSettingErrors'), 'UserSettingError').map(settingError),
    headerVersion: headerVersion(child(header, 'ServerVersionInfo')),
  });
}

/**
 * String-valued settings; complex ones (URL collections, alternate mailboxes), which hold other
 * elements than `Value`, are left out. A `Value` is a string (StringSetting): one holding elements
 * is refused (EWS_PROTOCOL), never skipped as if the setting were not there.
 */
function readSettings(node: XmlNode | undefined, operation: string): Record<string, string> {
  const settings: Record<string, string> = Object.create(null);
  for (const setting of children(node, 'UserSetting')) {
    const name = childText(setting, 'Name')?.trim();
    const value = child(setting, 'Value');
    if (value !== undefined && value.children.length > 0) {
      throw new EwsProtocolError(
        `The Value of UserSetting ${JSON.stringify((name ?? '').slice(0, 100))} holds elements, not a string`,
        { operation },
      );
    }
    if (name && value !== undefined) settings[name] = value.text.trim();
  }
  return settings;
}

function settingError(node: XmlNode): string {
  const name = childText(node, 'SettingName')?.trim() || '?';
  const code = childText(node, 'ErrorCode')?.trim() || 'Error';
  const message = childText(node, 'ErrorMessage')?.trim();
  return message ? `${name}: ${code} (${message})` : `${name}: ${code}`;
}

function headerVersion(info: XmlNode | undefined): DiscoveredServerVersion | undefined {
  const major = childText(info, 'MajorVersion')?.trim();
  const minor = childText(info, 'MinorVersion')?.trim();
  if (!major || !minor) return undefined;
  const parts = [
    major,
    minor,
    childText(info, 'MajorBuildNumber') ?? '0',
    childText(info, 'MinorBuildNumber') ?? '0',
  ];
  try {
    return discoveredVersion(Build.parse(parts.map((part) => part.trim() || '0').join('.')));
  } catch {
    return undefined;
  }
}
