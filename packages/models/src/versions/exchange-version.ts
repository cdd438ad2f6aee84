// One list of versions for the whole project: @ews/core owns it (read from types.xsd).
import { type ExchangeVersion, isVersionAtLeast } from '@ews/core';

export { EXCHANGE_VERSIONS, type ExchangeVersion, isExchangeVersion } from '@ews/core';

/** True when `target` is `minimum` or newer. */
export function supportsVersion(target: ExchangeVersion, minimum: ExchangeVersion): boolean {
  return isVersionAtLeast(target, minimum);
}
