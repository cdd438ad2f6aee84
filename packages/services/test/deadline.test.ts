import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EwsClient, EwsError } from '@ews/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account } from '../src/index.js';

/*
 * Issue 12, defect 6, seen from @ews/services: a server that answers a page one byte a second.
 * Queries read their pages streamed (sendStream), so the client's deadline must cover reading each
 * page, not only its headers; the verbs that take no per-call timeoutMs still end at the client's.
 */

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
    const text =
      '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">';
    let at = 0;
    const timer = setInterval(() => {
      if (at < text.length) response.write(text[at++]);
    }, 1_000);
    response.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/EWS/Exchange.asmx`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('a server that dribbles its answer', () => {
  it.each([
    ['a query (streamed pages)', (account: Account) => account.inbox.all().first()],
    ['a folder lookup (buffered)', (account: Account) => account.inbox.get()],
    ['a bulk verb', (account: Account) => account.bulkDelete([{ id: 'AAMk' }]).then((r) => r[0])],
  ])('%s ends at the client deadline with EWS_TIMEOUT', async (_name, verb) => {
    await using client = new EwsClient({ url, transport: { proxy: false }, timeoutMs: 1_500 });
    const account = new Account({ primarySmtpAddress: 'alice@contoso.com', client });
    const started = Date.now();
    const outcome = await Promise.resolve(verb(account)).catch((error: unknown) => error);
    const error =
      outcome && typeof outcome === 'object' && 'ok' in outcome
        ? (outcome as unknown as { error: unknown }).error
        : outcome;
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(6_000);
  });
});
