import { NS } from '../soap/namespaces.js';
import { errorParts, successMessage, successParts } from '../soap/response-messages.js';
import { child, childrenNamed } from '../xml/xml-tree.js';
import { el, textEl, type XmlContent } from '../xml/xml-writer.js';
import { type OperationContext, type OperationHandler, ResponseError } from './operation-context.js';

// Exchange's organization defaults (Get-OrganizationConfig): MailTipsLargeAudienceThreshold 25,
// MailTipsExternalRecipientsTipsEnabled false, a 10 MB message size limit; GetMailTips reads at
// most 50 recipients per request. Exchange 2019 has no Unified Messaging, so UM is off.
const MAIL_TIPS = {
  enabled: true,
  maxRecipientsPerGetMailTipsRequest: 50,
  maxMessageSize: 10 * 1024 * 1024,
  largeAudienceThreshold: 25,
  showExternalRecipientCount: false,
  policyTipsEnabled: false,
  largeAudienceCap: 1000,
} as const;
// Hours between a client's refreshes of the protection (IRM) rules; this server has none.
const PROTECTION_RULES_REFRESH_HOURS = 24;

const internalDomains = (ctx: OperationContext): XmlContent =>
  el(
    't:InternalDomains',
    null,
    el('t:Domain', { Name: ctx.state.directory.domain, IncludeSubdomains: false }),
  );

/** Each ServiceConfigurationType name → the element answering it (messages.xsd's sequence order). */
const CONFIGURATIONS: Readonly<
  Record<string, { readonly order: number; readonly render: (ctx: OperationContext) => XmlContent }>
> = {
  MailTips: {
    order: 0,
    render: (ctx) =>
      el(
        'm:MailTipsConfiguration',
        null,
        textEl('t:MailTipsEnabled', MAIL_TIPS.enabled),
        textEl('t:MaxRecipientsPerGetMailTipsRequest', MAIL_TIPS.maxRecipientsPerGetMailTipsRequest),
        textEl('t:MaxMessageSize', MAIL_TIPS.maxMessageSize),
        textEl('t:LargeAudienceThreshold', MAIL_TIPS.largeAudienceThreshold),
        textEl('t:ShowExternalRecipientCount', MAIL_TIPS.showExternalRecipientCount),
        internalDomains(ctx),
        textEl('t:PolicyTipsEnabled', MAIL_TIPS.policyTipsEnabled),
        textEl('t:LargeAudienceCap', MAIL_TIPS.largeAudienceCap),
      ),
  },
  UnifiedMessagingConfiguration: {
    order: 1,
    render: () =>
      el(
        'm:UnifiedMessagingConfiguration',
        null,
        textEl('t:UmEnabled', false),
        textEl('t:PlayOnPhoneDialString', ''),
        textEl('t:PlayOnPhoneEnabled', false),
      ),
  },
  ProtectionRules: {
    order: 2,
    render: (ctx) =>
      el(
        'm:ProtectionRulesConfiguration',
        { RefreshInterval: PROTECTION_RULES_REFRESH_HOURS },
        el('t:Rules', null),
        internalDomains(ctx),
      ),
  },
  PolicyNudges: { order: 3, render: () => el('m:PolicyNudgeRulesConfiguration', null) },
  SharePointURLs: {
    order: 4,
    render: () =>
      el(
        'm:SharePointURLsConfiguration',
        null,
        textEl('t:InternalSPMySiteHostURL', ''),
        textEl('t:ExternalSPMySiteHostURL', ''),
      ),
  },
};

/**
 * GetServiceConfiguration (Exchange 2010+): the organization's settings a client needs before using
 * a service — mail tips limits, Unified Messaging, protection (IRM) rules, SharePoint URLs. One
 * ServiceConfigurationResponseMessageType holds every configuration asked for. A name this server
 * cannot answer (OfficeIntegrationConfiguration: the schema has no element for it) makes the whole
 * request fail with ErrorInvalidRequest, as a request Exchange cannot serve does.
 */
export const getServiceConfiguration: OperationHandler = (ctx, request) => {
  const names = new Set(
    [child(request, 'RequestedConfiguration')]
      .flatMap((list) => childrenNamed(list, 'ConfigurationName'))
      .flatMap((entry) => entry.text.trim().split(/\s+/))
      .filter((name) => name !== ''),
  );
  const attributes = { 'xmlns:m': NS.messages, 'xmlns:t': NS.types };
  const unknown = [...names].find((name) => CONFIGURATIONS[name] === undefined);
  if (unknown !== undefined || names.size === 0) {
    const error = new ResponseError(
      'ErrorInvalidRequest',
      unknown === undefined ? 'No configuration was requested.' : `${unknown} is not available.`,
    );
    return el(
      'm:GetServiceConfigurationResponse',
      { ResponseClass: 'Error', ...attributes },
      errorParts(error),
    );
  }
  const parts = [...names]
    .map((name) => CONFIGURATIONS[name] as NonNullable<(typeof CONFIGURATIONS)[string]>)
    .sort((a, b) => a.order - b.order)
    .map((configuration) => configuration.render(ctx));
  return el(
    'm:GetServiceConfigurationResponse',
    { ResponseClass: 'Success', ...attributes },
    successParts(
      el('m:ResponseMessages', null, successMessage('ServiceConfigurationResponseMessageType', parts)),
    ),
  );
};
