import { Account, Configuration, Credentials, DELEGATE, type WatchEvent } from '@ews/client';

export interface WatchInboxOptions {
  /** The EWS endpoint, e.g. https://mail.example.com/EWS/Exchange.asmx */
  readonly url: string;
  readonly email: string;
  readonly password: string;
  /** Stops listening (and unsubscribes). */
  readonly signal: AbortSignal;
  /** How often the server sends something at least (keep-alives); silence for twice this is a dead connection. */
  readonly heartbeatMs?: number;
  /** Called with each line the program prints. */
  readonly print?: (line: string) => void;
  /** Called with every event the watch hands out (the demo drives its faults from here). */
  readonly onEvent?: (event: WatchEvent) => void | Promise<void>;
}

/**
 * Listens to the inbox with a self-healing streaming subscription and prints what happens: new
 * items, reconnections, and gaps — the places where events may be missing, after which an app
 * resyncs (here: it would call `inbox.syncItems()`; the demo only says so).
 */
export async function watchInbox(options: WatchInboxOptions): Promise<void> {
  const print = options.print ?? ((line: string) => console.log(line));
  await using config = new Configuration({
    serviceEndpoint: options.url,
    credentials: new Credentials(options.email, options.password),
    authType: 'basic',
    allowInsecureHttp: new URL(options.url).hostname === '127.0.0.1', // loopback test server only
  });
  const account = new Account({
    primarySmtpAddress: options.email,
    config,
    autodiscover: false,
    accessType: DELEGATE,
  });
  const watch = account.inbox.watch({
    events: ['CreatedEvent'],
    signal: options.signal,
    heartbeatMs: options.heartbeatMs,
    retry: { initialDelayMs: 50, maxDelayMs: 2_000, maxAttempts: 10 },
  });
  for await (const event of watch) {
    if (event.type === 'gap') {
      print(
        `gap (${event.reason}): events after ${event.since === undefined ? 'the start' : 'the last one'} may be missing — resync the inbox`,
      );
    } else if (event.type === 'reconnected') {
      print(
        `reconnected after ${event.reason} (${event.attempts} failed attempts${event.resumed ? ', same subscription' : ', new subscription'})`,
      );
    } else {
      print(`${event.type}: item ${event.itemId?.id.slice(-8) ?? '?'}`);
    }
    await options.onEvent?.(event);
  }
  const { delivered, duplicatesRemoved, gaps, reconnects } = watch.stats;
  print(
    `stopped: ${delivered} events, ${reconnects} reconnections, ${gaps} gaps, ${duplicatesRemoved} repeats dropped`,
  );
}
