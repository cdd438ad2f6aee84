import { inspect } from 'node:util';
import { offerAuthServers } from '@ews-tools/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AuthStrategy,
  createBasicAuth,
  createDigestAuth,
  createOfferDetectingAuth,
  DeferredAuth,
  EwsAuthError,
  EwsClient,
  EwsInvalidArgumentError,
  type OfferDetectingAuthOptions,
  probeAuthType,
} from '../../src/index.js';

// Auth-type detection (moved from @ews/client, issue 16). Issue 12, defect 13: a 401 offering
// only Negotiate or only Bearer made detection fail with `offeredSchemes: []` and a message
// naming neither. Every failure now lists what was offered (every WWW-Authenticate header,
// never a token), names the package to install, and counts the requests actually sent.

const PASSWORD = 'Not-The-Passw0rd!';
const TOKEN =
  'YIIGhgYGKwYBBQUCoIIGejCCBnagMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHgYKKwYBBAGCNwICCg==';
/** Servers that answer every request with 401 and the given WWW-Authenticate values; they count requests. */
const refusing = offerAuthServers();
afterEach(() => refusing.closeAll());

/** Password factories as a composer passes them; NTLM is a plugin, so a stand-in here. */
function passwordFactories(
  made: string[] = [],
  ntlm: () => AuthStrategy = () => createBasicAuth({ username: 'alice', password: PASSWORD }),
): OfferDetectingAuthOptions {
  const counted = (type: string, make: () => AuthStrategy | Promise<AuthStrategy>) => () => {
    made.push(type);
    return make();
  };
  return {
    factories: {
      basic: counted('basic', () => createBasicAuth({ username: 'alice', password: PASSWORD })),
      digest: counted('digest', async () => createDigestAuth({ username: 'alice', password: PASSWORD })),
      ntlm: counted('ntlm', ntlm),
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<EwsAuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof EwsAuthError)) throw new Error(`expected EwsAuthError, got ${String(error)}`);
  return error;
}

describe('probeAuthType (Configuration without authType): what the server offered', () => {
  const cases: readonly [string, readonly string[], readonly string[], readonly string[]][] = [
    ['only Negotiate', ['Negotiate'], ['Negotiate'], ['Negotiate (install @ews/auth-kerberos)']],
    [
      'only Bearer (no Modern Auth hint)',
      ['Bearer authorization_uri="https://login.example/authorize", error="invalid_token"'],
      ['Bearer'],
      ['Bearer (install @ews/auth-oauth2)'],
    ],
    ['an unknown scheme', ['X-Acme-Token realm="r"'], ['X-Acme-Token'], ['X-Acme-Token (not supported)']],
    [
      'Negotiate with a token and Bearer, comma-joined and in two headers',
      [`Negotiate ${TOKEN}, Bearer realm=""`, 'negotiate'],
      ['Negotiate', 'Bearer'],
      ['Negotiate (install @ews/auth-kerberos), Bearer (install @ews/auth-oauth2)'],
    ],
    ['no WWW-Authenticate at all', [], [], ['offers no scheme']],
  ];

  it.each(cases)('%s', async (_name, offer, schemes, texts) => {
    const server = await refusing.start(offer);
    const error = await rejection(probeAuthType(server.url, undefined, new AbortController().signal));
    expect(error.code).toBe('EWS_AUTH');
    expect(error.offeredSchemes).toEqual(schemes);
    for (const text of texts) expect(error.message).toContain(text);
    expect(`${error.message} ${inspect(error)} ${JSON.stringify(error)}`).not.toContain(TOKEN);
    expect(server.requests()).toBe(1);
  });
});

describe('OfferDetectingAuth (discovery without authType): the offer and the count', () => {
  const send = async (offer: readonly string[]) => {
    const server = await refusing.start(offer);
    const ews = new EwsClient({ url: server.url.href, auth: createOfferDetectingAuth(passwordFactories()) });
    try {
      const error = await rejection(ews.send({ operation: 'GetFolder', body: '<m:GetFolder/>' }));
      return { error, requests: server.requests() };
    } finally {
      await ews.close();
    }
  };

  it('only Negotiate: refused after the probe, naming @ews/auth-kerberos', async () => {
    const { error, requests } = await send(['Negotiate']);
    expect(requests).toBe(1);
    expect(error.offeredSchemes).toEqual(['Negotiate']);
    expect(error.message).toContain('offers Negotiate (install @ews/auth-kerberos)');
  });

  it('Digest refused: the message counts the 2 requests the server saw', async () => {
    const { error, requests } = await send([
      'Digest realm="EWS", nonce="n0nce", qop="auth"',
      `Negotiate ${TOKEN}`,
    ]);
    expect(requests).toBe(2);
    expect(error.message).toContain('refused Digest authentication after 2 request(s)');
    expect(error.offeredSchemes).toEqual(['Digest', 'Negotiate']);
    expect(error.message).toContain('it offers: Digest, Negotiate (install @ews/auth-kerberos).');
    expect(`${error.message} ${inspect(error)}`).not.toContain(TOKEN);
    expect(`${error.message} ${inspect(error)}`).not.toContain(PASSWORD);
  });
});

describe('OfferDetectingAuth: the factories the composer passes', () => {
  it('refuses options without a factory for each password scheme', () => {
    const { factories } = passwordFactories();
    for (const missing of ['basic', 'digest', 'ntlm'] as const) {
      const partial = {
        ...factories,
        [missing]: undefined,
      } as unknown as OfferDetectingAuthOptions['factories'];
      expect(() => createOfferDetectingAuth({ factories: partial })).toThrow(EwsInvalidArgumentError);
      expect(() => createOfferDetectingAuth({ factories: partial })).toThrow(`factories.${missing}`);
    }
    expect(() => createOfferDetectingAuth(undefined as unknown as OfferDetectingAuthOptions)).toThrow(
      EwsInvalidArgumentError,
    );
  });

  it('makes the offered scheme once per origin, even for concurrent calls', async () => {
    const server = await refusing.start(['Basic realm="EWS"', 'Negotiate']);
    const made: string[] = [];
    const auth = createOfferDetectingAuth(passwordFactories(made));
    const ews = new EwsClient({ url: server.url.href, auth, allowInsecureHttp: true });
    try {
      await Promise.all(
        [1, 2, 3].map(() =>
          ews.send({ operation: 'GetFolder', body: '<m:GetFolder/>' }).catch((e: unknown) => e),
        ),
      );
      expect(made).toEqual(['basic']);
      expect(auth.authTypeFor(server.url)).toBe('basic');
      expect(auth.authTypeFor('https://elsewhere.example/EWS/Exchange.asmx')).toBeUndefined();
    } finally {
      await ews.close();
    }
  });
});

describe('DeferredAuth: the strategy found on first use', () => {
  const basic = () => createBasicAuth({ username: 'alice', password: PASSWORD });
  const signal = new AbortController().signal;

  it("refuses use before resolution, then takes the resolved strategy's binding and scheme", async () => {
    const auth = new DeferredAuth(async () => basic(), 'connection');
    expect(auth.scheme).toBe('Deferred');
    expect(auth.binding).toBe('connection');
    const request = {
      url: new URL('https://mail.example/EWS/Exchange.asmx'),
      method: 'POST',
      operation: 'GetFolder',
    };
    expect(() => auth.authorize(request as never, { round: 0 } as never)).toThrow(EwsInvalidArgumentError);
    await auth.resolve(signal);
    expect(auth.scheme).toBe('Basic');
    expect(auth.binding).toBe('request');
    expect(auth.sendsReusableSecret).toBe(true);
  });

  it('resolves once for concurrent callers, and retries a failed resolution', async () => {
    let calls = 0;
    const auth = new DeferredAuth(async () => {
      calls += 1;
      if (calls === 1) throw new Error('package missing');
      return basic();
    }, 'request');
    await expect(auth.resolve(signal)).rejects.toThrow('package missing');
    const [a, b] = await Promise.all([auth.resolve(signal), auth.resolve(signal)]);
    expect(a).toBe(b);
    expect(await auth.resolve(signal)).toBe(a);
    expect(calls).toBe(2);
  });

  it('a resolution to no strategy (a server asking none) authorizes nothing', async () => {
    const auth = new DeferredAuth(async () => undefined, 'connection');
    await auth.resolve(signal);
    expect(auth.binding).toBe('request');
    expect(auth.scheme).toBe('Deferred');
    expect(await auth.authorize({} as never, {} as never)).toBeUndefined();
  });
});
