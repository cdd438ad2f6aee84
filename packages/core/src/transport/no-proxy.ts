/**
 * NO_PROXY matching, as curl and most tools read it: a comma- or space-separated
 * list of hosts, domain suffixes (`example.com` and `.example.com` both match
 * sub-domains), optional `:port`, or `*` for everything.
 */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = stripBrackets(target.hostname.toLowerCase());
  const port = target.port || defaultPorts[target.protocol] || '';
  return noProxy
    .split(/[\s,]+/)
    .filter((entry) => entry.length > 0)
    .some((entry) => entryMatches(entry.toLowerCase(), host, port));
}

const defaultPorts: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

function entryMatches(entry: string, host: string, port: string): boolean {
  if (entry === '*') return true;
  const { name, entryPort } = splitPort(entry);
  if (entryPort !== undefined && entryPort !== port) return false;
  const domain = stripBrackets(name.replace(/^\*?\./, ''));
  if (domain.length === 0) return false;
  return host === domain || host.endsWith(`.${domain}`);
}

function splitPort(entry: string): { name: string; entryPort: string | undefined } {
  // `[::1]:8080`, `host:8080`; a bare IPv6 address has several colons and no port.
  const bracketed = /^(\[[^\]]+\])(?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1] ?? entry, entryPort: bracketed[2] };
  const hostPort = /^([^:]+):(\d+)$/.exec(entry);
  if (hostPort) return { name: hostPort[1] ?? entry, entryPort: hostPort[2] };
  return { name: entry, entryPort: undefined };
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
