import type { XmlFragment } from '@ews/core';
import { invalidArgument } from '../errors.js';
import { fieldElement } from '../kinds/write-xml.js';
import { type ExchangeVersion, isExchangeVersion, supportsVersion } from '../versions/exchange-version.js';

export interface QueryStringOptions {
  readonly version: ExchangeVersion;
  /** Exchange 2013+: defaults as exchangelib sends them (true, false, false). */
  readonly resetCache?: boolean;
  readonly returnDeletedItems?: boolean;
  readonly returnHighlightTerms?: boolean;
}

/**
 * `<m:QueryString>` (AQS search) for FindItem. Exchange 2007 has no QueryString; 2010 has no
 * attributes on it. It cannot be combined with a Restriction in one request.
 */
export function queryStringXml(query: string, options: QueryStringOptions): XmlFragment {
  if (!isExchangeVersion(options.version)) throw invalidArgument('queryStringXml: not an Exchange version');
  if (typeof query !== 'string' || query.trim() === '')
    throw invalidArgument('queryStringXml: the query is empty');
  if (!supportsVersion(options.version, 'Exchange2010'))
    throw invalidArgument('queryStringXml: QueryString needs Exchange2010 or newer');
  if (!supportsVersion(options.version, 'Exchange2013'))
    return fieldElement('QueryString', 'm:QueryString', {}, query);
  return fieldElement(
    'QueryString',
    'm:QueryString',
    {
      ResetCache: options.resetCache ?? true,
      ReturnDeletedItems: options.returnDeletedItems ?? false,
      ReturnHighlightTerms: options.returnHighlightTerms ?? false,
    },
    query,
  );
}
