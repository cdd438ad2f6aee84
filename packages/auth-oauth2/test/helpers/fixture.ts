import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createHttpsNetworkClient, type OAuth2CommonOptions } from '../../src/index.js';
import { EwsStandIn } from './ews-stand-in.js';
import { IdentityServer } from './identity-server.js';
import { createTestPki, type TestPki } from './test-pki.js';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const APP_ID = '1950a258-227b-4e31-a9cf-717495945fc2';
export const APP_SECRET = 'Q~8Yt.secret-value_for-tests-only~k2';
export const CERT_APP_ID = 'a4f1b2c3-0000-4000-8000-00000000cafe';
export const PUBLIC_APP_ID = '9e5f94bc-e8a4-4e73-b8be-63364c29d753';
export const ALICE = 'alice@contoso.example';
export const ALICE_PASSWORD = 'Tr0ub4dor&3-correct-horse';

export interface OAuthFixture {
  readonly pki: TestPki;
  readonly identity: IdentityServer;
  readonly ews: EwsStandIn;
  /** MSAL options that point at the loopback identity server and trust its CA. */
  readonly msal: Omit<OAuth2CommonOptions, 'clientId'>;
  close(): Promise<void>;
}

export async function startFixture(): Promise<OAuthFixture> {
  const pki = createTestPki();
  const tls = { cert: pki.serverCert, key: pki.serverKey };
  const identity = await IdentityServer.start({
    ...tls,
    tenantId: TENANT,
    clients: {
      [APP_ID]: { secret: APP_SECRET },
      [CERT_APP_ID]: { certificate: pki.appCert },
      [PUBLIC_APP_ID]: {},
    },
    users: { [ALICE]: ALICE_PASSWORD },
  });
  identity.interactiveUser = ALICE;
  const ews = await EwsStandIn.start(tls, identity.publicKey);
  return {
    pki,
    identity,
    ews,
    msal: {
      tenantId: TENANT,
      authorityHost: identity.authorityHost,
      knownAuthorities: [identity.host],
      networkClient: createHttpsNetworkClient({ ca: pki.caCert, timeoutMs: 10_000 }),
    },
    async close() {
      await Promise.all([identity.close(), ews.close()]);
    },
  };
}

/** What a test "browser" got back. */
export interface Page {
  readonly status: number;
  readonly location: string | undefined;
  readonly body: string;
}

/** GET or form POST over https (trusting `ca`) or http. */
export function browse(url: string, ca: string, form?: URLSearchParams): Promise<Page> {
  return new Promise((resolve, reject) => {
    const onResponse = (res: IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    };
    const body = form?.toString();
    const options: RequestOptions = {
      method: body === undefined ? 'GET' : 'POST',
      timeout: 10_000,
      headers: body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' },
    };
    const req = url.startsWith('https:')
      ? httpsRequest(url, { ...options, ca }, onResponse)
      : httpRequest(url, options, onResponse);
    req.on('timeout', () => req.destroy(new Error(`${options.method} ${url} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** What a user's browser does: open the sign-in page, then submit its form_post (or follow its redirect). */
export async function signInWithBrowser(url: string, ca: string): Promise<void> {
  const page = await browse(url, ca);
  if (page.status === 302 && page.location !== undefined) {
    await browse(page.location, ca);
    return;
  }
  const action = /<form method="POST" action="([^"]+)">/.exec(page.body)?.[1];
  if (page.status !== 200 || action === undefined) throw new Error(`sign-in page answered ${page.status}`);
  const form = new URLSearchParams();
  for (const [, name = '', value = ''] of page.body.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g,
  )) {
    form.set(
      name,
      value.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))),
    );
  }
  const posted = await browse(
    action.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))),
    ca,
    form,
  );
  if (posted.status !== 200) throw new Error(`the app's redirect listener answered ${posted.status}`);
}

export const GET_FOLDER_BODY =
  '<m:GetFolder xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ' +
  'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="inbox"/></m:FolderIds></m:GetFolder>';
