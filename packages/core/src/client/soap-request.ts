import { buildEnvelope, type Impersonation, SOAP_CONTENT_TYPE, soapActionFor } from '../soap/envelope.js';
import type { ExchangeVersion } from '../versions/exchange-version.js';
import type { XmlFragment } from '../xml/write.js';

/** What a caller may put in one call's SOAP header. */
export interface SoapRequestParts {
  /**
   * The operation element: an `el(...)` fragment (what @ews/services sends), or, for plugin and
   * advanced callers, the element already serialized (e.g. `<m:GetFolder>…</m:GetFolder>`).
   */
  readonly body: string | XmlFragment;
  /** Impersonate this mailbox for this call (overrides the client's default). */
  readonly impersonation?: Impersonation | undefined;
  /** Windows time zone id for TimeZoneContext (overrides the client's default). */
  readonly timeZone?: string | undefined;
  readonly dateTimePrecision?: 'Seconds' | 'Milliseconds' | undefined;
  readonly anchorMailbox?: string | undefined;
}

export interface SoapRequestInput extends SoapRequestParts {
  readonly operation: string;
  readonly version: ExchangeVersion;
}

/** The envelope and the HTTP headers of one EWS call. */
export function buildSoapRequest(input: SoapRequestInput): {
  body: string;
  headers: Record<string, string>;
} {
  const body = buildEnvelope({
    version: input.version,
    body: input.body,
    impersonation: input.impersonation,
    timeZone: input.timeZone === undefined ? undefined : { id: input.timeZone },
    dateTimePrecision: input.dateTimePrecision,
  });
  const headers: Record<string, string> = {
    'content-type': SOAP_CONTENT_TYPE,
    accept: 'text/xml',
    soapaction: soapActionFor(input.operation),
  };
  // Exchange routes a request to the mailbox's backend server by this header;
  // Microsoft asks for it on every impersonated call.
  const anchor = input.anchorMailbox ?? anchorOf(input.impersonation);
  if (anchor !== undefined) headers['x-anchormailbox'] = anchor;
  return { body, headers };
}

function anchorOf(impersonation: Impersonation | undefined): string | undefined {
  if (impersonation === undefined) return undefined;
  if ('primarySmtpAddress' in impersonation) return impersonation.primarySmtpAddress;
  if ('smtpAddress' in impersonation) return impersonation.smtpAddress;
  if ('principalName' in impersonation) return impersonation.principalName;
  return undefined;
}
