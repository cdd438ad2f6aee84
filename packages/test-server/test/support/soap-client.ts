import { request } from 'node:http';

export const NS_DECL =
  'xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" ' +
  'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"';

export interface EnvelopeOptions {
  readonly version?: string | null;
  readonly impersonate?: string;
}

/** A request envelope the way EWS clients write it. */
export function envelope(body: string, options: EnvelopeOptions = {}): string {
  const version = options.version === undefined ? 'Exchange2016' : options.version;
  const headers = [
    version === null ? '' : `<t:RequestServerVersion Version="${version}"/>`,
    options.impersonate === undefined
      ? ''
      : `<t:ExchangeImpersonation><t:ConnectingSID><t:PrimarySmtpAddress>${options.impersonate}</t:PrimarySmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>`,
  ].join('');
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope ${NS_DECL}><soap:Header>${headers}</soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

export interface HttpReply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One POST over a fresh loopback connection; bounded by a timeout. */
export function post(
  url: string,
  body: string,
  auth: { user: string; password: string } | undefined,
  extraHeaders: Readonly<Record<string, string>> = {},
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'Content-Type': 'text/xml; charset=utf-8', ...extraHeaders };
    if (auth)
      headers.Authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
    const req = request(url, { method: 'POST', headers, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
