import { EwsInvalidArgumentError } from '../../errors/error-classes.js';
import { assertExchangeVersion, type ExchangeVersion } from '../../versions/exchange-version.js';
import { el, type XmlFragment } from '../../xml/write.js';
import { type Impersonation, impersonationHeader } from './impersonation.js';
import { type ManagementRole, managementRoleHeader } from './management-role.js';
import { nonBlank } from './non-blank.js';

export type DateTimePrecision = 'Seconds' | 'Milliseconds';

/** The SOAP headers @ews writes; everything but `version` is optional. */
export interface SoapHeaderOptions {
  readonly version: ExchangeVersion;
  readonly impersonation?: Impersonation | undefined;
  /** Culture for localized server strings (xs:language), e.g. `en-US`. */
  readonly mailboxCulture?: string | undefined;
  /** Windows time zone id the server uses for date-only and floating values, e.g. `W. Europe Standard Time`. */
  readonly timeZone?: { readonly id: string } | undefined;
  readonly dateTimePrecision?: DateTimePrecision | undefined;
  /** RBAC roles for the call (Exchange 2013+). */
  readonly managementRole?: ManagementRole | undefined;
}

const DATE_TIME_PRECISIONS: readonly string[] = ['Seconds', 'Milliseconds'] satisfies DateTimePrecision[];

// xs:language.
const LANGUAGE_TAG = /^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$/;

/**
 * Writes the header elements in a fixed order: RequestServerVersion, ExchangeImpersonation
 * (as exchangelib does), then MailboxCulture, TimeZoneContext, DateTimePrecision, ManagementRole
 * (services.wsdl order). Every option is checked before anything is written.
 */
export function buildSoapHeaders(options: SoapHeaderOptions): XmlFragment[] {
  assertExchangeVersion(options.version, 'version');
  const headers: XmlFragment[] = [el('t:RequestServerVersion', { Version: options.version })];
  if (options.impersonation !== undefined) headers.push(impersonationHeader(options.impersonation));
  if (options.mailboxCulture !== undefined) {
    if (typeof options.mailboxCulture !== 'string' || !LANGUAGE_TAG.test(options.mailboxCulture)) {
      throw new EwsInvalidArgumentError('mailboxCulture must be a language tag such as en-US');
    }
    headers.push(el('t:MailboxCulture', {}, options.mailboxCulture));
  }
  if (options.timeZone !== undefined) {
    const id = nonBlank(options.timeZone?.id, 'timeZone.id');
    headers.push(el('t:TimeZoneContext', {}, el('t:TimeZoneDefinition', { Id: id })));
  }
  if (options.dateTimePrecision !== undefined) {
    if (!DATE_TIME_PRECISIONS.includes(options.dateTimePrecision)) {
      throw new EwsInvalidArgumentError(
        `dateTimePrecision must be one of ${DATE_TIME_PRECISIONS.join(', ')}`,
      );
    }
    headers.push(el('t:DateTimePrecision', {}, options.dateTimePrecision));
  }
  if (options.managementRole !== undefined) headers.push(managementRoleHeader(options.managementRole));
  return headers;
}
