import { EwsInvalidArgumentError, type Impersonation } from '@ews/core';

/**
 * exchangelib's `Identity(primary_smtp_address=…, smtp_address=…, upn=…, sid=…)`: whom a service
 * account impersonates. Give exactly one.
 */
export class Identity {
  readonly impersonation: Impersonation;

  constructor(options: {
    readonly primarySmtpAddress?: string;
    readonly smtpAddress?: string;
    readonly upn?: string;
    readonly sid?: string;
  }) {
    // Option → ConnectingSID form, as a table.
    const forms: readonly (readonly [string | undefined, (value: string) => Impersonation])[] = [
      [options.primarySmtpAddress, (value) => ({ primarySmtpAddress: value })],
      [options.smtpAddress, (value) => ({ smtpAddress: value })],
      [options.upn, (value) => ({ principalName: value })],
      [options.sid, (value) => ({ sid: value })],
    ];
    const given = forms.filter(([value]) => value !== undefined && value !== '');
    const [only] = given;
    if (given.length !== 1 || !only) {
      throw new EwsInvalidArgumentError(
        'Identity needs exactly one of primarySmtpAddress, smtpAddress, upn, sid',
      );
    }
    this.impersonation = only[1](only[0] ?? '');
  }
}
