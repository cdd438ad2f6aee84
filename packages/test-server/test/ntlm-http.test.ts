import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { startTestServer, type TestServer, TestServerError, type TestServerOptions } from '../src/index.js';
import { decodeAvPairs } from '../src/server/ntlm/ntlm-messages.js';

// What Windows sends first: a 40-byte NEGOTIATE (flags 0xe2088297 incl. VERSION).
const NEGOTIATE = Buffer.from(
  '4e544c4d5353500001000000978208e2000000000000000000000000000000000a0063450000000f',
  'hex',
);
const NOW = new Date('2026-03-02T09:30:00Z');
const FILETIME = (BigInt(NOW.getTime()) + 11_644_473_600_000n) * 10_000n;

const servers: TestServer[] = [];
const agents: Agent[] = [];
afterEach(async () => {
  for (const agent of agents.splice(0)) agent.destroy();
  for (const server of servers.splice(0)) await server.close();
});

async function serve(options: TestServerOptions): Promise<TestServer> {
  const server = await startTestServer({ seed: 'empty', now: () => NOW, ...options });
  servers.push(server);
  return server;
}

interface Answer {
  status: number;
  offers: string[];
  socket: unknown;
}

function post(url: string, agent: Agent, authorization?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'text/xml', ...(authorization ? { Authorization: authorization } : {}) },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const raw = res.rawHeaders;
          const offers = raw.flatMap((v, i) =>
            i % 2 === 0 && v.toLowerCase() === 'www-authenticate' ? [raw[i + 1] ?? ''] : [],
          );
          resolve({ status: res.statusCode ?? 0, offers, socket: req.socket });
        });
      },
    );
    req.on('error', reject);
    req.end('<x/>');
  });
}

function keepAlive(): Agent {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  agents.push(agent);
  return agent;
}

describe('test server NTLM over http (the CHALLENGE, the offers)', () => {
  it('offers Negotiate and NTLM (IIS order) before Basic, in the order configured', async () => {
    const both = await serve({ auth: ['ntlm', 'basic'] });
    expect((await post(both.url, keepAlive())).offers).toEqual([
      'Negotiate',
      'NTLM',
      'Basic realm="127.0.0.1"',
    ]);
    const basicOnly = await serve({});
    expect((await post(basicOnly.url, keepAlive())).offers).toEqual(['Basic realm="127.0.0.1"']);
    const ntlmOnly = await serve({ auth: ['ntlm'] });
    const basic = `Basic ${Buffer.from('alice@contoso.test:Alice-Demo-2016!').toString('base64')}`;
    const refused = await post(ntlmOnly.url, keepAlive(), basic);
    expect(refused.status).toBe(401);
    expect(refused.offers).toEqual(['Negotiate', 'NTLM']);
    // Signed in: '<x/>' reaches the SOAP layer, which answers with a fault (500), not a 401.
    expect((await post(both.url, keepAlive(), basic)).status).toBe(500);
  });

  it('answers a NEGOTIATE with a CHALLENGE under the same scheme: names, timestamp, seeded challenge', async () => {
    const server = await serve({ auth: ['ntlm'], ntlm: { challengeSeed: 'fixed' } });
    const again = await serve({ auth: ['ntlm'], ntlm: { challengeSeed: 'fixed' } });
    const challenges: Buffer[] = [];
    for (const [url, scheme] of [
      [server.url, 'Negotiate'],
      [again.url, 'NTLM'],
    ] as const) {
      const answer = await post(url, keepAlive(), `${scheme} ${NEGOTIATE.toString('base64')}`);
      expect(answer.status).toBe(401);
      expect(answer.offers).toHaveLength(1);
      const [offered, token] = (answer.offers[0] ?? '').split(' ');
      expect(offered).toBe(scheme);
      challenges.push(Buffer.from(token ?? '', 'base64'));
    }
    const [challenge, twin] = challenges as [Buffer, Buffer];
    expect(challenge.subarray(0, 12)).toEqual(Buffer.from('4e544c4d5353500002000000', 'hex'));
    expect(challenge.subarray(24, 32)).toEqual(twin.subarray(24, 32)); // same seed, same first challenge
    const targetName = challenge.subarray(
      challenge.readUInt32LE(16),
      challenge.readUInt32LE(16) + challenge.readUInt16LE(12),
    );
    expect(targetName.toString('utf16le')).toBe('CONTOSO');
    const flags = challenge.readUInt32LE(20);
    expect(flags & 0x00800000).not.toBe(0); // target info
    expect(flags & 0x40000000).not.toBe(0); // key exchange, echoed from the NEGOTIATE
    const infoAt = challenge.readUInt32LE(44);
    const pairs = decodeAvPairs(challenge.subarray(infoAt, infoAt + challenge.readUInt16LE(40)));
    const text = (id: number) => pairs.get(id)?.toString('utf16le');
    expect([text(2), text(1), text(4), text(3), text(5)]).toEqual([
      'CONTOSO',
      'EXCH01',
      'contoso.test',
      'exch01.contoso.test',
      'contoso.test',
    ]);
    expect(pairs.get(7)?.readBigUInt64LE(0)).toBe(FILETIME);
  });

  it('challenges differ from one handshake to the next', async () => {
    const server = await serve({ auth: ['ntlm'] });
    const tokens = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const answer = await post(server.url, keepAlive(), `NTLM ${NEGOTIATE.toString('base64')}`);
      tokens.add(
        Buffer.from((answer.offers[0] ?? '').slice(5), 'base64')
          .subarray(24, 32)
          .toString('hex'),
      );
    }
    expect(tokens.size).toBe(3);
  });

  it('refuses an AUTHENTICATE with no CHALLENGE on its connection, and garbage tokens', async () => {
    const server = await serve({ auth: ['ntlm'] });
    const stray = Buffer.concat([Buffer.from('4e544c4d5353500003000000', 'hex'), Buffer.alloc(76)]);
    for (const header of [`NTLM ${stray.toString('base64')}`, 'NTLM AAAA', 'Negotiate YII=']) {
      const answer = await post(server.url, keepAlive(), header);
      expect(answer.status).toBe(401);
      expect(answer.offers).toEqual(['Negotiate', 'NTLM']);
    }
  });

  it('bin: --auth and --ntlm-channel-binding', async () => {
    const lines: string[] = [];
    const server = await runCli(
      ['--auth', 'ntlm,basic', '--ntlm-channel-binding', 'required', '--json'],
      (l) => lines.push(l),
    );
    if (server === undefined) throw new Error('no server');
    servers.push(server);
    expect((await post(server.url, keepAlive())).offers).toEqual([
      'Negotiate',
      'NTLM',
      'Basic realm="127.0.0.1"',
    ]);
    await expect(runCli(['--auth', 'kerberos'], () => {})).rejects.toThrow('invalid --auth kerberos');
    await expect(runCli(['--ntlm-channel-binding', 'always'], () => {})).rejects.toThrow(
      'invalid --ntlm-channel-binding always',
    );
  });

  it('rejects unknown schemes in `auth`', async () => {
    await expect(startTestServer({ auth: ['kerberos' as 'ntlm'] })).rejects.toBeInstanceOf(TestServerError);
  });
});
