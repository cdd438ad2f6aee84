// A core Transport (structurally: send, lease, close) that answers from recorded exchanges, one of
// them replaced by a mutated answer, so thousands of cases run through the real client without a
// socket. Requests are matched to recordings by operation and body, then by operation in order
// (a mutated id changes the next request's body). Streamed answers arrive as bytes cut into
// chunks at seeded places; every answer arrives on a macrotask so time bounds can fire.

import { CASE_REQUEST_LIMIT } from './budget.js';
import { encodeUtf8Loose } from './xml-text.js';

/**
 * @param {readonly import('../index.js').RecordedExchange[]} exchanges
 * @param {import('../index.js').ReplayOptions} [options]
 */
export function createReplay(exchanges, options = {}) {
  const used = new Set();
  const state = { requests: 0, runaway: false, unexpected: [], served: [] };
  const random = mulberry32(options.chunkSeed ?? 0);
  const answerOf = (index) => {
    const mutated = options.mutated;
    if (mutated !== undefined && mutated.index === index) return mutated;
    return { text: exchanges[index].body };
  };
  const pick = (request) => {
    const body = request.body ?? '';
    let index = exchanges.findIndex(
      (e, i) => !used.has(i) && e.operation === request.operation && e.request === body,
    );
    if (index < 0) index = exchanges.findIndex((e, i) => !used.has(i) && e.operation === request.operation);
    if (index < 0) index = exchanges.findLastIndex((e) => e.operation === request.operation);
    return index;
  };
  const transport = {
    async send(request) {
      await new Promise((resolve) => setImmediate(resolve));
      request.signal?.throwIfAborted();
      state.requests += 1;
      if (state.requests > CASE_REQUEST_LIMIT) {
        state.runaway = true;
        throw new Error(`replay: more than ${CASE_REQUEST_LIMIT} requests`);
      }
      const index = pick(request);
      if (index < 0) {
        state.unexpected.push(request.operation);
        throw new Error(`replay: no recorded answer for ${request.operation}`);
      }
      used.add(index);
      state.served.push(index);
      const exchange = exchanges[index];
      const answer = answerOf(index);
      const headers = { ...exchange.headers };
      if (request.streamResponse && exchange.status >= 200 && exchange.status < 300) {
        const bytes = answer.bytes ?? encodeUtf8Loose(answer.text);
        return {
          status: exchange.status,
          headers,
          body: '',
          bodyStream: chunked(bytes, random, request.signal),
        };
      }
      const body = answer.text ?? new TextDecoder('utf-8').decode(answer.bytes);
      return { status: exchange.status, headers, body };
    },
    async lease() {
      throw new Error('replay: connection leases are not replayed (use no connection-bound auth)');
    },
    async close() {},
    async [Symbol.asyncDispose]() {},
  };
  return { transport, state };
}

async function* chunked(bytes, random, signal) {
  let at = 0;
  while (at < bytes.length) {
    const roll = random();
    // Mostly large chunks, sometimes tiny ones (a boundary inside a name, a reference, a character).
    const size =
      roll < 0.3
        ? 1 + Math.floor(random() * 8)
        : roll < 0.6
          ? 1 + Math.floor(random() * 512)
          : 1 + Math.floor(random() * 16_384);
    const end = Math.min(bytes.length, at + size);
    if (random() < 0.1) await new Promise((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    yield bytes.slice(at, end);
    at = end;
  }
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A core Transport that forwards to `inner` and records every exchange in request order (the
 * valid answers the fuzz cases start from). A streamed answer is read whole, recorded, and
 * handed on as one chunk.
 *
 * @param {import('../index.js').ReplayTransport} inner
 * @param {import('../index.js').RecordedExchange[]} sink
 */
export function createRecorder(inner, sink) {
  return {
    async send(request) {
      const entry = {
        operation: request.operation,
        request: request.body ?? '',
        status: 0,
        headers: {},
        body: '',
        streamed: false,
      };
      sink.push(entry);
      const response = await inner.send(request);
      entry.status = response.status;
      entry.headers = { ...response.headers };
      if (response.bodyStream) {
        const parts = [];
        for await (const part of response.bodyStream) parts.push(part);
        const bytes = Buffer.concat(parts);
        entry.body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        entry.streamed = true;
        return {
          ...response,
          bodyStream: (async function* () {
            yield new Uint8Array(bytes);
          })(),
        };
      }
      entry.body = response.body;
      return response;
    },
    lease: (origin, signal) => inner.lease(origin, signal),
    close: () => inner.close(),
    [Symbol.asyncDispose]: () => inner.close(),
  };
}
