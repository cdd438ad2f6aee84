import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../src/index.js';
import { SERVER_VERSIONS, type ServerVersionName } from '../src/soap/server-versions.js';
import { child, childrenNamed, childText, parseXml } from '../src/xml/xml-tree.js';
import { PYTHON } from './support/python-peer.js';
import { post } from './support/soap-client.js';

// POX Autodiscover (/autodiscover/autodiscover.xml), shaped as Exchange answers it: the EXCH
// protocol carries the server's ServerVersion (hex), which a client turns into the API version
// to request. exchangelib 4.9.0 (Debian's python3-exchangelib), written independently of us,
// reads the answers as the check.

const ALICE = { user: 'alice@contoso.test', password: 'Alice-Demo-2016!' };
const request = (address: string) =>
  '<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">' +
  `<Request><EMailAddress>${address}</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>`;

// exchangelib's own POX reader: the EWS URL it picks, the version it reads, and the error it raises.
const EXCHANGELIB_POX = `
import json, sys
from exchangelib.autodiscover.properties import Autodiscover
answers = json.loads(sys.stdin.read())
out = []
for body in answers:
    parsed = Autodiscover.from_bytes(body.encode())
    try:
        parsed.raise_errors()
        version = parsed.response.version
        out.append({"ews_url": parsed.response.protocol.ews_url, "build": str(version.build), "api": version.api_version})
    except Exception as error:
        out.append({"error": type(error).__name__, "message": str(error)})
print(json.dumps(out))
`;

async function poxAnswers(names: readonly ServerVersionName[], address = ALICE.user): Promise<string[]> {
  const answers: string[] = [];
  for (const serverVersion of names) {
    const server = await startTestServer({ serverVersion });
    try {
      const reply = await post(server.autodiscoverUrl, request(address), ALICE);
      expect(reply.status).toBe(200);
      answers.push(reply.body);
    } finally {
      await server.close();
    }
  }
  return answers;
}

/** The answers fed to exchangelib on stdin, its readings printed back as JSON. */
function exchangelibReads(answers: readonly string[]): Promise<Record<string, string>[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(PYTHON, ['-c', EXCHANGELIB_POX], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Record<string, string>[]);
    });
    child.stdin?.end(JSON.stringify(answers));
  });
}

describe('POX Autodiscover answers as Exchange does', () => {
  const names = Object.keys(SERVER_VERSIONS) as ServerVersionName[];

  it('the EXCH protocol carries the server version as hex, for every version the server can play', async () => {
    const answers = await poxAnswers(names);
    for (const [index, name] of names.entries()) {
      const profile = SERVER_VERSIONS[name];
      const account = child(child(parseXml(answers[index] ?? ''), 'Response'), 'Account');
      const protocols = childrenNamed(account, 'Protocol');
      expect(protocols.map((p) => childText(p, 'Type'))).toEqual(['EXCH', 'EXPR']);
      const hex = childText(protocols[0], 'ServerVersion') ?? '';
      expect(hex).toMatch(/^[0-9A-F]{8}$/);
      // Decoded by hand from the documented layout: 4 bits, major (6), minor (6), 1 bit, major build (15).
      const value = Number.parseInt(hex, 16);
      expect(value >>> 28).toBe(0b0111);
      expect([(value >>> 22) & 0x3f, (value >>> 16) & 0x3f, value & 0x7fff]).toEqual([
        profile.majorVersion,
        profile.minorVersion,
        profile.majorBuildNumber,
      ]);
      expect(childText(account, 'Action')).toBe('settings');
      expect(childText(child(child(parseXml(answers[index] ?? ''), 'Response'), 'User'), 'DisplayName')).toBe(
        'Alice Adams',
      );
    }
  });

  it('exchangelib reads the same EWS URL, build and API version from it', async () => {
    const answers = await poxAnswers(names);
    const read = await exchangelibReads(answers);
    expect(read).toEqual(
      names.map((name) => {
        const profile = SERVER_VERSIONS[name];
        return {
          ews_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/EWS\/Exchange\.asmx$/),
          build: `${profile.majorVersion}.${profile.minorVersion}.${profile.majorBuildNumber}.0`,
          // exchangelib's names: 15.0 past CU1 is its Exchange2013_SP1, 15.2 its Exchange2019.
          api: name === 'Exchange2013' ? 'Exchange2013_SP1' : name,
        };
      }),
    );
  });

  it('an unknown address gets Exchange’s error 500 "The e-mail address cannot be found."', async () => {
    const [answer] = await poxAnswers(['Exchange2016'], 'nobody@contoso.test');
    const error = child(child(parseXml(answer ?? ''), 'Response'), 'Error');
    expect(childText(error, 'ErrorCode')).toBe('500');
    expect(childText(error, 'Message')).toBe('The e-mail address cannot be found.');
    const [read] = await exchangelibReads([answer ?? '']);
    expect(read).toMatchObject({ error: 'ErrorNonExistentMailbox' });
  });
});
