import { Console } from 'node:console';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Writable } from 'node:stream';
import { format, inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBasicAuth } from '../../src/auth/basic.js';
import { EwsClient } from '../../src/client/ews-client.js';
import { MAX_BODY_EXCERPT } from '../../src/errors/body-excerpt.js';
import { EwsError } from '../../src/errors/ews-error.js';

/*
 * Issue 12, defect 11 ("a server page that echoes the credentials"): an error page, a fault or a
 * header that quotes what the request carried (its Authorization value, the Basic password, in
 * plain, escaped or base64 form, whole or cut by an excerpt) must not bring any of it into an
 * error, however the error is shown: String, stack, util.inspect, JSON.stringify, console.
 */

const USER = 'alice';
// `&` and `<` make the escaped forms differ from the plain one.
const PASSWORD = 'Tr0ub4dor&3<horse';
const TOKEN = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
const FORBIDDEN = [
  PASSWORD,
  'Tr0ub4dor&amp;3',
  'Tr0ub4dor',
  TOKEN,
  TOKEN.slice(0, 12),
  `${USER}:${PASSWORD}`,
];

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Everything the request carried that a careless server might print back. */
function echoOf(request: IncomingMessage): { header: string; password: string; all: string } {
  const header = request.headers.authorization ?? '';
  const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8');
  const password = decoded.slice(decoded.indexOf(':') + 1);
  return { header, password, all: `Authorization: ${header} (user ${decoded}, password ${password})` };
}

type Scenario = (request: IncomingMessage) => {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  raw?: string;
};

const fault = (code: string, text: string) =>
  '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>' +
  `<faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:${code}</faultcode>` +
  `<faultstring xml:lang="en-US">${text}</faultstring>` +
  `<detail><e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">${code}</e:ResponseCode>` +
  `<e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">${text}</e:Message>` +
  '<t:MessageXml xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  `<t:Value Name="BackOffMilliseconds">5</t:Value><t:Value Name="Echo">${text}</t:Value></t:MessageXml>` +
  '</detail></s:Fault></s:Body></s:Envelope>';

/** Each path of the echo server: what it answers, and the error class the client must throw. */
const SCENARIOS: Readonly<Record<string, { readonly code: string; readonly answer: Scenario }>> = {
  'a 401 page quoting the Authorization header': {
    code: 'EWS_AUTH',
    answer: (r) => ({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="x"' },
      body: `<html><head><title>${escapeHtml(echoOf(r).all)}</title></head></html>`,
    }),
  },
  "a 502 page whose title is the request's secrets": {
    code: 'EWS_HTTP',
    answer: (r) => ({
      status: 502,
      body: `<html><head><title>${escapeHtml(echoOf(r).all)}</title></head></html>`,
    }),
  },
  'a 404 text whose excerpt is cut inside the password': {
    code: 'EWS_HTTP',
    answer: (r) => ({
      status: 404,
      body: `${'x'.repeat(MAX_BODY_EXCERPT - 12)} ${echoOf(r).password} and more`,
    }),
  },
  'a 500 ASP.NET page echoing the password': {
    code: 'EWS_HTTP',
    answer: (r) => ({
      status: 500,
      body: `<html><title>Server Error in '/EWS' Application</title><body>${escapeHtml(echoOf(r).all)}</body></html>`,
    }),
  },
  'a SOAP fault whose texts echo the secrets': {
    code: 'EWS_SOAP_FAULT',
    answer: (r) => ({ status: 500, body: fault('ErrorAccessDenied', escapeHtml(echoOf(r).all)) }),
  },
  'a throttling fault whose texts echo the secrets': {
    code: 'EWS_THROTTLED',
    answer: (r) => ({ status: 500, body: fault('ErrorServerBusy', escapeHtml(echoOf(r).all)) }),
  },
  'a CAS error header echoing the password': {
    code: 'EWS_HTTP',
    answer: (r) => ({ status: 403, headers: { 'x-caserrorcode': `CAS error: ${echoOf(r).password}` } }),
  },
  'a redirect whose path holds the password': {
    code: 'EWS_HTTP',
    answer: (r) => ({
      status: 302,
      headers: { location: `https://mail.example.com/owa/${encodeURIComponent(echoOf(r).password)}/x` },
    }),
  },
  'a 200 text page echoing the secrets': {
    code: 'EWS_PROTOCOL',
    answer: (r) => ({ status: 200, body: `Welcome! ${echoOf(r).all}` }),
  },
  'an HTTP answer malformed by the echoed password': {
    code: 'EWS_TRANSPORT',
    answer: (r) => ({
      status: 0,
      raw: `HTTP/1.1 200 OK\r\nX-Echo: ${echoOf(r).password}\u0001\r\nContent-Length: 2\r\n\r\nok`,
    }),
  },
};

let server: Server;
let base: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const scenario = SCENARIOS[decodeURIComponent((request.url ?? '').slice(1))];
      if (!scenario) return response.writeHead(400).end();
      const answer = scenario.answer(request);
      if (answer.raw !== undefined) {
        request.socket.end(answer.raw);
        return;
      }
      response.writeHead(answer.status, { 'content-type': 'text/html; charset=utf-8', ...answer.headers });
      response.end(answer.body ?? '');
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Every way an app shows an error. */
function renderings(error: unknown): Record<string, string> {
  let printed = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      printed += String(chunk);
      done();
    },
  });
  const console = new Console({ stdout: sink, stderr: sink });
  console.error(error);
  console.log('%o', error);
  console.log({ error });
  const ews = error as EwsError;
  return {
    string: String(error),
    message: ews.message,
    stack: String(ews.stack),
    inspect: inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    json: JSON.stringify(error),
    fields: JSON.stringify(Object.fromEntries(Object.entries(ews))),
    format: format('%s %O %j', error, error, error),
    console: printed,
  };
}

describe('errors made from answers that echo the request', () => {
  it.each(Object.keys(SCENARIOS))('%s', async (name) => {
    const scenario = SCENARIOS[name];
    await using client = new EwsClient({
      url: `${base}${encodeURIComponent(name)}`,
      auth: createBasicAuth({ username: USER, password: PASSWORD }),
      allowInsecureHttp: true,
      transport: { proxy: false },
      timeoutMs: 10_000,
    });
    const error = await client
      .send({ operation: 'GetFolder', body: '<m:GetFolder/>' })
      .catch((caught: unknown) => caught);
    expect(EwsError.isInstance(error) && error.code).toBe(scenario?.code);
    for (const [how, text] of Object.entries(renderings(error))) {
      for (const secret of FORBIDDEN) {
        expect(text.includes(secret) ? `${how} shows ${secret}: ${text.slice(0, 400)}` : 'clean').toBe(
          'clean',
        );
      }
    }
  });
});
