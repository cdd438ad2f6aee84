// Property-based tests of the Autodiscover readers (SOAP GetUserSettings and POX): valid answers
// written by @ews/test-server and exchangelib's captured Exchange answers, then each mutation class
// of @ews-tools/fuzz (truncation, namespaces, foreign look-alikes, depth, forbidden characters,
// huge values, equivalent rewrites…) replayed through a whole `Autodiscover.discover()` on a core
// Transport. A case ends in a result or an EwsError within the time and memory bounds; where the
// answer became wrong, never in a result that differs from the valid answer's.
//
// CI runs a fixed number of cases from fixed seeds. EWS_FUZZ_RUNS=<n> runs n cases per property,
// EWS_FUZZ_SEED=random draws new seeds, EWS_FUZZ_SEED=<seed> EWS_FUZZ_PATH=<path> replays a printed
// failure (see packages/services/README.md "Tests").

import {
  createBasicAuth,
  createUndiciTransport,
  EwsError,
  type EwsHttpRequest,
  type Transport,
} from '@ews/core';
import { startTestServer } from '@ews/test-server';
import {
  applicableAnswers,
  assertMutations,
  createRecorder,
  type FuzzTarget,
  fuzzParameters,
  fuzzStats,
  fuzzTestTimeout,
  MUTATIONS,
  type MutationName,
  type RecordedExchange,
  type ReplayTransport,
  replayTarget,
  runBounded,
} from '@ews-tools/fuzz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Autodiscover, type AutodiscoverProtocol } from '../../src/index.js';
import { poxSettings, soapSettings } from '../support/answers.js';

const codeOf = (error: unknown): string | undefined => (EwsError.isInstance(error) ? error.code : undefined);
const ALICE = 'alice@contoso.test';
/** A failed discovery is an AutodiscoverError (its trace names each step's protocol error). */
const REFUSALS = ['EWS_AUTODISCOVER', 'EWS_PROTOCOL'];

/** Discovery for Alice with no DNS, no cache and one dialect, on a transport of the test's. */
async function discoverOn(transport: ReplayTransport, protocol: AutodiscoverProtocol) {
  await using autodiscover = new Autodiscover({
    transport: transport as unknown as Transport,
    dns: { resolveSrv: async () => [] },
    cache: false,
    protocols: [protocol],
    stepTimeoutMs: 5_000,
    timeoutMs: 8_000,
  });
  const { trace: _trace, ...found } = await autodiscover.discover(ALICE);
  return found;
}

/** The test server's own Autodiscover answers, recorded through a whole discovery. */
async function recordTestServer(): Promise<Record<AutodiscoverProtocol, RecordedExchange[]>> {
  const server = await startTestServer({ tls: true, serverVersion: 'Exchange2016', seed: 'demo' });
  const inner = createUndiciTransport({ tls: { ca: server.tls?.ca ?? '' } });
  // contoso.test resolves nowhere: every Autodiscover POST goes to the test server's endpoint.
  const toServer: Transport = {
    send: (request: EwsHttpRequest) =>
      inner.send({
        ...request,
        url: new URL(
          request.url.pathname.endsWith('.svc') ? server.autodiscoverSoapUrl : server.autodiscoverUrl,
        ),
      }),
    lease: (origin, signal) => inner.lease(origin, signal),
    close: () => inner.close(),
    [Symbol.asyncDispose]: () => inner.close(),
  };
  const password = server.credentials.find((entry) => entry.username === ALICE)?.password ?? '';
  const recorded = { soap: [] as RecordedExchange[], pox: [] as RecordedExchange[] };
  try {
    for (const protocol of ['soap', 'pox'] as const) {
      const sink: RecordedExchange[] = [];
      await using autodiscover = new Autodiscover({
        auth: createBasicAuth({ username: ALICE, password }),
        transport: createRecorder(toServer, sink),
        dns: { resolveSrv: async () => [] },
        cache: false,
        protocols: [protocol],
      });
      await autodiscover.discover(ALICE);
      recorded[protocol] = sink.filter((exchange) => exchange.status === 200);
    }
  } finally {
    await inner.close();
    await server.close();
  }
  return recorded;
}

const fromServer = await recordTestServer();
const exchangeShaped = (protocol: AutodiscoverProtocol, body: string): RecordedExchange[] => [
  {
    operation: protocol === 'soap' ? 'GetUserSettings' : 'Autodiscover',
    request: '',
    status: 200,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body,
    streamed: false,
  },
];
const EWS_URL = 'https://mail.contoso.test/EWS/Exchange.asmx';
interface Source {
  readonly name: string;
  readonly protocol: AutodiscoverProtocol;
  readonly exchanges: RecordedExchange[];
  /** Exchange names its version in every SOAP answer and in POX's ServerVersion; so must the test server. */
  readonly namesVersion: boolean;
}
const SOURCES: readonly Source[] = [
  {
    name: 'SOAP GetUserSettings (test server)',
    protocol: 'soap',
    exchanges: fromServer.soap,
    namesVersion: true,
  },
  { name: 'POX (test server)', protocol: 'pox', exchanges: fromServer.pox, namesVersion: true },
  {
    name: 'SOAP GetUserSettings (Exchange-shaped, exchangelib)',
    protocol: 'soap',
    exchanges: exchangeShaped('soap', soapSettings(ALICE, EWS_URL).body ?? ''),
    namesVersion: true,
  },
  {
    name: 'POX (Exchange-shaped, exchangelib)',
    protocol: 'pox',
    // exchangelib's captured POX answer has no ServerVersion.
    exchanges: exchangeShaped('pox', poxSettings(ALICE, EWS_URL).body ?? ''),
    namesVersion: false,
  },
];

const CLASSES: readonly MutationName[] = [
  'truncated',
  'answerRenamed',
  'namespaceSwappedStructure',
  'namespaceSwappedField',
  'foreignInserted',
  'nestedDeep',
  'forbiddenCharacter',
  'hugeValue',
  'equivalentDocument',
  'textReplaced',
];
const CI_RUNS = 40;
const runsOf = (name: MutationName) => (name === 'hugeValue' || name === 'nestedDeep' ? 6 : CI_RUNS);

const targets: (Source & { target: FuzzTarget })[] = [];
for (const source of SOURCES) {
  targets.push({
    ...source,
    target: await replayTarget({
      name: source.name,
      exchanges: source.exchanges,
      call: (transport) => discoverOn(transport, source.protocol),
      codeOf,
      requiredCodes: REFUSALS,
    }),
  });
}

for (const { name, protocol, target, namesVersion } of targets) {
  describe(name, () => {
    it(`valid answer: discovery finds an https EWS URL${namesVersion ? ' and the server version' : ''}`, () => {
      const found = target.baseline as { ewsUrl: string; protocol: string; serverVersion?: unknown };
      expect(found.ewsUrl).toMatch(/^https:\/\//);
      expect(found.protocol).toBe(protocol);
      if (namesVersion) expect(found.serverVersion, 'the answer names no server version').toBeDefined();
    });
    for (const className of CLASSES) {
      if (applicableAnswers(target, className).length === 0) continue;
      it(`${className}: ${MUTATIONS[className].summary}`, {
        timeout: fuzzTestTimeout(runsOf(className)),
      }, async () => {
        await assertMutations(target, className, { name: `autodiscover / ${name}`, runs: runsOf(className) });
      });
    }
    it('an answer of 10 MiB is refused, never read whole and its URL taken', {
      timeout: 120_000,
    }, async () => {
      const valid = target.answers[0]!.map.text;
      const size = 10 * 1024 * 1024;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('space', 'comment', 'element'), async (where) => {
          // Padding before the root, a comment, or a foreign element first inside the root.
          const padding =
            where === 'space'
              ? ' '.repeat(size)
              : where === 'comment'
                ? `<!--${'x'.repeat(size)}-->`
                : `<fz:pad xmlns:fz="urn:x-fuzz:foreign">${'x'.repeat(size)}</fz:pad>`;
          const huge =
            where === 'element'
              ? valid.replace(/(<(?!\?)[^>]*>)/, `$1${padding}`)
              : valid.replace(/^(<\?xml[^>]*\?>)?/, `$1${padding}`);
          expect(huge.length).toBeGreaterThan(size);
          const { outcome } = await target.run({ index: 0, text: huge }, 0);
          expect(
            outcome.kind,
            `a ${huge.length}-character answer (${where}): ${JSON.stringify(outcome).slice(0, 200)}`,
          ).toBe('error');
        }),
        fuzzParameters(`autodiscover / ${name} / size limit`, 3),
      );
    });
  });
}

it('figures', async () => {
  // A no-op case through the whole discovery, to report the time of one.
  const one = await runBounded(() => targets[0]!.target.run(undefined, 0), codeOf);
  const stats = fuzzStats();
  console.log(
    `fuzz autodiscover: ${stats.planned} cases planned, ${stats.cases} run in ${stats.properties} properties, ${(stats.ms / 1000).toFixed(1)} s; ` +
      `slowest case ${stats.maxCaseMs.toFixed(0)} ms; one valid discovery ${one.ms?.toFixed(1)} ms`,
  );
  expect(stats.cases).toBeGreaterThan(0);
});
