import { createBasicAuth, EwsClient, faultTolerant } from '@ews/core';
import { startTestServer, type TestServer } from '@ews/test-server';
import { Account, type WatchEvent } from '../../src/index.js';
import { type Handed, judge, type LedgerEntry, type LedgerVerdict } from './notification-ledger.js';

export type SoakMode = 'streaming' | 'pull';

/** What is done to the watch at each disruption point. */
export type Disruption = 'drop' | 'drop-losing-in-flight' | 'stall' | 'end' | 'expire';

const STREAMING_DISRUPTIONS: readonly Disruption[] = [
  'drop',
  'drop-losing-in-flight',
  'stall',
  'drop',
  'expire',
];
// Pull has no connection to cut: its subscription expires, and GetEvents answers are lost (faults).
const PULL_DISRUPTIONS: readonly Disruption[] = ['expire'];

export interface NotificationSoakOptions {
  readonly mode: SoakMode;
  /** Items created, one CreatedEvent each. */
  readonly deliveries: number;
  readonly disruptions: number;
  /** Items per CreateItem request. */
  readonly batch: number;
}

export interface NotificationSoakRun {
  readonly options: NotificationSoakOptions;
  readonly verdict: LedgerVerdict;
  /** Changes made (items created). */
  readonly created: number;
  /** Events the server generated (on every subscription the watch used). */
  readonly generated: number;
  readonly delivered: number;
  readonly gaps: number;
  readonly reconnects: number;
  readonly duplicatesRemoved: number;
  readonly disruptions: Readonly<Record<string, number>>;
  readonly injectedFaults: number;
  readonly elapsedMs: number;
}

const ALICE = 'alice@contoso.test';
const KEEP_ALIVE_MS = 50;
const HEARTBEAT_MS = 150;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`notification soak: timed out waiting for ${what}`);
    await sleep(5);
  }
}

function disrupt(server: TestServer, kind: Disruption, subscriptionId: string | undefined): void {
  const n = server.notifications;
  if (kind === 'drop') n.dropStreams();
  else if (kind === 'drop-losing-in-flight') n.dropStreams({ loseInFlight: true });
  else if (kind === 'stall') n.stallStreams();
  else if (kind === 'end') n.endStreams();
  else if (subscriptionId !== undefined) n.expireSubscription(subscriptionId);
}

/**
 * One soak: a fresh in-process test server, a watch on Alice's inbox (CreatedEvent), `deliveries`
 * items created in batches with `disruptions` forced faults spread evenly through the run, then the
 * server's own ledger of generated events judged against what the watch delivered and its gaps.
 */
export async function runNotificationSoak(options: NotificationSoakOptions): Promise<NotificationSoakRun> {
  let injectedFaults = 0;
  const server = await startTestServer({
    port: 0,
    seed: 'empty',
    streaming: { minuteMs: 60_000, keepAliveMs: KEEP_ALIVE_MS },
    ...(options.mode === 'pull'
      ? {
          faults: {
            seed: 15,
            operations: ['GetEvents'],
            resetBeforeExecute: { rate: 0.03 },
            resetAfterExecute: { rate: 0.03 },
            onFault: () => {
              injectedFaults += 1;
            },
          },
        }
      : {}),
  });
  const password = server.mailboxes.find((m) => m.address === ALICE)?.password ?? '';
  const client = new EwsClient({
    url: server.url,
    auth: createBasicAuth({ username: ALICE, password }),
    allowInsecureHttp: true,
    // The watch heals what the pipeline leaves; the pipeline's own retries keep creation reliable.
    retry: faultTolerant({ maxTotalWaitMs: 5_000, baseDelayMs: 2, maxDelayMs: 50, maxAttempts: 20 }),
    timeoutMs: 20_000,
  });
  const account = new Account({ primarySmtpAddress: ALICE, client });
  const ledger: LedgerEntry[] = [];
  const stopLedger = server.notifications.watchEvents(({ subscriptionId, watermark, event }) => {
    if (event.type === 'CreatedEvent' && event.target === 'item')
      ledger.push({ subscriptionId, watermark, itemId: event.id });
  });
  const created: string[] = [];
  const handed: Handed[] = [];
  const abort = new AbortController();
  const watch = account.inbox.watch({
    mode: options.mode,
    events: ['CreatedEvent'],
    signal: abort.signal,
    heartbeatMs: HEARTBEAT_MS,
    pollIntervalMs: 5,
    retry: { maxAttempts: 20, initialDelayMs: 5, maxDelayMs: 50 },
  });
  let failure: unknown;
  const consume = (async () => {
    try {
      for await (const event of watch as AsyncIterable<WatchEvent>) {
        if (event.type === 'gap') handed.push({ kind: 'gap' });
        else if (event.type !== 'reconnected')
          handed.push({ kind: 'event', watermark: event.watermark, itemId: event.itemId?.id });
      }
    } catch (error) {
      failure = error;
    }
  })();
  const started = Date.now();
  const disruptions: Record<string, number> = {};
  try {
    await waitFor(
      () =>
        watch.subscriptionId !== undefined &&
        (options.mode === 'pull' || server.notifications.openStreams() === 1),
      10_000,
      'the watch to listen',
    );
    const kinds = options.mode === 'pull' ? PULL_DISRUPTIONS : STREAMING_DISRUPTIONS;
    const every = Math.max(1, Math.floor(options.deliveries / (options.disruptions + 1)));
    let next = every;
    let made = 0;
    let done = 0;
    while (made < options.deliveries) {
      const size = Math.min(options.batch, options.deliveries - made);
      const kind = done < options.disruptions && made >= next ? kinds[done % kinds.length] : undefined;
      // Each disruption hits a healed watch, so none is absorbed by the one before it.
      if (kind !== undefined)
        await waitFor(() => watch.stats.reconnects >= done, 10_000, 'the watch to heal');
      if (kind === 'drop-losing-in-flight') server.notifications.stallStreams();
      const results = await account.inbox.create(
        Array.from({ length: size }, (_, i) => ({ subject: `soak ${made + i}` })),
      );
      for (const result of results) {
        if (!result.ok) throw result.error;
        if (result.value === undefined) throw new Error('notification soak: CreateItem returned no id');
        created.push(result.value.id);
      }
      made += size;
      if (kind !== undefined) {
        disrupt(server, kind, watch.subscriptionId);
        disruptions[kind] = (disruptions[kind] ?? 0) + 1;
        done += 1;
        next += every;
      }
      if (failure !== undefined) throw failure;
    }
    // Settled: every change the server generated is delivered or covered by a gap.
    await waitFor(
      () => {
        if (failure !== undefined) return true;
        const verdict = judge(created, ledger, handed);
        return verdict.missing.length === 0 && verdict.deliveredOnce + verdict.covered === options.deliveries;
      },
      30_000,
      'every event to be delivered or covered by a gap',
    ).catch(() => {});
    if (failure !== undefined) throw failure;
  } finally {
    abort.abort();
    await consume;
    stopLedger();
    await client.close();
    await server.close();
  }
  const stats = watch.stats;
  return {
    options,
    verdict: judge(created, ledger, handed),
    created: created.length,
    generated: ledger.length,
    delivered: stats.delivered,
    gaps: stats.gaps,
    reconnects: stats.reconnects,
    duplicatesRemoved: stats.duplicatesRemoved,
    disruptions,
    injectedFaults,
    elapsedMs: Date.now() - started,
  };
}
