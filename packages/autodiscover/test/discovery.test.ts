import { createBasicAuth, EwsAbortError, EwsTimeoutError } from '@ews/core';
import type { Agent } from 'undici';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  Autodiscover,
  type AutodiscoverCache,
  AutodiscoverError,
  type AutodiscoverOptions,
  type CachedEndpoint,
  type SrvRecord,
} from '../src/index.js';
import {
  poxSettings,
  soapInvalidUser,
  soapRedirectAddress,
  soapRedirectUrl,
  soapSettings,
} from './support/answers.js';
import { FakeInternet } from './support/fake-internet.js';
import { createTestPki, type TestPki } from './support/test-pki.js';
import { autodiscoverVectors } from './support/vector-templates.js';

const DOMAIN = 'contoso.test';
const EMAIL = `anna@${DOMAIN}`;
const EWS = `https://mail.${DOMAIN}/EWS/Exchange.asmx`;
const SVC = '/autodiscover/autodiscover.svc';
const XML = '/autodiscover/autodiscover.xml';

let pki: TestPki;
let internet: FakeInternet;
let dispatcher: Agent;
const instances: Autodiscover[] = [];

beforeAll(async () => {
  pki = await createTestPki([DOMAIN, 'fabrikam.test', 'evil.test', 'hoster.test']);
});

async function fresh(): Promise<void> {
  internet = await FakeInternet.start(pki);
  dispatcher = internet.dispatcher(pki.ca);
}

function autodiscover(options: AutodiscoverOptions = {}, srv: readonly SrvRecord[] = []): Autodiscover {
  const instance = new Autodiscover({
    auth: createBasicAuth({ username: EMAIL, password: 'Secret-Pa55' }),
    transport: { dispatcher },
    dns: { resolveSrv: async () => srv },
    stepTimeoutMs: 5_000,
    ...options,
  });
  instances.push(instance);
  return instance;
}

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

afterEach(async () => {
  await Promise.all(instances.splice(0).map((instance) => instance.close()));
  await dispatcher?.close();
  await internet?.close();
});

describe('order of steps', () => {
  it('tries the domain, autodiscover.<domain>, the HTTP redirect GET, then SRV targets lowest priority first', async () => {
    await fresh();
    internet
      .addHost(DOMAIN)
      .addHost(`autodiscover.${DOMAIN}`)
      .addHost(`ad1.${DOMAIN}`)
      .addHost(`ad2.${DOMAIN}`);
    const srv = [
      { priority: 20, weight: 0, port: 443, name: `ad2.${DOMAIN}` },
      { priority: 10, weight: 5, port: 8443, name: `ad1.${DOMAIN}` },
    ];
    const error = await failure(autodiscover({}, srv).discover(EMAIL));
    expect(error).toBeInstanceOf(AutodiscoverError);
    expect(internet.lines()).toEqual([
      `POST https://${DOMAIN}${SVC}`,
      `POST https://${DOMAIN}${XML}`,
      `POST https://autodiscover.${DOMAIN}${SVC}`,
      `POST https://autodiscover.${DOMAIN}${XML}`,
      `GET http://autodiscover.${DOMAIN}${XML}`,
      `POST https://ad1.${DOMAIN}:8443${SVC}`,
      `POST https://ad1.${DOMAIN}:8443${XML}`,
      `POST https://ad2.${DOMAIN}${SVC}`,
      `POST https://ad2.${DOMAIN}${XML}`,
    ]);
    const trace = (error as AutodiscoverError).trace;
    expect(trace.map((step) => step.source)).toEqual([
      'domain',
      'domain',
      'autodiscover-host',
      'autodiscover-host',
      'http-redirect',
      'dns-srv',
      'dns-srv',
      'dns-srv',
      'dns-srv',
      'dns-srv',
    ]);
    expect((error as AutodiscoverError).reason).toBe('not-found');
    expect((error as Error).message).toContain(
      `POST https://autodiscover.${DOMAIN}${XML} [pox] -> failed HTTP 404: no Autodiscover endpoint at this URL`,
    );
  });

  it('falls back to POX at the same host, and does not ask an unreachable host twice', async () => {
    await fresh();
    internet.route('POST', `https://autodiscover.${DOMAIN}${XML}`, poxSettings(EMAIL, EWS));
    const result = await autodiscover().discover(EMAIL);
    expect(result).toMatchObject({
      protocol: 'pox',
      ewsUrl: EWS,
      smtpAddress: EMAIL,
      autodiscoverUrl: `https://autodiscover.${DOMAIN}${XML}`,
    });
    // contoso.test itself does not resolve: one failed step, not two.
    expect(result.trace.map((step) => `${step.source}/${step.protocol}/${step.outcome}`)).toEqual([
      'domain/soap/failed',
      'autodiscover-host/soap/failed',
      'autodiscover-host/pox/settings',
    ]);
    expect(result.trace[0]?.detail).toMatch(/could not be resolved/);
  });

  it('returns the settings, the server version and the trace from a SOAP answer', async () => {
    await fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const result = await autodiscover().discover(EMAIL);
    expect(result.protocol).toBe('soap');
    expect(result.userSettings).toEqual({ AutoDiscoverSMTPAddress: EMAIL, ExternalEwsUrl: EWS });
    expect(result.serverVersion?.build.toString()).toBe('15.20.5834.15');
    const request = internet.seen[0];
    expect(request?.authorization).toBe(`Basic ${Buffer.from(`${EMAIL}:Secret-Pa55`).toString('base64')}`);
    expect(request?.body).toContain(`<a:Mailbox>${EMAIL}</a:Mailbox>`);
    expect(request?.body).toContain('<a:Setting>ExternalEwsUrl</a:Setting>');
  });

  it('stops at once when the server says the mailbox does not exist', async () => {
    await fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, soapInvalidUser(EMAIL));
    const error = await failure(autodiscover().discover(EMAIL));
    expect(error).toMatchObject({ reason: 'mailbox-not-found', code: 'EWS_AUTODISCOVER' });
    expect(internet.seen).toHaveLength(1);
  });

  it('refuses an EWS URL that is not https and goes on', async () => {
    await fresh();
    internet.route(
      'POST',
      `https://${DOMAIN}${SVC}`,
      soapSettings(EMAIL, `http://mail.${DOMAIN}/EWS/Exchange.asmx`),
    );
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const result = await autodiscover().discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    expect(result.trace[0]?.detail).toMatch(/not https/);
  });
});

describe('redirect policy: credentials stay inside it', () => {
  it('does not contact an SRV target outside the domain, and says how to allow it', async () => {
    await fresh();
    internet.route('POST', `https://ad.hoster.test${SVC}`, soapSettings(EMAIL, EWS));
    const error = await failure(
      autodiscover({}, [{ priority: 0, weight: 0, port: 443, name: 'ad.hoster.test' }]).discover(EMAIL),
    );
    expect(error).toMatchObject({ reason: 'not-found' });
    expect(internet.seen.filter((request) => request.url.includes('hoster.test'))).toEqual([]);
    const skipped = (error as AutodiscoverError).trace.find((step) => step.outcome === 'skipped');
    expect(skipped?.detail).toMatch(/ad\.hoster\.test is outside the redirect policy.*allowHosts/);
  });

  it('asks the allow() callback, and follows only when it says yes', async () => {
    await fresh();
    internet.route('POST', `https://ad.hoster.test${SVC}`, soapSettings(EMAIL, EWS));
    const asked: string[] = [];
    const allow = async (url: URL) => {
      asked.push(url.href);
      return url.hostname === 'ad.hoster.test';
    };
    const result = await autodiscover({ redirectPolicy: { allow } }, [
      { priority: 0, weight: 0, port: 443, name: 'ad.hoster.test' },
    ]).discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    expect(asked).toEqual([`https://ad.hoster.test${SVC}`]);
    expect(internet.seen.at(-1)?.authorization).toMatch(/^Basic /);
  });

  it('follows a redirect URL only inside the policy; a planted answer cannot send credentials away', async () => {
    await fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, soapRedirectUrl(`https://collect.evil.test${SVC}`));
    internet.route('POST', `https://collect.evil.test${SVC}`, soapSettings(EMAIL, EWS));
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const result = await autodiscover().discover(EMAIL);
    expect(result.autodiscoverUrl).toBe(`https://autodiscover.${DOMAIN}${SVC}`);
    expect(internet.seen.some((request) => request.url.includes('evil.test'))).toBe(false);
  });

  it('follows the HTTP redirect step only to https, and sends that GET without credentials', async () => {
    await fresh();
    internet.route('GET', `http://autodiscover.${DOMAIN}${XML}`, {
      status: 302,
      headers: { location: `https://autodiscover.fabrikam.test${XML}` },
    });
    internet.route('POST', `https://autodiscover.fabrikam.test${XML}`, poxSettings(EMAIL, EWS));
    const result = await autodiscover({ redirectPolicy: { allowHosts: ['*.fabrikam.test'] } }).discover(
      EMAIL,
    );
    expect(result).toMatchObject({ protocol: 'pox', ewsUrl: EWS });
    const get = internet.seen.find((request) => request.method === 'GET');
    expect(get?.authorization).toBeUndefined();
  });
});

describe('redirect limits', () => {
  it('detects a redirect URL loop', async () => {
    await fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, soapRedirectUrl(`https://a.${DOMAIN}${SVC}`));
    internet.route('POST', `https://a.${DOMAIN}${SVC}`, soapRedirectUrl(`https://${DOMAIN}${SVC}`));
    const error = await failure(autodiscover().discover(EMAIL));
    expect(error).toMatchObject({ reason: 'circular-redirect' });
  });

  it('stops after maxRedirects', async () => {
    await fresh();
    for (let hop = 0; hop < 5; hop += 1) {
      const from = hop === 0 ? `https://${DOMAIN}${SVC}` : `https://h${hop}.${DOMAIN}${SVC}`;
      internet.route('POST', from, soapRedirectUrl(`https://h${hop + 1}.${DOMAIN}${SVC}`));
    }
    const error = await failure(autodiscover({ maxRedirects: 3 }).discover(EMAIL));
    expect(error).toMatchObject({ reason: 'too-many-redirects' });
    expect(internet.seen).toHaveLength(4);
  });

  it('follows a redirect address to another domain only when that domain is allowed', async () => {
    await fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, soapRedirectAddress('anna@fabrikam.test'));
    internet.route(
      'POST',
      `https://fabrikam.test${SVC}`,
      soapSettings('anna@fabrikam.test', 'https://mail.fabrikam.test/EWS/Exchange.asmx'),
    );
    const denied = await failure(autodiscover({ protocols: ['soap'] }).discover(EMAIL));
    expect(denied).toMatchObject({ reason: 'not-found' });
    expect(internet.seen.some((request) => request.url.includes('fabrikam'))).toBe(false);
    const result = await autodiscover({
      protocols: ['soap'],
      redirectPolicy: { allowHosts: ['fabrikam.test'] },
    }).discover(EMAIL);
    expect(result).toMatchObject({ email: EMAIL, smtpAddress: 'anna@fabrikam.test' });
  });
});

describe('cache', () => {
  it('is per instance, expires after cacheTtlMs, and is rebuilt when its endpoint stops answering', async () => {
    await fresh();
    let now = 1_000_000;
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const first = autodiscover({ cacheTtlMs: 60_000, now: () => now });
    expect((await first.discover(EMAIL)).fromCache).toBe(false);
    expect((await first.discover(EMAIL)).fromCache).toBe(true);
    // exchangelib shares a file cache per OS user (its cache_filename vector); instances here share nothing.
    expect((await autodiscover().discover(EMAIL)).fromCache).toBe(false);
    now += 60_001;
    const expired = await first.discover(EMAIL);
    expect(expired.fromCache).toBe(false);
    expect(expired.trace[0]?.source).toBe('domain');
  });

  it('treats a persistent store as untrusted: planted or malformed entries are never used', async () => {
    await fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    internet.route(
      'POST',
      `https://collect.evil.test${SVC}`,
      soapSettings(EMAIL, 'https://collect.evil.test/EWS/Exchange.asmx'),
    );
    const store = new Map<string, unknown>();
    const persistent: AutodiscoverCache = {
      get: async (key) => store.get(key) as CachedEndpoint | undefined,
      set: async (key, value) => {
        store.set(key, value);
      },
      delete: async (key) => {
        store.delete(key);
      },
    };
    const later = Date.now() + 3_600_000;
    for (const planted of [
      { url: `https://collect.evil.test${SVC}`, protocol: 'soap', expiresAt: later },
      { url: `http://${DOMAIN}${SVC}`, protocol: 'soap', expiresAt: later },
      { url: `https://${DOMAIN}${SVC}`, protocol: 'gopher', expiresAt: later },
      'not an object',
    ]) {
      store.set(DOMAIN, planted);
      const result = await autodiscover({ cache: persistent }).discover(EMAIL);
      expect(result.fromCache).toBe(false);
      expect(store.get(DOMAIN)).toMatchObject({ url: `https://${DOMAIN}${SVC}`, protocol: 'soap' });
    }
    expect(internet.seen.some((request) => request.url.includes('evil.test'))).toBe(false);
  });
});

describe('untrusted inputs', () => {
  it('survives a cache store that throws', async () => {
    await fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const warnings: string[] = [];
    const broken: AutodiscoverCache = {
      get: async () => {
        throw new Error('disk full');
      },
      set: () => {
        throw new Error('disk full');
      },
      delete: () => {},
    };
    const logger = {
      debug() {},
      info() {},
      error() {},
      warn: (message: string) => void warnings.push(message),
    };
    const result = await autodiscover({ cache: broken, logger }).discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    expect(warnings).toHaveLength(2);
  });

  it('does not follow a redirect address that is not an SMTP address', async () => {
    await fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, soapRedirectAddress('not an address'));
    const error = await failure(autodiscover({ protocols: ['soap'] }).discover(EMAIL));
    expect(error).toMatchObject({ reason: 'not-found' });
    expect((error as AutodiscoverError).trace[0]?.detail).toBe('the redirect address is not an SMTP address');
  });

  it('rejects bad input before sending anything', async () => {
    await fresh();
    await expect(autodiscover().discover('no-at-sign')).rejects.toMatchObject({
      code: 'EWS_INVALID_ARGUMENT',
    });
    expect(() => new Autodiscover({ maxRedirects: -1 })).toThrow(/maxRedirects/);
    expect(() => new Autodiscover({ protocols: [] })).toThrow(/protocols/);
    expect(internet.seen).toEqual([]);
  });
});

describe('deadlines and cancellation', () => {
  it('gives up on a silent step after stepTimeoutMs and carries on', async () => {
    await fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, () => new Promise(() => {}));
    internet.route('POST', `https://autodiscover.${DOMAIN}${SVC}`, soapSettings(EMAIL, EWS));
    const result = await autodiscover({ stepTimeoutMs: 300 }).discover(EMAIL);
    expect(result.ewsUrl).toBe(EWS);
    expect(result.trace[0]).toMatchObject({
      outcome: 'failed',
      errorCode: 'EWS_TIMEOUT',
      detail: 'no answer within 300 ms',
    });
  });

  it('ends with EwsTimeoutError (and the steps so far) when timeoutMs elapses', async () => {
    await fresh();
    internet.route('POST', `https://${DOMAIN}${SVC}`, () => new Promise(() => {}));
    const error = await failure(autodiscover().discover(EMAIL, { timeoutMs: 300 }));
    expect(error).toBeInstanceOf(EwsTimeoutError);
    expect((error as Error).message).toMatch(/did not finish within 300 ms/);
  });

  it('ends with EwsAbortError when the caller aborts', async () => {
    await fresh();
    const controller = new AbortController();
    internet.route('POST', `https://${DOMAIN}${SVC}`, () => {
      controller.abort(new Error('user closed the dialog'));
      return new Promise(() => {});
    });
    const error = await failure(autodiscover().discover(EMAIL, { signal: controller.signal }));
    expect(error).toBeInstanceOf(EwsAbortError);
  });
});

describe('redirect URL validity (exchangelib redirect_url_validity)', () => {
  const cases = autodiscoverVectors().soap.redirect_url_validity;
  it.each(cases.map((c, i) => [i, c.state ?? c.why ?? `HEAD ${c.head_status}`, c] as const))(
    '#%i %s',
    async (_i, _label, vector) => {
      await fresh();
      const target = vector.url
        .replace('<unresolvable>', `gone.${DOMAIN}`)
        .replace('<resolvable EWS host>', `ews.${DOMAIN}`)
        .replace('example.com', `example.${DOMAIN}`);
      const redirectTo = `${target}${SVC}`;
      internet.route('POST', `https://${DOMAIN}${SVC}`, soapRedirectUrl(redirectTo));
      if (vector.state === 'already visited') {
        // The redirect target sends us back to itself.
        internet.route('POST', redirectTo, soapRedirectUrl(redirectTo));
      } else if (vector.state === 'redirect_count == 10') {
        internet.route('POST', redirectTo, soapRedirectUrl(`https://${DOMAIN}/next${SVC}`));
      } else if (vector.head_status !== undefined) {
        // Any HTTP answer means the host is valid; only its answer decides what comes next.
        internet.route(
          'POST',
          redirectTo,
          vector.head_status === 200 ? soapSettings(EMAIL, EWS) : { status: vector.head_status },
        );
      }
      const outcome = await autodiscover({
        protocols: ['soap'],
        maxRedirects: vector.state === 'redirect_count == 10' ? 1 : 10,
      })
        .discover(EMAIL)
        .catch((error: unknown) => error);
      const followed = internet.seen.some((request) => request.url === redirectTo);
      if (vector.expected === false) {
        if (vector.state === 'already visited')
          expect(outcome).toMatchObject({ reason: 'circular-redirect' });
        else if (vector.state === 'redirect_count == 10')
          expect(outcome).toMatchObject({ reason: 'too-many-redirects' });
        else if (vector.why === 'must be https') {
          expect(followed).toBe(false);
          expect((outcome as AutodiscoverError).trace[1]).toMatchObject({
            outcome: 'skipped',
            detail: expect.stringMatching(/not https/),
          });
        } else {
          expect((outcome as AutodiscoverError).trace[1]).toMatchObject({
            outcome: 'failed',
            errorCode: 'EWS_TRANSPORT',
          });
        }
      } else {
        expect(followed).toBe(true);
        if (vector.head_status === 200) expect(outcome).toMatchObject({ ewsUrl: EWS });
        else
          expect((outcome as AutodiscoverError).trace[1]).toMatchObject({
            outcome: 'failed',
            status: vector.head_status,
          });
      }
    },
  );
});
