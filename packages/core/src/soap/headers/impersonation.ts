import { EwsInvalidArgumentError } from '../../errors/error-classes.js';
import { el, type XmlFragment } from '../../xml/write.js';
import { nonBlank } from './non-blank.js';

/** Act as another mailbox (ExchangeImpersonation/ConnectingSID). Give exactly one form. */
export type Impersonation =
  | { readonly primarySmtpAddress: string }
  | { readonly smtpAddress: string }
  | { readonly principalName: string }
  | { readonly sid: string };

// Option key → ConnectingSID child element, in the schema's choice order.
const IMPERSONATION_FORMS = [
  ['principalName', 't:PrincipalName'],
  ['sid', 't:SID'],
  ['primarySmtpAddress', 't:PrimarySmtpAddress'],
  ['smtpAddress', 't:SmtpAddress'],
] as const;

export function impersonationHeader(impersonation: Impersonation): XmlFragment {
  if (typeof impersonation !== 'object' || impersonation === null) {
    throw new EwsInvalidArgumentError('impersonation must be an object such as { primarySmtpAddress }');
  }
  const given = Object.entries(impersonation).filter(([, value]) => value !== undefined);
  const known = new Map<string, string>(IMPERSONATION_FORMS);
  const unknown = given.filter(([key]) => !known.has(key)).map(([key]) => key);
  if (unknown.length > 0) {
    throw new EwsInvalidArgumentError(
      `Unknown impersonation field(s) ${unknown.join(', ')}; use one of ${[...known.keys()].join(', ')}`,
    );
  }
  const [first, ...rest] = given;
  if (first === undefined || rest.length > 0) {
    throw new EwsInvalidArgumentError(
      `impersonation needs exactly one of ${[...known.keys()].join(', ')}, got ${given.length}`,
    );
  }
  const [key, value] = first;
  const element = known.get(key) as string;
  return el(
    't:ExchangeImpersonation',
    {},
    el('t:ConnectingSID', {}, el(element, {}, nonBlank(value, `impersonation.${key}`))),
  );
}
