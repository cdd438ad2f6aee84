import type { ExchangeVersion } from '../versions/exchange-version.js';
import { nextVersionToTry } from '../versions/negotiation.js';
import type { ServerVersion } from '../versions/server-version.js';

/**
 * Per-client memory of versions: what to request next, and what the server said it
 * runs. Lives on the client instance (never global), so two clients to two servers
 * never disturb each other.
 */
export class VersionNegotiator {
  #current: ExchangeVersion;
  #server: ServerVersion | undefined;

  constructor(initial: ExchangeVersion) {
    this.#current = initial;
  }

  get current(): ExchangeVersion {
    return this.#current;
  }

  get serverVersion(): ServerVersion | undefined {
    return this.#server;
  }

  observe(version: ServerVersion): void {
    this.#server = version;
  }

  /** After the server rejected `rejected`: the next version to try, remembered for later calls. */
  stepDown(rejected: ExchangeVersion, tried: ReadonlySet<ExchangeVersion>): ExchangeVersion | undefined {
    const next = nextVersionToTry(rejected, tried);
    if (next !== undefined) this.#current = next;
    return next;
  }
}
