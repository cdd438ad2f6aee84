import {
  child,
  children,
  childText,
  EwsProtocolError,
  parseXml,
  type XmlNode,
  xmlContentRules,
} from '@ews/core';
import type { EndpointAnswer } from '../endpoint-answer.js';
import { versionFromPoxHex } from '../server-version.js';
import { interpretUserResponse } from '../soap/user-response.js';

/** POX protocol types that carry an EWS URL, and the SOAP setting name each one maps to. */
const PROTOCOL_SETTINGS: Readonly<Record<string, string>> = Object.freeze({
  EXPR: 'ExternalEwsUrl',
  EXCH: 'InternalEwsUrl',
});

/** User fields copied into the settings under their SOAP names. */
const USER_SETTINGS: Readonly<Record<string, string>> = Object.freeze({
  DisplayName: 'UserDisplayName',
  AutoDiscoverSMTPAddress: 'AutoDiscoverSMTPAddress',
  DeploymentId: 'UserDeploymentId',
});

/** Error messages that mean "no such mailbox" (the server is sure: stop looking). */
const MAILBOX_NOT_FOUND_MESSAGES = new Set(['the e-mail address cannot be found.']);

/** The response schema's namespace: the root `Autodiscover` and error answers' `Response`/`Error`. */
const RESPONSE_SCHEMA = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
/** Outlook's response schema (`Response`, `User`, `Account`, `Protocol`…). */
const OUTLOOK_SCHEMA = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';

/** The namespaces of a POX Autodiscover answer. */
const POX_NAMESPACES: readonly string[] = Object.freeze([RESPONSE_SCHEMA, OUTLOOK_SCHEMA]);

/**
 * Where elements of a POX answer may be: the root's children in either schema (Outlook's
 * `Response`, or an error `Response`), Outlook's elements holding only Outlook's. An element of
 * any other namespace, which would read as absent (a `User` moved away: no SMTP address), is
 * refused (EWS_PROTOCOL).
 */
const POX_CONTENT = xmlContentRules({
  namespaces: {
    [RESPONSE_SCHEMA]: { namespaces: [RESPONSE_SCHEMA, OUTLOOK_SCHEMA] },
    [OUTLOOK_SCHEMA]: { namespaces: [OUTLOOK_SCHEMA] },
  },
});

/** Reads a POX Autodiscover answer. Throws EwsProtocolError when the body is not one. */
export function readPoxResponse(body: string): EndpointAnswer {
  const root = parseXml(body, {
    operation: 'Autodiscover',
    namespaces: POX_NAMESPACES,
    content: POX_CONTENT,
  });
  if (root.name !== 'Autodiscover' || root.namespace !== RESPONSE_SCHEMA) {
    throw new EwsProtocolError(
      `Unknown root element in the Autodiscover answer: <${root.name.slice(0, 200)}> in ${root.namespace.slice(0, 200) || 'no namespace'}`,
      { operation: 'Autodiscover' },
    );
  }
  const response = child(root, 'Response');
  const error = child(response, 'Error') ?? child(root, 'Error');
  if (error !== undefined) return errorAnswer(error);
  const account = child(response, 'Account');
  if (response === undefined || account === undefined) {
    return {
      kind: 'error',
      severity: 'step-failed',
      message: 'unknown Autodiscover error response (no Account)',
    };
  }
  const action = childText(account, 'Action')?.trim();
  if (action === 'redirectAddr') {
    return interpretUserResponse({
      errorCode: 'RedirectAddress',
      redirectTarget: childText(account, 'RedirectAddr'),
    });
  }
  if (action === 'redirectUrl') {
    return interpretUserResponse({
      errorCode: 'RedirectUrl',
      redirectTarget: childText(account, 'RedirectURL') ?? childText(account, 'RedirectUrl'),
    });
  }
  return settingsAnswer(child(response, 'User'), account);
}

function settingsAnswer(user: XmlNode | undefined, account: XmlNode): EndpointAnswer {
  const settings: Record<string, string> = Object.create(null);
  for (const [field, name] of Object.entries(USER_SETTINGS)) {
    const value = childText(user, field)?.trim();
    if (value) settings[name] = value;
  }
  const versions: Record<string, string | undefined> = Object.create(null);
  for (const protocol of children(account, 'Protocol')) {
    const type = childText(protocol, 'Type')?.trim() ?? '';
    const name = Object.hasOwn(PROTOCOL_SETTINGS, type) ? PROTOCOL_SETTINGS[type] : undefined;
    if (name === undefined) continue;
    // The server version stands on its own: an EXCH protocol without an EwsUrl still carries it.
    versions[type] ??= childText(protocol, 'ServerVersion')?.trim() || undefined;
    const ewsUrl = childText(protocol, 'EwsUrl')?.trim();
    if (ewsUrl) settings[name] ??= ewsUrl;
  }
  // EXCH (the mailbox server) is where Exchange puts it; EXPR may carry one too.
  const hexVersion = versions.EXCH ?? versions.EXPR;
  const answer = interpretUserResponse({ settings, headerVersion: versionFromPoxHex(hexVersion) });
  if (answer.kind === 'error') {
    return { ...answer, message: 'no EXPR or EXCH protocol with an EwsUrl in the answer' };
  }
  return answer;
}

function errorAnswer(error: XmlNode): EndpointAnswer {
  const code = childText(error, 'ErrorCode')?.trim();
  const message = childText(error, 'Message')?.trim() ?? '';
  if (MAILBOX_NOT_FOUND_MESSAGES.has(message.toLowerCase())) {
    return { kind: 'error', severity: 'mailbox-not-found', message };
  }
  const text = code ? `${code}: ${message || 'no message'}` : message || 'unknown Autodiscover error';
  return { kind: 'error', severity: 'step-failed', message: text };
}
