import { NS } from '../soap/namespaces.js';
import { parseXml } from '../xml/xml-tree.js';
import { el, textEl, toXml, type XmlFragment } from '../xml/xml-writer.js';

/**
 * The request Exchange POSTs to a push subscription's URL: a SOAP envelope with RequestServerVersion
 * in the header and `<m:SendNotification>` (a SendNotificationResponseType) holding one notification.
 */
export function renderSendNotification(requestVersion: string, notification: XmlFragment): string {
  const envelope = el(
    'soap:Envelope',
    { 'xmlns:soap': NS.soap, 'xmlns:xsi': NS.xsi, 'xmlns:xsd': NS.xsd },
    el('soap:Header', null, el('t:RequestServerVersion', { 'xmlns:t': NS.types, Version: requestVersion })),
    el(
      'soap:Body',
      null,
      el(
        'm:SendNotification',
        { 'xmlns:m': NS.messages, 'xmlns:t': NS.types },
        el(
          'm:ResponseMessages',
          null,
          el(
            'm:SendNotificationResponseMessage',
            { ResponseClass: 'Success' },
            textEl('m:ResponseCode', 'NoError'),
            notification,
          ),
        ),
      ),
    ),
  );
  return `<?xml version="1.0" encoding="utf-8"?>${toXml(envelope)}`;
}

/** What the callback answered: keep sending (`OK`), end the subscription (`Unsubscribe`), or nothing usable. */
export type CallbackVerdict = 'OK' | 'Unsubscribe' | 'invalid';

/** Reads `<SendNotificationResult><SubscriptionStatus>` from a callback's answer. */
export function readSendNotificationResult(xml: string): CallbackVerdict {
  let root: ReturnType<typeof parseXml>;
  try {
    root = parseXml(xml);
  } catch {
    return 'invalid';
  }
  if (root.name !== 'Envelope') return 'invalid';
  const body = root.children.find((c) => c.name === 'Body');
  const result = body?.children.find((c) => c.name === 'SendNotificationResult');
  const status = result?.children.find((c) => c.name === 'SubscriptionStatus')?.text.trim();
  return status === 'OK' || status === 'Unsubscribe' ? status : 'invalid';
}
