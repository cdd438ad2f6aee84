import {
  children,
  childText,
  EwsInvalidArgumentError,
  EwsProtocolError,
  type EwsResponse,
  el,
  type XmlFragment,
  type XmlNode,
} from '@ews/core';
import { boolean, int } from '@ews/models';
import { onlyMessage } from '../internal/messages.js';
import { requiredChild } from '../internal/required-child.js';
import { attributeValue, childValue } from '../internal/scalar-values.js';

const OPERATION = 'GetServiceConfiguration';

/**
 * What GetServiceConfiguration can be asked for (t:ServiceConfigurationType), each with the element
 * that answers it. `PolicyNudges` (free-form content) and `OfficeIntegrationConfiguration` (no
 * answer element in messages.xsd) are not offered: nothing could be read from them.
 */
const CONFIGURATION_ELEMENTS = {
  MailTips: 'MailTipsConfiguration',
  UnifiedMessagingConfiguration: 'UnifiedMessagingConfiguration',
  ProtectionRules: 'ProtectionRulesConfiguration',
  SharePointURLs: 'SharePointURLsConfiguration',
} as const;

export type ServiceConfigurationName = keyof typeof CONFIGURATION_ELEMENTS;

/** t:SmtpDomain: a domain of the organization, and whether its subdomains are internal too. */
export interface SmtpDomain {
  readonly name: string;
  readonly includeSubdomains?: boolean;
}

/** t:MailTipsServiceConfiguration: the organization's mail tips settings. */
export interface MailTipsConfiguration {
  readonly mailTipsEnabled: boolean;
  /** The most recipients one GetMailTips request may name. */
  readonly maxRecipientsPerGetMailTipsRequest: number;
  readonly maxMessageSize: number;
  readonly largeAudienceThreshold: number;
  readonly showExternalRecipientCount: boolean;
  readonly internalDomains: readonly SmtpDomain[];
  readonly policyTipsEnabled: boolean;
  readonly largeAudienceCap: number;
}

/** t:UnifiedMessageServiceConfiguration. */
export interface UnifiedMessagingConfiguration {
  readonly umEnabled: boolean;
  readonly playOnPhoneDialString: string;
  readonly playOnPhoneEnabled: boolean;
}

/** One t:ProtectionRuleType, by its attributes (its Condition and Action trees are not read). */
export interface ProtectionRule {
  readonly name: string;
  readonly userOverridable: boolean;
  readonly priority: number;
}

/** t:ProtectionRulesServiceConfiguration: the organization's IRM protection rules. */
export interface ProtectionRulesConfiguration {
  /** Hours until a client should ask again (>= 1). */
  readonly refreshInterval: number;
  readonly rules: readonly ProtectionRule[];
  readonly internalDomains: readonly SmtpDomain[];
}

/** t:SharePointURLsServiceConfiguration. */
export interface SharePointUrlsConfiguration {
  readonly internalMySiteHostUrl: string;
  readonly externalMySiteHostUrl: string;
}

/** The configurations asked for, each present exactly when it was asked for. */
export interface ServiceConfiguration {
  readonly mailTips?: MailTipsConfiguration;
  readonly unifiedMessaging?: UnifiedMessagingConfiguration;
  readonly protectionRules?: ProtectionRulesConfiguration;
  readonly sharePointUrls?: SharePointUrlsConfiguration;
}

export interface GetServiceConfigurationParams {
  readonly requested: readonly ServiceConfigurationName[];
}

/** The requested names, each known and given once (a caller's slip is EWS_INVALID_ARGUMENT). */
function requestedNames(requested: readonly ServiceConfigurationName[]): readonly ServiceConfigurationName[] {
  if (!Array.isArray(requested) || requested.length === 0)
    throw new EwsInvalidArgumentError('GetServiceConfiguration needs at least one configuration name');
  const seen = new Set<string>();
  for (const name of requested) {
    if (typeof name !== 'string' || !Object.hasOwn(CONFIGURATION_ELEMENTS, name))
      throw new EwsInvalidArgumentError(
        `Unknown service configuration ${JSON.stringify(String(name)).slice(0, 60)}; one of ${Object.keys(CONFIGURATION_ELEMENTS).join(', ')}`,
      );
    if (seen.has(name)) throw new EwsInvalidArgumentError(`Service configuration ${name} is asked for twice`);
    seen.add(name);
  }
  return requested;
}

export function buildGetServiceConfiguration(params: GetServiceConfigurationParams): XmlFragment {
  const names = requestedNames(params.requested);
  return el(
    'm:GetServiceConfiguration',
    {},
    el(
      'm:RequestedConfiguration',
      {},
      names.map((name) => el('m:ConfigurationName', {}, name)),
    ),
  );
}

function required<T>(value: T | undefined, where: string): T {
  if (value === undefined)
    throw new EwsProtocolError(`${OPERATION}: ${where} is missing`, {
      operation: OPERATION,
      requestFate: 'unknown',
    });
  return value;
}

const requiredText = (node: XmlNode, name: string, where: string): string =>
  required(childText(node, name), `${where}.${name}`);
const requiredBoolean = (node: XmlNode, name: string, where: string): boolean =>
  required(childValue(node, name, boolean, where), `${where}.${name}`);
const requiredInt = (node: XmlNode, name: string, where: string): number =>
  required(childValue(node, name, int, where), `${where}.${name}`);

function readDomains(node: XmlNode, where: string): readonly SmtpDomain[] {
  const list = requiredChild(node, 'InternalDomains', OPERATION);
  return children(list).map((domain) => {
    if (domain.name !== 'Domain')
      throw new EwsProtocolError(`${OPERATION}: ${where}.InternalDomains holds <${domain.name}>`, {
        operation: OPERATION,
      });
    const name = required(domain.attributes.Name, `${where}.InternalDomains.Domain@Name`);
    const includeSubdomains = attributeValue(domain, 'IncludeSubdomains', boolean, `${where}.Domain`);
    return includeSubdomains === undefined ? { name } : { name, includeSubdomains };
  });
}

function readMailTips(node: XmlNode): MailTipsConfiguration {
  const where = 'MailTipsConfiguration';
  return {
    mailTipsEnabled: requiredBoolean(node, 'MailTipsEnabled', where),
    maxRecipientsPerGetMailTipsRequest: requiredInt(node, 'MaxRecipientsPerGetMailTipsRequest', where),
    maxMessageSize: requiredInt(node, 'MaxMessageSize', where),
    largeAudienceThreshold: requiredInt(node, 'LargeAudienceThreshold', where),
    showExternalRecipientCount: requiredBoolean(node, 'ShowExternalRecipientCount', where),
    internalDomains: readDomains(node, where),
    policyTipsEnabled: requiredBoolean(node, 'PolicyTipsEnabled', where),
    largeAudienceCap: requiredInt(node, 'LargeAudienceCap', where),
  };
}

function readUnifiedMessaging(node: XmlNode): UnifiedMessagingConfiguration {
  const where = 'UnifiedMessagingConfiguration';
  return {
    umEnabled: requiredBoolean(node, 'UmEnabled', where),
    playOnPhoneDialString: requiredText(node, 'PlayOnPhoneDialString', where),
    playOnPhoneEnabled: requiredBoolean(node, 'PlayOnPhoneEnabled', where),
  };
}

function readProtectionRules(node: XmlNode): ProtectionRulesConfiguration {
  const where = 'ProtectionRulesConfiguration';
  const refreshInterval = required(
    attributeValue(node, 'RefreshInterval', int, where),
    `${where}@RefreshInterval`,
  );
  if (refreshInterval < 1)
    throw new EwsProtocolError(`${OPERATION}: ${where}@RefreshInterval ${refreshInterval} is below 1`, {
      operation: OPERATION,
    });
  const rules = children(requiredChild(node, 'Rules', OPERATION)).map((rule): ProtectionRule => {
    if (rule.name !== 'Rule')
      throw new EwsProtocolError(`${OPERATION}: ${where}.Rules holds <${rule.name}>`, {
        operation: OPERATION,
      });
    const priority = required(
      attributeValue(rule, 'Priority', int, `${where}.Rule`),
      `${where}.Rule@Priority`,
    );
    if (priority < 1)
      throw new EwsProtocolError(`${OPERATION}: ${where}.Rule@Priority ${priority} is below 1`, {
        operation: OPERATION,
      });
    return {
      name: required(rule.attributes.Name, `${where}.Rule@Name`),
      userOverridable: required(
        attributeValue(rule, 'UserOverridable', boolean, `${where}.Rule`),
        `${where}.Rule@UserOverridable`,
      ),
      priority,
    };
  });
  return { refreshInterval, rules, internalDomains: readDomains(node, where) };
}

function readSharePointUrls(node: XmlNode): SharePointUrlsConfiguration {
  const where = 'SharePointURLsConfiguration';
  return {
    internalMySiteHostUrl: requiredText(node, 'InternalSPMySiteHostURL', where),
    externalMySiteHostUrl: requiredText(node, 'ExternalSPMySiteHostURL', where),
  };
}

const READERS = {
  MailTips: (node: XmlNode) => ({ mailTips: readMailTips(node) }),
  UnifiedMessagingConfiguration: (node: XmlNode) => ({ unifiedMessaging: readUnifiedMessaging(node) }),
  ProtectionRules: (node: XmlNode) => ({ protectionRules: readProtectionRules(node) }),
  SharePointURLs: (node: XmlNode) => ({ sharePointUrls: readSharePointUrls(node) }),
} as const satisfies Record<ServiceConfigurationName, (node: XmlNode) => ServiceConfiguration>;

const CONFIGURATION_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(CONFIGURATION_ELEMENTS),
  'PolicyNudgeRulesConfiguration',
]);

/**
 * The one ServiceConfigurationResponseMessageType (or the answer's own error), with exactly the
 * configurations asked for: one missing, one not asked for, or one given twice is EWS_PROTOCOL.
 */
export function readGetServiceConfiguration(
  response: EwsResponse,
  params: GetServiceConfigurationParams,
): ServiceConfiguration {
  const names = requestedNames(params.requested);
  const message = onlyMessage(response);
  const present = children(message.node).filter((node) => CONFIGURATION_NAMES.has(node.name));
  const wanted = new Set<string>(names.map((name) => CONFIGURATION_ELEMENTS[name]));
  for (const node of present) {
    if (!wanted.has(node.name))
      throw new EwsProtocolError(`${OPERATION} answered ${node.name}, which was not asked for`, {
        operation: OPERATION,
      });
  }
  let result: ServiceConfiguration = {};
  for (const name of names) {
    const element = CONFIGURATION_ELEMENTS[name];
    const found = present.filter((node) => node.name === element);
    if (found.length !== 1)
      throw new EwsProtocolError(`${OPERATION} answered ${found.length} ${element} elements, not 1`, {
        operation: OPERATION,
        requestFate: 'unknown',
      });
    result = { ...result, ...READERS[name](found[0] as XmlNode) };
  }
  return result;
}
