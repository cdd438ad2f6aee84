import { EwsInvalidArgumentError } from '@ews/core';

// Deliberately loose: Exchange accepts what the directory holds; we only need a usable domain.
const EMAIL =
  /^[^\s@<>]+@([A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+)$/;

/** The lower-cased domain of an SMTP address; throws EwsInvalidArgumentError for anything else. */
export function domainOf(email: string): string {
  const match = EMAIL.exec(email.trim());
  const domain = match?.[1];
  if (domain === undefined) {
    throw new EwsInvalidArgumentError(
      `Not an SMTP address with a DNS domain: ${JSON.stringify(email.slice(0, 80))}`,
    );
  }
  return domain.toLowerCase();
}

/** True for an address `domainOf` accepts. */
export function isSmtpAddress(value: string): boolean {
  return EMAIL.test(value.trim());
}
