import { EwsInvalidArgumentError } from '@ews/core';
import { MAX_SMTP_ADDRESS_LENGTH } from './limits.js';

// Deliberately loose: Exchange accepts what the directory holds; we only need a usable domain.
const EMAIL =
  /^[^\s@<>]+@([A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+)$/;

/** The lower-cased domain of an SMTP address; throws EwsInvalidArgumentError for anything else. */
export function domainOf(email: string): string {
  const trimmed = typeof email === 'string' ? email.trim() : '';
  const match = trimmed.length <= MAX_SMTP_ADDRESS_LENGTH ? EMAIL.exec(trimmed) : null;
  const domain = match?.[1];
  if (domain === undefined) {
    throw new EwsInvalidArgumentError(
      `Not an SMTP address with a DNS domain (of at most ${MAX_SMTP_ADDRESS_LENGTH} characters): ${JSON.stringify(String(email).slice(0, 80))}`,
    );
  }
  return domain.toLowerCase();
}

/** True for an address `domainOf` accepts. */
export function isSmtpAddress(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length <= MAX_SMTP_ADDRESS_LENGTH && EMAIL.test(trimmed);
}
