import { Account, Configuration, Credentials, DELEGATE, type WatchEvent } from '@ews/client';
import { startTestServer } from '@ews/test-server';
import { watchInbox } from './watch-inbox.js';

const HEARTBEAT_MS = 200;

/** What the demo does to the connection after each event, in turn; it makes the next item once the watch is back. */
const FAULTS = ['drop', 'stall', 'end', 'expire', 'drop losing in-flight events'] as const;

export interface DemoResult {
  readonly lines: readonly string[];
  readonly created: readonly string[];
  readonly delivered: readonly string[];
  readonly gaps: number;
  readonly reconnects: number;
}

/**
 * Starts the in-memory Exchange, listens to Alice's inbox, and after each new item breaks the
 * stream one way or another (see FAULTS) before making the next item — showing the watch heal.
 */
export async function runDemo(print: (line: string) => void = console.log): Promise<DemoResult> {
  const server = await startTestServer({
    port: 0,
    seed: 'empty',
    streaming: { keepAliveMs: HEARTBEAT_MS / 2 },
  });
  const email = 'alice@contoso.test';
  const password = server.mailboxes.find((m) => m.address === email)?.password ?? '';
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    print(line);
  };
  await using config = new Configuration({
    serviceEndpoint: server.url,
    credentials: new Credentials(email, password),
    authType: 'basic',
    allowInsecureHttp: true,
  });
  const writer = new Account({
    primarySmtpAddress: email,
    config,
    autodiscover: false,
    accessType: DELEGATE,
  });
  const created: string[] = [];
  const delivered: string[] = [];
  let gaps = 0;
  let reconnects = 0;
  const stop = new AbortController();
  const make = async (subject: string) => {
    const [result] = await writer.inbox.create([{ subject }]);
    if (!result?.ok || result.value === undefined) throw new Error(`could not create ${subject}`);
    created.push(result.value.id);
  };
  let fault = 0;
  const onEvent = async (event: WatchEvent) => {
    if (event.type === 'gap') gaps += 1;
    else if (event.type === 'reconnected') {
      reconnects += 1;
      // Listening again: the next item shows whether the watch hears it.
      await make(`item ${fault}`);
    } else delivered.push(event.itemId?.id ?? '');
    if (event.type !== 'CreatedEvent') return;
    const next = FAULTS[fault];
    if (next === undefined) {
      stop.abort();
      return;
    }
    fault += 1;
    say(`-- the server: ${next}`);
    const controls = server.notifications;
    if (next === 'drop') controls.dropStreams();
    else if (next === 'stall') controls.stallStreams();
    else if (next === 'end') controls.endStreams();
    else if (next === 'expire') controls.expireSubscription(event.subscriptionId);
    else {
      // An item is written to the connection just before it dies: the client never sees it.
      controls.stallStreams();
      await make(`lost ${fault}`);
      controls.dropStreams({ loseInFlight: true });
    }
  };
  try {
    const listening = watchInbox({
      url: server.url,
      email,
      password,
      signal: stop.signal,
      heartbeatMs: HEARTBEAT_MS,
      print: say,
      onEvent,
    });
    // The first item once the stream is open; each event then sets off the next fault and item.
    while (server.notifications.openStreams() === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await make('item 0');
    await listening;
  } finally {
    await server.close();
  }
  return { lines, created, delivered, gaps, reconnects };
}
