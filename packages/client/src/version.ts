import { Build, EwsInvalidArgumentError, type ExchangeVersion, isExchangeVersion } from '@ews/core';

/** exchangelib's `Version(build, api_version)`: what to send as RequestServerVersion. */
export class Version {
  readonly build: Build | undefined;
  readonly apiVersion: ExchangeVersion;

  constructor(options: { readonly apiVersion: ExchangeVersion; readonly build?: Build | undefined }) {
    if (!isExchangeVersion(options.apiVersion)) {
      throw new EwsInvalidArgumentError(`Unknown Exchange version ${String(options.apiVersion)}`);
    }
    this.apiVersion = options.apiVersion;
    this.build = options.build;
  }
}

export { Build };
