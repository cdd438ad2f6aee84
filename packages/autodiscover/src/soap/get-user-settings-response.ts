import {
  Build,
  child,
  children,
  childText,
  decodeSoapFault,
  parseXml,
  SOAP_ENVELOPE_NAMESPACE,
  type XmlNode,
} from '@ews/core';
import type { EndpointAnswer } from '../endpoint-answer.js';
import { type DiscoveredServerVersion, discoveredVersion } from '../server-version.js';
import { interpretUserResponse } from './user-response.js';

/**
 * The namespaces of a SOAP Autodiscover answer: SOAP 1.1, WS-Addressing (the `Action` header)
 * and Autodiscover's own. Elements of any other are not read.
 */
const SOAP_AUTODISCOVER_NAMESPACES: readonly string[] = Object.freeze([
  SOAP_ENVELOPE_NAMESPACE,
  'http://www.w3.org/2005/08/addressing',
  'http://schemas.microsoft.com/exchange/2010/Autodiscover',
]);

/** Reads a GetUserSettings answer. Throws EwsProtocolError when the body is not one. */
export function readGetUserSettingsResponse(body: string): EndpointAnswer {
  const envelope = parseXml(body, { operation: 'GetUserSettings', namespaces: SOAP_AUTODISCOVER_NAMESPACES });
  if (envelope.name !== 'Envelope') {
    return {
      kind: 'error',
      severity: 'step-failed',
      message: `not a SOAP envelope (root element ${envelope.name})`,
    };
  }
  const soapBody = child(envelope, 'Body');
  const fault = child(soapBody, 'Fault');
  if (fault !== undefined) {
    const decoded = decodeSoapFault(fault);
    return {
      kind: 'error',
      severity: 'step-failed',
      message: `SOAP fault: ${decoded.faultString || decoded.faultCode}`,
    };
  }
  const response = child(soapBody, 'GetUserSettingsResponseMessage', 'Response');
  if (response === undefined) {
    return {
      kind: 'error',
      severity: 'step-failed',
      message: 'no GetUserSettingsResponseMessage in the SOAP body',
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
    settings: readSettings(child(user, 'UserSettings')),
    settingErrors: children(child(user, 'UserSettingErrors'), 'UserSettingError').map(settingError),
    headerVersion: headerVersion(child(envelope, 'Header', 'ServerVersionInfo')),
  });
}

/** String-valued settings; complex ones (URL collections, alternate mailboxes) are left out. */
function readSettings(node: XmlNode | undefined): Record<string, string> {
  const settings: Record<string, string> = Object.create(null);
  for (const setting of children(node, 'UserSetting')) {
    const name = childText(setting, 'Name')?.trim();
    const value = child(setting, 'Value');
    if (name && value !== undefined && value.children.length === 0) settings[name] = value.text.trim();
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
