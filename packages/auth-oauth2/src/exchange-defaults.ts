/** Where Entra ID (Azure AD) lives in the global cloud. */
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** The Exchange Online resource that EWS tokens are issued for. */
export const EXCHANGE_ONLINE_RESOURCE = 'https://outlook.office365.com';

/** App-only (client credentials): every application permission granted to the app. */
export const EXCHANGE_APP_SCOPES: readonly string[] = [`${EXCHANGE_ONLINE_RESOURCE}/.default`];

/** Delegated flows: EWS as the signed-in user (MSAL adds openid, profile and offline_access). */
export const EXCHANGE_DELEGATED_SCOPES: readonly string[] = [
  `${EXCHANGE_ONLINE_RESOURCE}/EWS.AccessAsUser.All`,
];

/** `https://login.microsoftonline.com/<tenant>`; trailing slashes on the host are tolerated. */
export function authorityUrl(authorityHost: string, tenantId: string): string {
  return `${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}`;
}
