import type { ExchangeState } from '../store/exchange-state.js';
import { el, toXml } from '../xml/xml-writer.js';

const RESPONSE_NS = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
const OUTER_NS = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';

/** A minimal POX Autodiscover answer: the EXCH protocol with the EWS URL, for the requested address. */
export function renderPoxAutodiscover(
  state: ExchangeState,
  requestBody: string,
  ewsUrl: string,
): string | undefined {
  const address = /<EMailAddress>\s*([^<\s]+)\s*<\/EMailAddress>/i.exec(requestBody)?.[1];
  const mailbox = address === undefined ? undefined : state.mailbox(address);
  if (mailbox === undefined) return undefined;
  const doc = el(
    'Autodiscover',
    { xmlns: OUTER_NS },
    el(
      'Response',
      { xmlns: RESPONSE_NS },
      el(
        'User',
        null,
        el('DisplayName', null, mailbox.name),
        el('AutoDiscoverSMTPAddress', null, mailbox.address),
      ),
      el(
        'Account',
        null,
        el('AccountType', null, 'email'),
        el('Action', null, 'settings'),
        el(
          'Protocol',
          null,
          el('Type', null, 'EXCH'),
          el('Server', null, '127.0.0.1'),
          el('ASUrl', null, ewsUrl),
          el('EwsUrl', null, ewsUrl),
        ),
      ),
    ),
  );
  return `<?xml version="1.0" encoding="utf-8"?>${toXml(doc)}`;
}
