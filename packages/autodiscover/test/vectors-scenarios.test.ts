import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Autodiscover,
  type AutodiscoverCache,
  AutodiscoverError,
  createMemoryCache,
  parseSrvRecord,
  type SrvRecord,
} from '../src/index.js';
import { type FakeAnswer, FakeInternet } from './support/fake-internet.js';
import { createTestPki, type TestPki } from './support/test-pki.js';
import { autodiscoverVectors, renderTemplate, type Scenario } from './support/vector-templates.js';

// exchangelib's SOAP Autodiscover scenarios, replayed against loopback virtual hosts.
// Differences from exchangelib, on purpose:
// - its HEAD probes are not sent: the POST itself tells whether a host answers;
// - the HTTP redirect step GETs /autodiscover/autodiscover.xml (Microsoft's documented URL);
// - hosts outside the address's domain get credentials only when the redirect policy allows
//   them, so these replays allow the vectors' outside hosts by name.
const vectors = autodiscoverVectors();
const DOMAIN = 'contoso.test';
const EMAIL = `john@${DOMAIN}`;
const EWS_URL = `https://mail.${DOMAIN}/EWS/Exchange.asmx`;
const STEP1 = `https://${DOMAIN}/autodiscover/autodiscover.svc`;
const STEP2 = `https://autodiscover.${DOMAIN}/autodiscover/autodiscover.svc`;
const STEP3 = `http://autodiscover.${DOMAIN}/autodiscover/autodiscover.xml`;
const SYMBOLS: Readonly<Record<string, string>> = { address: EMAIL, email: EMAIL, ews_url: EWS_URL };

/** The vectors' host names, mapped onto names our fake internet serves (or deliberately does not). */
function localize(text: string): string {
  return text
    .replaceAll('{domain}', DOMAIN)
    .replaceAll('httpbin.org', 'httpbin.test')
    .replaceAll('example.com', 'example.test')
    .replaceAll('<random unresolvable host>', 'unresolvable.test')
    .replaceAll('<unresolvable>', 'unresolvable.test')
    .replace(/\/\.\.\.(svc)?$/, '/autodiscover/autodiscover.svc');
}

function urlOf(spec: string, method: string): string {
  if (method === 'GET') return STEP3;
  if (spec.startsWith('step1')) return STEP1;
  if (spec.startsWith('step2')) return STEP2;
  return localize(spec);
}

function bodyOf(spec: string | undefined): string | undefined {
  if (spec === undefined) return undefined;
  const match = /^(\w+)(?:\((.*)\))?$/.exec(spec);
  if (!match?.[1]) throw new Error(`unreadable body spec ${spec}`);
  const id = match[1];
  const args = (match[2] ?? 'email, ews_url').split(',').map((arg) => arg.trim());
  const placeholders = vectors.soap.templates.find((template) => template.id === id)?.placeholders ?? [];
  const values: Record<string, string> = {};
  placeholders.forEach((name, index) => {
    const arg = args[index] ?? name;
    values[name] = SYMBOLS[arg] ?? localize(arg);
  });
  return renderTemplate(vectors.soap.templates, id, values);
}

interface Replay {
  readonly cache: AutodiscoverCache;
  readonly srv: SrvRecord[];
  readonly expectedRequests: string[];
}

function install(scenario: Scenario, internet: FakeInternet): Replay {
  const cache = createMemoryCache();
  const srv: SrvRecord[] = [];
  const expectedRequests: string[] = [];
  const answers = new Map<string, FakeAnswer[]>();
  for (const step of scenario.http) {
    if (step.cache !== undefined) {
      const [, url] = localize(step.cache).split(' -> ');
      void cache.set(DOMAIN, { url: url ?? '', protocol: 'soap', expiresAt: Date.now() + 60_000 });
      continue;
    }
    if (step.DNS_SRV !== undefined) {
      for (const rdata of step.answer === 'none' || step.answer === undefined ? [] : step.answer) {
        const record = parseSrvRecord(localize(rdata));
        if (record) srv.push(record);
      }
      continue;
    }
    const method = step.POST !== undefined ? 'POST' : step.GET !== undefined ? 'GET' : undefined;
    if (method === undefined) continue; // HEAD probes: see the note at the top
    const url = urlOf(step.POST ?? step.GET ?? '', method);
    const headers =
      step.headers?.location === undefined ? undefined : { location: localize(step.headers.location) };
    const body = bodyOf(step.body);
    const key = `${method} ${url}`;
    answers.set(key, [
      ...(answers.get(key) ?? []),
      {
        status: step.status ?? 200,
        ...(body === undefined ? {} : { body }),
        ...(headers ? { headers } : {}),
      },
    ]);
    expectedRequests.push(key);
  }
  for (const [key, list] of answers) {
    const [method, url] = key.split(' ') as ['GET' | 'POST', string];
    internet.route(method, url, list);
  }
  return { cache, srv, expectedRequests };
}

/** True when `expected` occurs in `seen` in order (other requests may come between). */
function isSubsequence(expected: readonly string[], seen: readonly string[]): boolean {
  let at = 0;
  for (const line of seen) if (line.toLowerCase() === expected[at]?.toLowerCase()) at += 1;
  return at === expected.length;
}

let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki([DOMAIN, 'httpbin.test', 'example.test', 'unresolvable.test']);
});

describe('exchangelib autodiscover scenarios', () => {
  let internet: FakeInternet | undefined;
  afterAll(async () => {
    await internet?.close();
  });

  it.each(vectors.soap.scenarios.map((scenario) => [scenario.id, scenario] as const))(
    '%s',
    async (_id, scenario) => {
      await internet?.close();
      internet = await FakeInternet.start(pki);
      const replay = install(scenario, internet);
      const dispatcher = internet.dispatcher(pki.ca);
      const autodiscover = new Autodiscover({
        transport: { dispatcher },
        dns: { resolveSrv: async () => replay.srv },
        cache: replay.cache,
        protocols: ['soap'],
        redirectPolicy: {
          allowHosts: ['httpbin.test', '*.httpbin.test', 'example.test', 'unresolvable.test'],
        },
        stepTimeoutMs: 5_000,
      });
      try {
        const expected = scenario.expected;
        if (typeof expected.error === 'string') {
          const error = await autodiscover.discover(EMAIL).catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(AutodiscoverError);
          const reason = {
            AutoDiscoverFailed: 'not-found',
            AutoDiscoverCircularRedirect: 'circular-redirect',
          }[expected.error];
          expect((error as AutodiscoverError).reason).toBe(reason);
          expect((error as AutodiscoverError).trace.length).toBeGreaterThan(0);
        } else {
          const result = await autodiscover.discover(EMAIL);
          if (typeof expected.ews_url === 'string') {
            expect(result.ewsUrl).toBe(SYMBOLS[expected.ews_url] ?? localize(expected.ews_url));
            expect(result.smtpAddress).toBe(
              SYMBOLS[String(expected.autodiscover_smtp_address)] ??
                localize(String(expected.autodiscover_smtp_address)),
            );
          }
          if (expected.cache_rebuilt === true) {
            expect(result.fromCache).toBe(false);
            expect(result.trace[0]?.source).toBe('cache');
            expect(await replay.cache.get(DOMAIN)).toMatchObject({ url: STEP1, protocol: 'soap' });
          }
          if (expected.cached === true) {
            const before = internet.seen.length;
            const again = await autodiscover.discover(EMAIL);
            expect(again.fromCache).toBe(true);
            expect(internet.lines().slice(before)).toEqual([`POST ${again.autodiscoverUrl}`]);
          }
        }
        expect(isSubsequence(replay.expectedRequests, internet.lines())).toBe(true);
        // Every request reached a host with the user's credentials only inside the policy.
        for (const request of internet.seen)
          if (request.method === 'GET') expect(request.authorization).toBeUndefined();
      } finally {
        await autodiscover.close();
        await dispatcher.close();
      }
    },
  );
});
