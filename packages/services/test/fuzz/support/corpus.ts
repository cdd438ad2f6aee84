// Valid answers for the fuzz suites: each scenario's call runs once against @ews/test-server
// through a recording transport (the server's own writer, fed by items the models' field tables
// generated), then replays from the recording for every case, through the real client.

import { createBasicAuth, createUndiciTransport, EwsClient, EwsError, type Transport } from '@ews/core';
import { startTestServer, type TestServer } from '@ews/test-server';
import { createRecorder, type FuzzTarget, type RecordedExchange, replayTarget } from '@ews-tools/fuzz';
import { type AccessType, Account } from '../../../src/index.js';

/** The fixed clock of the demo company, so every recording is the same on every run. */
export const NOW = new Date('2026-03-02T08:00:00Z');
export const ALICE = 'alice@contoso.test';
const REPLAY_URL = 'http://ews.fuzz.test/EWS/Exchange.asmx';

export const codeOf = (error: unknown): string | undefined =>
  EwsError.isInstance(error) ? error.code : undefined;

/** What a scenario's live setup may use: the server and accounts signed in as anyone. */
export interface Live {
  readonly server: TestServer;
  account(username?: string, mailbox?: string, accessType?: AccessType): Account;
}

/**
 * One call of the client under fuzzing. `setup` prepares the mailbox (live, not recorded); `run`
 * makes the call on an account and returns what a caller gets. The returned value is compared
 * field by field with the value of the valid answers, so return what a caller would read.
 */
export interface Scenario<S = unknown> {
  readonly name: string;
  readonly mailbox?: string;
  readonly username?: string;
  readonly accessType?: AccessType;
  readonly setup?: (live: Live) => Promise<S>;
  readonly run: (account: Account, state: S) => Promise<unknown>;
  /**
   * Exchange-shaped answers by operation, for what the test server cannot answer with a
   * success: the live call's own answers (an error there is expected) are replaced by these.
   */
  readonly handMade?: Readonly<Record<string, string>>;
  /**
   * The call exists to hand back what it made or changed (CreateItem, UpdateItem, MoveItem…): every
   * item, folder or attachment id its valid answers carry must reach the caller.
   */
  readonly returnsIds?: boolean;
  /**
   * Its answers hold as many ResponseMessages as the server has (GetDelegate without UserIds: one
   * per delegate; a streaming document): a count the request cannot predict (see tools/fuzz).
   */
  readonly serverCountedLists?: boolean;
}

/** A scenario with its types erased, for lists of scenarios of different states. */
// biome-ignore lint/suspicious/noExplicitAny: a list holds scenarios of any state type
export type AnyScenario = Scenario<any>;

export function scenario<S>(definition: Scenario<S>): AnyScenario {
  return definition;
}

export interface RecordedScenario {
  readonly scenario: AnyScenario;
  readonly exchanges: readonly RecordedExchange[];
  readonly target: FuzzTarget;
}

/** Starts a test server, records every scenario's call, closes the server. */
export async function recordScenarios(
  scenarios: readonly AnyScenario[],
  /** Mailbox layout options of the server (an archive per person, public folders). */
  layout: Pick<NonNullable<Parameters<typeof startTestServer>[0]>, 'archive' | 'publicFolders'> = {},
): Promise<RecordedScenario[]> {
  const server = await startTestServer({
    ...layout,
    port: 0,
    seed: 'demo',
    now: () => NOW,
    // Short "minutes", so streaming connections and push status events come quickly.
    streaming: { minuteMs: 300, keepAliveMs: 100 },
    push: { minuteMs: 100, callbackTimeoutMs: 2_000, maxFailures: 3, retryDelayMs: 50 },
  });
  const sink: RecordedExchange[] = [];
  const clients: EwsClient[] = [];
  const inner = createUndiciTransport({});
  const recording = createRecorder<Transport>(inner, sink);
  const passwordOf = (username: string): string => {
    const found = server.mailboxes.find((entry) => entry.address === username);
    if (!found) throw new Error(`no demo user ${username}`);
    return found.password;
  };
  const live: Live = {
    server,
    account(username = ALICE, mailbox = username, accessType = 'delegate') {
      const client = new EwsClient({
        url: server.url,
        auth: createBasicAuth({ username, password: passwordOf(username) }),
        allowInsecureHttp: true,
        transport: recording,
        timeoutMs: 30_000,
      });
      clients.push(client);
      return new Account({ primarySmtpAddress: mailbox, client, accessType, signedInAs: username });
    },
  };
  const recorded: RecordedScenario[] = [];
  try {
    for (const definition of scenarios) {
      const username = definition.username ?? ALICE;
      const mailbox = definition.mailbox ?? username;
      const accessType = definition.accessType ?? 'delegate';
      const state = definition.setup ? await definition.setup(live) : undefined;
      sink.length = 0;
      const handMade = definition.handMade;
      await definition.run(live.account(username, mailbox, accessType), state).catch((error: unknown) => {
        if (handMade === undefined) throw error;
      });
      const exchanges = sink
        .filter((exchange) => exchange.status !== 401)
        .map((exchange) => {
          const body = handMade?.[exchange.operation];
          return body === undefined ? { ...exchange } : { ...exchange, status: 200, body };
        });
      sink.length = 0;
      const target = await replayTarget({
        name: definition.name,
        exchanges,
        codeOf,
        serverCountedLists: definition.serverCountedLists,
        call: async (transport) => {
          const client = new EwsClient({ url: REPLAY_URL, transport: transport as unknown as Transport });
          try {
            return await definition.run(
              new Account({ primarySmtpAddress: mailbox, client, accessType, signedInAs: username }),
              state,
            );
          } finally {
            await client.close();
          }
        },
      });
      recorded.push({ scenario: definition, exchanges, target });
    }
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await inner.close();
    await server.close();
  }
  return recorded;
}

/** Drains an async iterable into an array (a query, a sync, a folder walk). */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const entry of iterable) out.push(entry);
  return out;
}
