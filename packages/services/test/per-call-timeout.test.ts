import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CallOptions, EwsClient, EwsError, NO_DEADLINE } from '@ews/core';
import { MessageModel } from '@ews/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, type ItemRef } from '../src/index.js';

/*
 * Issue 16: per-call `{ signal, timeoutMs }` goes through every services call to the wire. A
 * loopback server reads each request and never answers; the client has NO_DEADLINE, so only the
 * call's own options can end a call. For each verb of the table (Account, FolderHandle, queries,
 * ItemActions, CalendarFolder, bulk):
 * - `{ timeoutMs: 200 }` rejects with EwsTimeoutError (EWS_TIMEOUT) near 200 ms, and the request
 *   the server holds is cut off (its connection closes): the deadline reached the transport, not
 *   only the promise;
 * - an already-aborted `signal` rejects with EWS_ABORTED and no request reaches the server;
 * - a signal aborted while the server holds the request rejects with EWS_ABORTED and cuts it off.
 * Each verb runs on its own account, so the server tells its requests apart by X-AnchorMailbox.
 */

const TIMEOUT_MS = 200;

interface Seen {
  requests: number;
  open: number;
}
const seen = new Map<string, Seen>();
let server: Server;
let url: string;

function seenBy(mailbox: string): Seen {
  let entry = seen.get(mailbox);
  if (entry === undefined) {
    entry = { requests: 0, open: 0 };
    seen.set(mailbox, entry);
  }
  return entry;
}

beforeAll(async () => {
  server = createServer((request: IncomingMessage) => {
    const entry = seenBy(String(request.headers['x-anchormailbox'] ?? 'none'));
    entry.requests++;
    entry.open++;
    request.socket.once('close', () => entry.open--);
    request.resume();
  });
  // One socket per request (as keep-alive would not reuse a socket whose answer never came).
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/EWS/Exchange.asmx`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const ITEM: ItemRef = { id: 'AAMkItem=', changeKey: 'CQAA' };
const START = new Date('2026-03-02T00:00:00Z');
const END = new Date('2026-03-09T00:00:00Z');

async function first(iterable: AsyncIterable<unknown>): Promise<unknown> {
  for await (const value of iterable) return value;
  return undefined;
}

/** The error a verb ends with: its rejection, or the first failed result of a bulk verb. */
async function errorOf(run: () => Promise<unknown>): Promise<unknown> {
  const outcome = await Promise.resolve()
    .then(run)
    .catch((error: unknown) => ({ rejected: error }));
  if (outcome && typeof outcome === 'object' && 'rejected' in outcome) return outcome.rejected;
  const failed = Array.isArray(outcome) ? outcome.find((result) => result?.ok === false) : undefined;
  return failed?.error ?? `resolved: ${JSON.stringify(outcome)}`;
}

type Verb = (account: Account, options: CallOptions) => Promise<unknown>;

/** Public async verbs of every kind, each given the call options under test. */
const VERBS: Readonly<Record<string, Verb>> = {
  // FolderHandle
  'FolderHandle.get (GetFolder)': (a, o) => a.inbox.get(o),
  'folderById().get (GetFolder by id)': (a, o) => a.folderById('AAMkFolder=').get(o),
  'FolderHandle.children (FindFolder)': (a, o) => first(a.inbox.children(o)),
  'FolderHandle.createFolder (CreateFolder)': (a, o) => a.inbox.createFolder('Projects', o),
  'FolderHandle.syncItems (SyncFolderItems)': (a, o) => first(a.inbox.syncItems(o)),
  'FolderHandle.syncHierarchy (SyncFolderHierarchy)': (a, o) => first(a.msgFolderRoot.syncHierarchy(o)),
  'FolderHandle.subscribeToPull (Subscribe)': (a, o) => a.inbox.subscribeToPull(o),
  // Queries (FindItem pages, streamed)
  'query.toArray (FindItem pages)': (a, o) => a.inbox.all().pageSize(5).toArray(o),
  'query.iterate (FindItem, restricted)': (a, o) => first(a.inbox.filter({ subject: 'x' }).iterate(o)),
  'query.count (FindItem)': (a, o) => a.inbox.all().count(o),
  // ItemActions
  'items.save (CreateItem)': (a, o) => a.items.save(MessageModel, { subject: 'x' }, o),
  'items.get (GetItem)': (a, o) => a.items.get(MessageModel, ITEM, o),
  'items.move (MoveItem)': (a, o) => a.items.move(ITEM, { distinguishedId: 'deleteditems' }, o),
  'items.delete (DeleteItem)': (a, o) => a.items.delete(ITEM, o),
  'items.send (SendItem)': (a, o) => a.items.send(ITEM, o),
  // Account
  'Account.getRoomLists (GetRoomLists)': (a, o) => a.getRoomLists(o),
  'Account.getRooms (GetRooms)': (a, o) => a.getRooms('rooms@contoso.com', o),
  'Account.getAvailability (GetUserAvailability)': (a, o) =>
    a.getAvailability({ mailboxes: ['bob@contoso.com'], start: START, end: END, ...o }),
  'Account.resolveNames (ResolveNames)': (a, o) => a.resolveNames('anne', o),
  'Account.expandDL (ExpandDL)': (a, o) => a.expandDL('team@contoso.com', o),
  'Account.oofSettings (GetUserOofSettings)': (a, o) => a.oofSettings(o),
  // Bulk (the error is in the results)
  'Account.bulkCreate (CreateItem, chunked)': (a, o) => a.bulkCreate(MessageModel, [{ subject: 'x' }], o),
  'Account.bulkDelete (DeleteItem, chunked)': (a, o) => a.bulkDelete([ITEM], o),
  'query.delete (FindItem, then DeleteItem)': (a, o) => a.inbox.filter({ subject: 'x' }).delete(o),
  // CalendarFolder
  'CalendarFolder.view (FindItem CalendarView)': (a, o) =>
    first(a.calendar.view({ start: START, end: END, ...o })),
  'CalendarFolder.findByUid (FindItem by UID)': (a, o) =>
    a.calendar.findByUid('040000008200E00074C5B7101A82E008', o),
  'CalendarFolder.series (GetItem of the master)': (a, o) => a.calendar.series(ITEM, o),
};

const names = Object.keys(VERBS);
const mailboxOf = (name: string, kind: string): string => `${kind}-${names.indexOf(name)}@contoso.com`;

async function withAccount<T>(mailbox: string, run: (account: Account) => Promise<T>): Promise<T> {
  await using client = new EwsClient({ url, transport: { proxy: false }, timeoutMs: NO_DEADLINE });
  // `return await`: the client must stay open until the verb settles.
  return await run(new Account({ primarySmtpAddress: mailbox, client }));
}

/** Waits (bounded) until the server has seen the mailbox's requests closed. */
async function closedWithin(mailbox: string, ms: number): Promise<number> {
  const until = performance.now() + ms;
  while (seenBy(mailbox).open > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 10));
  return seenBy(mailbox).open;
}

function codeOf(error: unknown): unknown {
  return EwsError.isInstance(error)
    ? `${error.code}${error.code === 'EWS_INVALID_ARGUMENT' ? `: ${error.message}` : ''}`
    : error;
}

// Without a timer of its own a verb that lost its options would wait forever: give up after 3 s.
function bounded(run: Promise<unknown>): Promise<unknown> {
  return Promise.race([
    run,
    new Promise((resolve) => setTimeout(() => resolve('still waiting after 3 s'), 3_000)),
  ]);
}

describe.concurrent('per-call { timeoutMs } reaches the wire from every services verb', () => {
  it('the table covers at least 12 verbs', () => {
    expect(names.length).toBeGreaterThanOrEqual(12);
  });

  it.each(names)('%s: { timeoutMs: 200 } ends with EWS_TIMEOUT and cuts the request off', async (name) => {
    const mailbox = mailboxOf(name, 'timeout');
    const started = performance.now();
    const error = await withAccount(mailbox, (account) =>
      bounded(errorOf(() => VERBS[name]!(account, { timeoutMs: TIMEOUT_MS }))),
    );
    const elapsed = performance.now() - started;
    expect(codeOf(error)).toBe('EWS_TIMEOUT');
    expect(error).toMatchObject({ name: 'EwsTimeoutError' });
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(elapsed).toBeLessThan(2_000);
    expect(seenBy(mailbox).requests, 'the request reached the server').toBeGreaterThanOrEqual(1);
    expect(await closedWithin(mailbox, 1_000), 'requests still open at the server').toBe(0);
  });

  it.each(names)('%s: an already-aborted signal ends with EWS_ABORTED and sends nothing', async (name) => {
    const mailbox = mailboxOf(name, 'pre-aborted');
    const error = await withAccount(mailbox, (account) =>
      bounded(errorOf(() => VERBS[name]!(account, { signal: AbortSignal.abort() }))),
    );
    expect(codeOf(error)).toBe('EWS_ABORTED');
    expect(seenBy(mailbox).requests).toBe(0);
  });

  it.each(names)(
    '%s: a signal aborted while the server holds the request ends with EWS_ABORTED',
    async (name) => {
      const mailbox = mailboxOf(name, 'aborted');
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
      try {
        const error = await withAccount(mailbox, (account) =>
          bounded(errorOf(() => VERBS[name]!(account, { signal: controller.signal }))),
        );
        expect(codeOf(error)).toBe('EWS_ABORTED');
        expect(seenBy(mailbox).requests).toBeGreaterThanOrEqual(1);
        expect(await closedWithin(mailbox, 1_000), 'requests still open at the server').toBe(0);
      } finally {
        clearTimeout(timer);
      }
    },
  );
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

describe('the class: an abort is always EWS_ABORTED', () => {
  // AbortSignal's own throwIfAborted() throws the signal's reason (a DOMException AbortError), which
  // is no EwsError: syncItems and syncHierarchy ended that way before. Core's throwIfAborted(signal)
  // throws EwsAbortError.
  it("services never calls AbortSignal's throwIfAborted()", () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => /\.throwIfAborted\(\)/.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(SRC.length).replaceAll('\\', '/'));
    expect(offenders, "use @ews/core's throwIfAborted(signal)").toEqual([]);
  });
});
