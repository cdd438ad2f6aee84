import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EwsClient, EwsError, NO_DEADLINE } from '@ews/core';
import { MessageModel } from '@ews/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareSignalsOf } from '../../../tools/call-options.mjs';
import { Account, type ItemRef, PullSubscription } from '../src/index.js';

/*
 * House habit 7 at the services layer: every verb takes `{ signal, timeoutMs }` (core's
 * CallOptions) and honours both. Before, almost every verb took only `signal` and the account's
 * send dropped any per-call timeoutMs: against a server that never answers, a call waited for the
 * client's deadline (or forever with NO_DEADLINE). The client here has NO_DEADLINE, so only the
 * call's own timeoutMs can end it.
 */

const TIMEOUT_MS = 200;
let server: Server;
let url: string;
let requests = 0;

beforeAll(async () => {
  // Reads each request and never answers.
  server = createServer((request) => {
    requests++;
    request.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/EWS/Exchange.asmx`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const ITEM: ItemRef = { id: 'AAMkItem=' };
const START = new Date('2026-03-02T00:00:00Z');
const END = new Date('2026-03-09T00:00:00Z');
const options = { timeoutMs: TIMEOUT_MS };

async function first(iterable: AsyncIterable<unknown>): Promise<unknown> {
  for await (const value of iterable) return value;
  return undefined;
}

/** The error a verb ends with: its rejection, or the first failed result of a bulk verb. */
async function errorOf(run: Promise<unknown>): Promise<unknown> {
  const outcome = await run.catch((error: unknown) => ({ rejected: error }));
  if (outcome && typeof outcome === 'object' && 'rejected' in outcome) return outcome.rejected;
  const failed = Array.isArray(outcome) ? outcome.find((result) => result?.ok === false) : undefined;
  return failed?.error ?? `resolved: ${JSON.stringify(outcome)}`;
}

/** A sample of verbs from every area, each given `{ timeoutMs: 200 }`. */
const VERBS: Readonly<Record<string, (account: Account) => Promise<unknown>>> = {
  'items.get': (a) => a.items.get(MessageModel, ITEM, options),
  'items.save (new)': (a) => a.items.save(MessageModel, { subject: 'x' }, options),
  'items.delete': (a) => a.items.delete(ITEM, options),
  'items.reply': (a) => a.items.reply(ITEM, {}, options),
  'folder get': (a) => a.inbox.get(options),
  'folder path': (a) => a.msgFolderRoot.path('Inbox/Projects', options),
  'folder children': (a) => first(a.inbox.children(options)),
  'folder createFolder': (a) => a.inbox.createFolder('x', options),
  'query toArray (streamed pages)': (a) => a.inbox.all().toArray(options),
  'query count': (a) => a.inbox.all().count(options),
  'query delete': (a) => a.inbox.filter({ subject: 'x' }).delete(options),
  'calendar view': (a) => first(a.calendar.view({ start: START, end: END, ...options })),
  availability: (a) =>
    a.getAvailability({ mailboxes: ['bob@contoso.com'], start: START, end: END, ...options }),
  'mail tips': (a) => a.mailTips(['bob@contoso.com'], options),
  'resolve names': (a) => a.resolveNames('anne', options),
  'bulkCreate (results)': (a) => a.bulkCreate(MessageModel, [{ subject: 'x' }], options),
  'bulkMove (results)': (a) => a.bulkMove([ITEM], { distinguishedId: 'inbox' }, options),
  'attachments.get': (a) => a.attachments.get('AAMkAtt=', options),
  'attachments.download (streamed)': (a) => first(a.attachments.download('AAMkAtt=', options)),
  'attachments.addFile': (a) =>
    a.attachments.addFile(ITEM, { name: 'a.txt', content: new Uint8Array(3) }, options),
  'sync items': (a) => first(a.inbox.syncItems(options)),
  'sync hierarchy': (a) => first(a.msgFolderRoot.syncHierarchy(options)),
  'subscribe to pull': (a) => a.inbox.subscribeToPull(options),
  'pull events': (a) => first(new PullSubscription(a, 'sub-1', 'AQ==').events(options)),
  unsubscribe: (a) => a.notifications.unsubscribe('sub-1', options),
  'OOF settings': (a) => a.oofSettings(options),
  'inbox rules': (a) => a.inboxRules(options),
  'create inbox rule': (a) =>
    a.createInboxRule(
      { displayName: 'x', priority: 1, isEnabled: true, actions: { markAsRead: true } },
      options,
    ),
  delegates: (a) => a.delegates(options),
  'user configuration': (a) => a.userConfiguration('X', { folder: a.root }).get(options),
  'categories save (update, then create)': (a) => a.categories().save({ categories: [] }, options),
  'add delegates': (a) => a.addDelegates([{ user: 'bob@contoso.com' }], options),
  'password expiration': (a) => a.passwordExpiration(options),
};

describe('a per-call timeoutMs ends every verb against a server that never answers', () => {
  it.each(Object.entries(VERBS))('%s ends with EWS_TIMEOUT near 200 ms', async (_name, verb) => {
    await using client = new EwsClient({ url, transport: { proxy: false }, timeoutMs: NO_DEADLINE });
    const account = new Account({ primarySmtpAddress: 'alice@contoso.com', client });
    const started = performance.now();
    // Without the fix the verb waits forever (the client has no deadline): give up after 3 s.
    const error = await Promise.race([
      errorOf(verb(account)),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 3 s'), 3_000)),
    ]);
    const elapsed = performance.now() - started;
    expect(EwsError.isInstance(error) ? error.code : error).toBe('EWS_TIMEOUT');
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(elapsed).toBeLessThan(2_000);
  });
});

describe('timeoutMs bounds a whole call that sends several requests', () => {
  it('a bulk verb of three chunks ends near timeoutMs, not three times it; the chunks not sent say so', async () => {
    await using client = new EwsClient({ url, transport: { proxy: false }, timeoutMs: NO_DEADLINE });
    const account = new Account({ primarySmtpAddress: 'alice@contoso.com', client });
    const before = requests;
    const started = performance.now();
    const results = await account.bulkDelete([ITEM, { id: 'AAMk2=' }, { id: 'AAMk3=' }], {
      chunkSize: 1,
      concurrency: 1,
      timeoutMs: 300,
    });
    expect(performance.now() - started).toBeLessThan(900);
    expect(results.map((r) => (r.ok ? 'ok' : EwsError.isInstance(r.error) && r.error.code))).toEqual([
      'EWS_TIMEOUT',
      'EWS_TIMEOUT',
      'EWS_TIMEOUT',
    ]);
    expect(results.slice(1).map((r) => !r.ok && EwsError.isInstance(r.error) && r.error.requestFate)).toEqual(
      ['not-sent', 'not-sent'],
    );
    expect(requests - before).toBe(1);
  });

  it('timeoutMs is checked before anything is sent', async () => {
    await using client = new EwsClient({ url, transport: { proxy: false }, timeoutMs: NO_DEADLINE });
    const account = new Account({ primarySmtpAddress: 'alice@contoso.com', client });
    const before = requests;
    for (const timeoutMs of [0, -1, Number.NaN]) {
      await expect(account.inbox.get({ timeoutMs })).rejects.toMatchObject({ code: 'EWS_INVALID_ARGUMENT' });
      await expect(account.inbox.all().toArray({ timeoutMs })).rejects.toMatchObject({
        code: 'EWS_INVALID_ARGUMENT',
      });
    }
    expect(requests - before).toBe(0);
  });
});

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the class: no verb takes a signal without a deadline', () => {
  it('no public function, method or *Options type takes a bare AbortSignal or { signal } without timeoutMs', () => {
    expect(bareSignalsOf(fileURLToPath(new URL('../src/index.ts', import.meta.url)))).toEqual([]);
  }, 60_000);

  it('every request goes out through internal/send.ts, which applies the call options', () => {
    const offenders = sourceFiles(SRC)
      .map((file) => file.slice(SRC.length).replaceAll('\\', '/'))
      // account.ts implements send/sendStream (on the client); send.ts is the choke point.
      .filter((file) => file !== 'internal/send.ts' && file !== 'account/account.ts')
      .filter((file) => /(?<!\bthis)\.send(?:Stream)?\(/.test(readFileSync(join(SRC, file), 'utf8')));
    expect(offenders, 'send with send()/sendStream() from internal/send.ts').toEqual([]);
  });
});
