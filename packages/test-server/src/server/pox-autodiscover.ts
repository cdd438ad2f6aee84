import type { ExchangeState } from '../store/exchange-state.js';
import { el, toXml, type XmlFragment } from '../xml/xml-writer.js';
import { deploymentId, organizationOf, poxServerVersion, serverDn, userDn } from './autodiscover-identity.js';

const RESPONSE_NS = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
const OUTER_NS = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';

/**
 * The POX (Outlook provider, response schema 2006a) Autodiscover answer, shaped as Exchange 2013+
 * sends it (Microsoft's "Get user settings from Exchange by using Autodiscover" example): the
 * user (DisplayName, LegacyDN, AutoDiscoverSMTPAddress, DeploymentId), then the account with an
 * EXCH protocol (the mailbox server: ServerDN, ServerVersion, MdbDN and the internal URLs) and an
 * EXPR protocol (Outlook Anywhere: the external URLs). Both hand out this server's EWS URL.
 * An unknown address gets Exchange's error 500 "The e-mail address cannot be found." (HTTP 200).
 */
export function renderPoxAutodiscover(state: ExchangeState, requestBody: string, ewsUrl: string): string {
  const address = /<EMailAddress>\s*([^<\s]+)\s*<\/EMailAddress>/i.exec(requestBody)?.[1];
  if (address === undefined) return poxError(state, '600', 'Invalid Request');
  const mailbox = state.mailbox(address);
  if (mailbox === undefined) return poxError(state, '500', 'The e-mail address cannot be found.');
  const organization = organizationOf(state.directory.domain);
  const host = new URL(ewsUrl).hostname;
  const ssl = ewsUrl.startsWith('https:') ? 'On' : 'Off';
  const oabUrl = new URL(`/OAB/${deploymentId(organization)}/`, ewsUrl).href;
  const mailboxServerDn = serverDn(organization, mailbox.address);
  return settingsDocument(
    el(
      'User',
      null,
      el('DisplayName', null, mailbox.name),
      el('LegacyDN', null, userDn(organization, mailbox.address)),
      el('AutoDiscoverSMTPAddress', null, mailbox.address),
      el('DeploymentId', null, deploymentId(organization)),
    ),
    el(
      'Account',
      null,
      el('AccountType', null, 'email'),
      el('Action', null, 'settings'),
      el('MicrosoftOnline', null, 'False'),
      el(
        'Protocol',
        null,
        el('Type', null, 'EXCH'),
        el('Server', null, host),
        el('ServerDN', null, mailboxServerDn),
        el('ServerVersion', null, poxServerVersion(state.serverVersion)),
        el('MdbDN', null, `${mailboxServerDn}/cn=Microsoft Private MDB`),
        el('ASUrl', null, ewsUrl),
        el('EwsUrl', null, ewsUrl),
        el('EmwsUrl', null, ewsUrl),
        el('OOFUrl', null, ewsUrl),
        el('OABUrl', null, oabUrl),
        el('ServerExclusiveConnect', null, 'off'),
      ),
      el(
        'Protocol',
        null,
        el('Type', null, 'EXPR'),
        el('Server', null, host),
        el('SSL', null, ssl),
        el('AuthPackage', null, 'Basic'),
        el('ASUrl', null, ewsUrl),
        el('EwsUrl', null, ewsUrl),
        el('EmwsUrl', null, ewsUrl),
        el('OOFUrl', null, ewsUrl),
        el('OABUrl', null, oabUrl),
        el('ServerExclusiveConnect', null, 'on'),
        el('CertPrincipalName', null, 'None'),
      ),
    ),
  );
}

/**
 * Exchange's error answer: `<Error Time Id>` under a Response in the outer (2006) namespace, not
 * the Outlook provider's (Microsoft's "Autodiscover error response" example; exchangelib reads it so).
 */
function poxError(state: ExchangeState, code: string, message: string): string {
  const time = state.now().toISOString().slice(11, 23);
  const error = el(
    'Error',
    { Time: time, Id: '2477272013' },
    el('ErrorCode', null, code),
    el('Message', null, message),
    el('DebugData', null),
  );
  return `<?xml version="1.0" encoding="utf-8"?>${toXml(el('Autodiscover', { xmlns: OUTER_NS }, el('Response', null, error)))}`;
}

function settingsDocument(...content: XmlFragment[]): string {
  const doc = el('Autodiscover', { xmlns: OUTER_NS }, el('Response', { xmlns: RESPONSE_NS }, content));
  return `<?xml version="1.0" encoding="utf-8"?>${toXml(doc)}`;
}
