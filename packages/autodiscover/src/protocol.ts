/** The two Autodiscover dialects: SOAP `GetUserSettings` (autodiscover.svc) and POX (autodiscover.xml). */
export type AutodiscoverProtocol = 'soap' | 'pox';

/** Where each dialect lives on an Autodiscover host. */
export const AUTODISCOVER_PATHS: Readonly<Record<AutodiscoverProtocol, string>> = Object.freeze({
  soap: '/autodiscover/autodiscover.svc',
  pox: '/autodiscover/autodiscover.xml',
});

/** SOAP first: it reports the server version and more settings; POX is the fallback older servers know. */
export const DEFAULT_PROTOCOLS: readonly AutodiscoverProtocol[] = Object.freeze(['soap', 'pox']);

/** The dialect a redirect target speaks, told by its path (`.svc` or `.xml`); undefined when unclear. */
export function protocolForUrl(url: URL): AutodiscoverProtocol | undefined {
  const path = url.pathname.toLowerCase();
  if (path.endsWith('.svc')) return 'soap';
  if (path.endsWith('.xml')) return 'pox';
  return undefined;
}
