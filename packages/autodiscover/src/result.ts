import type { AutodiscoverProtocol } from './protocol.js';
import type { DiscoveredServerVersion } from './server-version.js';
import type { AutodiscoverStep } from './trace.js';

/** What discovery found. */
export interface AutodiscoverResult {
  /** The address you asked about. */
  readonly email: string;
  /** The address the server answered for (AutoDiscoverSMTPAddress, or the last redirect address). */
  readonly smtpAddress: string;
  /** The EWS endpoint to hand to EwsClient (always https). */
  readonly ewsUrl: string;
  /** The dialect of the endpoint that answered. */
  readonly protocol: AutodiscoverProtocol;
  /** The Autodiscover endpoint that answered (cached for the domain). */
  readonly autodiscoverUrl: string;
  /** The server's build and API version, when the answer told (SOAP header, CasVersion or POX ServerVersion). */
  readonly serverVersion: DiscoveredServerVersion | undefined;
  /** Every string setting the server returned, by SOAP setting name (POX answers are mapped onto them). */
  readonly userSettings: Readonly<Record<string, string>>;
  /** True when the endpoint came from the cache. */
  readonly fromCache: boolean;
  /** Every step tried, in order. */
  readonly trace: readonly AutodiscoverStep[];
}
