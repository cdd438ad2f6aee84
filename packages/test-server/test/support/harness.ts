import { schemaDir } from '@ews-tools/ews-schema';
import { expect } from 'vitest';
import { startTestServer, type TestServer, type TestServerOptions } from '../../src/index.js';
import { parseXml, type XmlElement } from '../../src/xml/xml-tree.js';
import { TrafficLog } from './schema-check.js';
import { type EnvelopeOptions, envelope, type HttpReply, post } from './soap-client.js';

/** A fixed "now" (a Wednesday) so seeded calendars are predictable. */
export const NOW = new Date('2026-03-11T12:00:00Z');

export interface SoapCall extends HttpReply {
  readonly doc: XmlElement;
}

export interface Harness {
  readonly server: TestServer;
  readonly log: TrafficLog;
  /** Sends an EWS request as `user` (local part); the request and the response go to the schema log. */
  call(
    user: string,
    body: string,
    options?: EnvelopeOptions & { name?: string; validateRequest?: boolean },
  ): Promise<SoapCall>;
  /** Validates everything logged (one xmllint run) and closes the server. */
  finish(): Promise<void>;
}

export async function startHarness(options: TestServerOptions = {}): Promise<Harness> {
  const internalErrors: unknown[] = [];
  const server = await startTestServer({
    now: () => NOW,
    // The server refuses schema-invalid requests as Exchange does (resident lxml: ~1 ms per request).
    validateRequests: { schemaDir },
    onInternalError: (error) => internalErrors.push(error),
    ...options,
  });
  const log = new TrafficLog();
  let n = 0;
  return {
    server,
    log,
    async call(user, body, callOptions = {}) {
      n += 1;
      const name = `${callOptions.name ?? 'call'}#${n}`;
      const xml = envelope(body, callOptions);
      if (callOptions.validateRequest !== false) log.requests.push({ name: `${name} request`, xml });
      const address = `${user}@contoso.test`;
      const password = server.mailboxes.find((m) => m.address === address)?.password ?? '';
      const reply = await post(server.url, xml, { user: address, password });
      log.responses.push({ name: `${name} response`, xml: reply.body });
      return { ...reply, doc: parseXml(reply.body) };
    },
    async finish() {
      await server.close();
      expect(internalErrors).toEqual([]);
      const invalid = await log.invalid();
      expect(invalid.map((v) => `${v.name}: ${v.errors}`)).toEqual([]);
    },
  };
}

/** All elements with this local name, depth-first. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (el: XmlElement) => {
    if (el.name === name) out.push(el);
    el.children.forEach(visit);
  };
  visit(root);
  return out;
}

export function first(root: XmlElement, name: string): XmlElement {
  const found = findAll(root, name)[0];
  if (found === undefined) throw new Error(`no <${name}> in response`);
  return found;
}

export function texts(root: XmlElement, name: string): string[] {
  return findAll(root, name).map((e) => e.text);
}
