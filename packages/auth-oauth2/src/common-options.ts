import type { INetworkModule } from '@azure/msal-node';
import type { TokenCacheStore } from './token-cache-store.js';

/** Options every OAuth2 credential accepts. */
export interface OAuth2CommonOptions {
  /** The application (client) id of the app registration. */
  readonly clientId: string;
  /** Directory (tenant) id or domain. Defaults differ per flow (`organizations` for delegated ones). */
  readonly tenantId?: string | undefined;
  /** Default `https://login.microsoftonline.com`; national clouds and test servers use their own. */
  readonly authorityHost?: string | undefined;
  /** Scopes to request. Defaults are right for Exchange Online (see EXCHANGE_*_SCOPES). */
  readonly scopes?: readonly string[] | undefined;
  /** Where MSAL's token cache is kept between runs. Default: in memory, per credential object. */
  readonly tokenCache?: TokenCacheStore | undefined;
  /** MSAL network module, e.g. createHttpsNetworkClient({ ca }) for a private CA. */
  readonly networkClient?: INetworkModule | undefined;
  /** Hosts MSAL trusts without instance discovery (ADFS, sovereign or test authorities). */
  readonly knownAuthorities?: readonly string[] | undefined;
  /** The authority's OpenID configuration JSON, to skip fetching it. */
  readonly authorityMetadata?: string | undefined;
  /** Instance discovery JSON, to skip the discovery call. */
  readonly cloudDiscoveryMetadata?: string | undefined;
  /** Refresh this long before a token expires. Default 2 minutes. */
  readonly refreshBeforeExpiryMs?: number | undefined;
  /** `X-AnchorMailbox` for calls that do not set one (default: the signed-in or impersonated mailbox). */
  readonly anchorMailbox?: string | undefined;
}
