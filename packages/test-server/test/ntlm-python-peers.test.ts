import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type NtlmServerOptions, type NtlmSignIn, startTestServer, type TestServer } from '../src/index.js';
import { createPeerScratch, PYTHON, runPeerForSummary } from './support/python-peer.js';

// Debian's python3-exchangelib 4.9.0 with requests_ntlm 1.1.0 / ntlm_auth 1.4.0: an NTLM client
// written independently of ours (OpenSSL 3 needs its legacy provider for it: support/openssl-legacy.ts).
const SCRIPT = fileURLToPath(new URL('./exchangelib/ntlm_peer.py', import.meta.url));

const scratch = createPeerScratch('ews-test-server-ntlm-');
const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers.splice(0)) await server.close();
  scratch.remove();
});

interface PeerSummary {
  firstStatus: number;
  firstHistory: number[];
  offers: string | null;
  secondStatus?: number;
  secondHistory?: number[];
  secondSentAuthorization?: boolean;
  inbox?: string;
  view?: number;
  standups?: number;
}

async function serve(tls: boolean, ntlm: NtlmServerOptions): Promise<TestServer> {
  const server = await startTestServer({ auth: ['ntlm', 'basic'], tls, ntlm, now: () => new Date() });
  servers.push(server);
  return server;
}

function peer(
  server: TestServer,
  config: { user: string; password: string; sendCbt: boolean; exchangelib?: boolean },
): Promise<PeerSummary> {
  const args = JSON.stringify({
    url: server.url,
    smtp: 'alice@contoso.test',
    now: new Date().toISOString(),
    ...config,
  });
  return runPeerForSummary<PeerSummary>(
    { script: SCRIPT },
    {
      args: [args],
      env: { ...scratch.opensslLegacy(), ...(server.tls === undefined ? {} : scratch.trust(server.tls.ca)) },
      timeoutMs: 60_000,
    },
  );
}

describe('NTLM against requests_ntlm and exchangelib 4.9.0 (auth_type NTLM)', () => {
  it('has the peer installed', () => {
    expect(existsSync(PYTHON)).toBe(true);
  });

  it('over http: offers Negotiate, NTLM, Basic; handshakes once; GetFolder and a calendar view work', async () => {
    const refused: string[] = [];
    const server = await serve(false, { channelBinding: 'required', onRefused: (r) => refused.push(r) });
    const result = await peer(server, {
      user: 'CONTOSO\\alice',
      password: 'Alice-Demo-2016!',
      sendCbt: true,
      exchangelib: true,
    });
    expect(result.offers).toBe('Negotiate, NTLM, Basic realm="127.0.0.1"');
    expect(result.firstHistory).toEqual([401, 401]); // anonymous, then NEGOTIATE -> CHALLENGE
    expect(result.firstStatus).toBe(200);
    // The connection is authenticated: the next request carries no Authorization and is not challenged.
    expect(result.secondStatus).toBe(200);
    expect(result.secondHistory).toEqual([]);
    expect(result.secondSentAuthorization).toBe(false);
    expect(result.inbox).toBe('Inbox');
    expect(result.standups).toBeGreaterThanOrEqual(5);
    expect(refused).toEqual([]);
  });

  it("over https with channelBinding 'required': accepts requests_ntlm's binding to the server certificate (UPN sign-in)", async () => {
    const refused: string[] = [];
    const server = await serve(true, { channelBinding: 'required', onRefused: (r) => refused.push(r) });
    const result = await peer(server, {
      user: 'alice@contoso.test',
      password: 'Alice-Demo-2016!',
      sendCbt: true,
      exchangelib: true,
    });
    expect(result.firstStatus).toBe(200);
    expect(result.secondStatus).toBe(200);
    expect(result.inbox).toBe('Inbox');
    expect(result.view).toBeGreaterThan(0);
    expect(refused).toEqual([]);
  });

  it("over https with channelBinding 'required': refuses an AUTHENTICATE without a binding", async () => {
    const refused: string[] = [];
    const server = await serve(true, { channelBinding: 'required', onRefused: (r) => refused.push(r) });
    const result = await peer(server, {
      user: 'CONTOSO\\alice',
      password: 'Alice-Demo-2016!',
      sendCbt: false,
    });
    expect(result.firstStatus).toBe(401);
    expect(refused).toEqual(['missing channel binding']);
  });

  it('over https by default (no channelBinding given): requires the binding, as Exchange 2019 CU14+ does', async () => {
    const refused: string[] = [];
    const signIns: NtlmSignIn[] = [];
    const server = await serve(true, {
      onRefused: (r) => refused.push(r),
      onSignedIn: (signIn) => signIns.push(signIn),
    });
    const bound = await peer(server, { user: 'CONTOSO\\alice', password: 'Alice-Demo-2016!', sendCbt: true });
    expect(bound.firstStatus).toBe(200);
    expect(signIns).toEqual([{ mailbox: 'alice@contoso.test', tlsSessionReused: false, channelBound: true }]);
    const unbound = await peer(server, {
      user: 'CONTOSO\\alice',
      password: 'Alice-Demo-2016!',
      sendCbt: false,
    });
    expect(unbound.firstStatus).toBe(401);
    expect(refused).toEqual(['missing channel binding']);
  });

  it("over https with channelBinding 'accepted': lets a client without a binding in", async () => {
    const server = await serve(true, { channelBinding: 'accepted' });
    const result = await peer(server, {
      user: 'CONTOSO\\alice',
      password: 'Alice-Demo-2016!',
      sendCbt: false,
    });
    expect(result.firstStatus).toBe(200);
    expect(result.secondStatus).toBe(200);
  });

  it('refuses a wrong password and an unknown domain', async () => {
    const refused: string[] = [];
    const server = await serve(false, { onRefused: (r) => refused.push(r) });
    const wrong = await peer(server, { user: 'CONTOSO\\alice', password: 'not-it', sendCbt: true });
    expect(wrong.firstStatus).toBe(401);
    const foreign = await peer(server, {
      user: 'FABRIKAM\\alice',
      password: 'Alice-Demo-2016!',
      sendCbt: true,
    });
    expect(foreign.firstStatus).toBe(401);
    expect(refused).toEqual(['bad NTProofStr', 'unknown user']);
  });
});
