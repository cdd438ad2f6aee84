import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EwsClient } from '../../src/client/ews-client.js';
import { EwsError } from '../../src/errors/ews-error.js';
import { DEFAULT_TIMEOUT_MS, NO_DEADLINE } from '../../src/options/deadline.js';
import type { EwsHttpRequest, EwsHttpResponse } from '../../src/pipeline/http.js';
import { faultTolerant } from '../../src/retry/retry-policy-options.js';
import type { Transport } from '../../src/transport/transport.js';

/*
 * Issue 12, defect 6: a server that sends its headers and then one byte a second held a call
 * forever when no timeoutMs was given (undici's body timeout is a gap between chunks, and each
 * byte restarts it). Every call now has a deadline: DEFAULT_TIMEOUT_MS unless the client or the
 * call says otherwise, NO_DEADLINE only when asked for by name, and for streamed answers the
 * deadline covers reading the body too.
 */

const GET_FOLDER = { operation: 'GetFolder', body: '<m:GetFolder/>' };
const URL_ = 'https://mail.example.com/EWS/Exchange.asmx';

/** A transport whose answer never comes (or, streamed, whose body never ends) until the call's signal aborts. */
function stalledTransport(mode: 'headers' | 'body'): Transport {
  const untilAborted = (signal: AbortSignal) =>
    new Promise<never>((_resolve, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  const send = async (request: EwsHttpRequest): Promise<EwsHttpResponse> => {
    if (mode === 'headers') return untilAborted(request.signal);
    return {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: '',
      bodyStream: (async function* () {
        yield new TextEncoder().encode('<s:Envelope');
        await untilAborted(request.signal);
      })(),
    };
  };
  return {
    send,
    lease: async () => ({ connection: undefined, send, release: () => {} }),
    close: async () => {},
    [Symbol.asyncDispose]: async () => {},
  };
}

/** The promise's outcome so far, without waiting for it. */
function watch(promise: Promise<unknown>): { readonly settled: () => unknown } {
  let outcome: unknown = 'pending';
  promise.then(
    () => {
      outcome = 'resolved';
    },
    (error: unknown) => {
      outcome = error;
    },
  );
  return { settled: () => outcome };
}

async function drain(body: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _chunk of body);
}

describe('the default deadline (fake clock)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const timeoutOf = (outcome: unknown): number | undefined => {
    expect(EwsError.isInstance(outcome) && outcome.code).toBe('EWS_TIMEOUT');
    return (outcome as { timeoutMs?: number }).timeoutMs;
  };

  it('ends a call that never gets its answer after DEFAULT_TIMEOUT_MS (120 s) when nobody set one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    expect(DEFAULT_TIMEOUT_MS).toBe(120_000);
    await using client = new EwsClient({ url: URL_, transport: stalledTransport('headers') });
    const call = watch(client.send(GET_FOLDER));
    await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS - 1);
    expect(call.settled()).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(timeoutOf(call.settled())).toBe(DEFAULT_TIMEOUT_MS);
  });

  it('ends a streamed answer whose body never ends after DEFAULT_TIMEOUT_MS', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await using client = new EwsClient({ url: URL_, transport: stalledTransport('body') });
    const answer = await client.sendStream(GET_FOLDER);
    const reading = watch(drain(answer.body));
    await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS - 1);
    expect(reading.settled()).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(timeoutOf(reading.settled())).toBe(DEFAULT_TIMEOUT_MS);
  });

  it('gives a fault-tolerant client its whole waiting budget on top of the default', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await using client = new EwsClient({
      url: URL_,
      transport: stalledTransport('headers'),
      retry: faultTolerant({ maxTotalWaitMs: 300_000 }),
    });
    const call = watch(client.send(GET_FOLDER));
    await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS + 300_000 - 1);
    expect(call.settled()).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(timeoutOf(call.settled())).toBe(DEFAULT_TIMEOUT_MS + 300_000);
  });

  it('a client deadline replaces the default, and a call deadline replaces the client one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await using client = new EwsClient({
      url: URL_,
      transport: stalledTransport('headers'),
      timeoutMs: 5_000,
    });
    const byClient = watch(client.send(GET_FOLDER));
    const byCall = watch(client.send(GET_FOLDER, { timeoutMs: 2_000 }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(timeoutOf(byCall.settled())).toBe(2_000);
    expect(byClient.settled()).toBe('pending');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(timeoutOf(byClient.settled())).toBe(5_000);
  });

  it('NO_DEADLINE, by name, is the only way to wait forever (per client or per call)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const stop = new AbortController();
    await using forever = new EwsClient({
      url: URL_,
      transport: stalledTransport('headers'),
      timeoutMs: NO_DEADLINE,
    });
    await using bounded = new EwsClient({
      url: URL_,
      transport: stalledTransport('headers'),
      timeoutMs: 1_000,
    });
    const byClient = watch(forever.send(GET_FOLDER, { signal: stop.signal }));
    const byCall = watch(bounded.send(GET_FOLDER, { signal: stop.signal, timeoutMs: NO_DEADLINE }));
    await vi.advanceTimersByTimeAsync(30 * 24 * 3_600_000);
    expect(byClient.settled()).toBe('pending');
    expect(byCall.settled()).toBe('pending');
    stop.abort(new Error('done'));
    await vi.advanceTimersByTimeAsync(0);
    expect(EwsError.isInstance(byClient.settled()) && (byClient.settled() as EwsError).code).toBe(
      'EWS_ABORTED',
    );
    expect(EwsError.isInstance(byCall.settled()) && (byCall.settled() as EwsError).code).toBe('EWS_ABORTED');
  });

  it.each([0, -1, Number.NaN, Number('')])(
    'refuses timeoutMs %s instead of turning the deadline off',
    async (value) => {
      expect(
        () => new EwsClient({ url: URL_, transport: stalledTransport('headers'), timeoutMs: value }),
      ).toThrow(/timeoutMs must be a number of milliseconds above 0.*NO_DEADLINE/);
      await using client = new EwsClient({ url: URL_, transport: stalledTransport('headers') });
      await expect(client.send(GET_FOLDER, { timeoutMs: value })).rejects.toMatchObject({
        code: 'EWS_INVALID_ARGUMENT',
      });
      await expect(client.sendStream(GET_FOLDER, { timeoutMs: value })).rejects.toMatchObject({
        code: 'EWS_INVALID_ARGUMENT',
      });
    },
  );
});

describe('a server that dribbles one byte a second (loopback, real clock)', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  /** Headers at once, then the envelope one byte per second: undici's gap timeout never fires. */
  async function dribbler(): Promise<string> {
    const envelope =
      '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">';
    const server = createServer((_request, response: ServerResponse) => {
      response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      let at = 0;
      const timer = setInterval(() => {
        if (response.destroyed || at >= envelope.length) return clearInterval(timer);
        response.write(envelope[at++]);
      }, 1_000);
      response.on('close', () => clearInterval(timer));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/EWS/Exchange.asmx`;
  }

  it('send: the call ends at its deadline, not when the server stops', async () => {
    const url = await dribbler();
    await using client = new EwsClient({ url, transport: { proxy: false }, timeoutMs: 1_500 });
    const started = Date.now();
    const error = await client.send(GET_FOLDER).catch((caught: unknown) => caught);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_TIMEOUT');
    expect((error as { timeoutMs?: number }).timeoutMs).toBe(1_500);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('send: a per-call deadline applies on a client without one', async () => {
    const url = await dribbler();
    await using client = new EwsClient({ url, transport: { proxy: false }, timeoutMs: NO_DEADLINE });
    const started = Date.now();
    const error = await client.send(GET_FOLDER, { timeoutMs: 1_200 }).catch((caught: unknown) => caught);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('sendStream: reading the answer must finish within the deadline, not only its headers', async () => {
    const url = await dribbler();
    await using client = new EwsClient({ url, transport: { proxy: false }, timeoutMs: 2_500 });
    const started = Date.now();
    const answer = await client.sendStream(GET_FOLDER);
    let bytes = 0;
    const error = await (async () => {
      for await (const chunk of answer.body) bytes += chunk.byteLength;
    })().catch((caught: unknown) => caught);
    expect(EwsError.isInstance(error) && error.code).toBe('EWS_TIMEOUT');
    expect(bytes).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(6_000);
  });
});

describe('the streamed deadline counts the server, not the reader', () => {
  it('a reader slower than the deadline still reads an answer that arrived in time', async () => {
    const chunks = ['<s:Envelope>', '<s:Body>', '</s:Body>', '</s:Envelope>'].map((text) =>
      new TextEncoder().encode(text),
    );
    // Like the real transport, the body stops when the call's signal aborts.
    const send = async (request: EwsHttpRequest): Promise<EwsHttpResponse> => ({
      status: 200,
      headers: {},
      body: '',
      bodyStream: (async function* () {
        for (const chunk of chunks) {
          if (request.signal.aborted) throw request.signal.reason;
          yield chunk;
        }
      })(),
    });
    const transport: Transport = {
      send,
      lease: async () => ({ connection: undefined, send, release: () => {} }),
      close: async () => {},
      [Symbol.asyncDispose]: async () => {},
    };
    await using client = new EwsClient({ url: URL_, transport, timeoutMs: 300 });
    const answer = await client.sendStream(GET_FOLDER);
    let read = 0;
    for await (const _chunk of answer.body) {
      read++;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(read).toBe(chunks.length);
  });
});
