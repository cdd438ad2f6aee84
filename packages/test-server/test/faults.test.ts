import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import type { InjectedFault, TestServerFaults } from '../src/index.js';
import { faultsFromJson } from '../src/server/faults.js';
import { changeMessageCount } from '../src/server/message-count-fault.js';
import { parseXml } from '../src/xml/xml-tree.js';
import { findAll, first, type Harness, startHarness, texts } from './support/harness.js';
import { envelope, post } from './support/soap-client.js';

const GET_INBOX =
  '<m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>' +
  '<m:FolderIds><t:DistinguishedFolderId Id="drafts"/></m:FolderIds></m:GetFolder>';
const CREATE_DRAFT =
  '<m:CreateItem MessageDisposition="SaveOnly"><m:Items><t:Message><t:Subject>once only</t:Subject></t:Message></m:Items></m:CreateItem>';

async function withServer(faults: TestServerFaults, run: (h: Harness) => Promise<void>): Promise<void> {
  // Requests here are known-valid; skipping the resident validator keeps ten server starts cheap.
  const h = await startHarness({ seed: 'empty', faults, validateRequests: false });
  try {
    await run(h);
  } finally {
    await h.finish();
  }
}

const alice = { user: 'alice@contoso.test', password: 'Alice-Demo-2016!' };
const draftCount = async (h: Harness) =>
  Number(first((await h.call('alice', GET_INBOX)).doc, 'TotalCount').text);

describe('fault injection', () => {
  it('ErrorServerBusy with BackOffMilliseconds, only for the chosen operations, without executing', async () => {
    await withServer(
      { serverBusy: { rate: 1, backOffMilliseconds: 2500 }, operations: ['CreateItem'] },
      async (h) => {
        const busy = await h.call('alice', CREATE_DRAFT);
        expect(busy.status).toBe(500);
        expect(first(busy.doc, 'faultcode').text).toBe('a:ErrorServerBusy');
        expect(first(busy.doc, 'ResponseCode').text).toBe('ErrorServerBusy');
        const value = first(busy.doc, 'Value');
        expect(value.attrs.Name).toBe('BackOffMilliseconds');
        expect(value.text).toBe('2500');
        expect(await draftCount(h)).toBe(0);
      },
    );
  });

  it('HTTP 503 with Retry-After, not executed', async () => {
    await withServer(
      { http503: { rate: 1, retryAfterSeconds: 7 }, operations: ['CreateItem'] },
      async (h) => {
        const reply = await post(h.server.url, envelope(CREATE_DRAFT), alice);
        expect(reply.status).toBe(503);
        expect(reply.headers['retry-after']).toBe('7');
        expect(await draftCount(h)).toBe(0);
      },
    );
  });

  it('a reset before execution changes nothing; a reset after execution has created the item', async () => {
    await withServer({ resetBeforeExecute: { rate: 1 }, operations: ['CreateItem'] }, async (h) => {
      await expect(post(h.server.url, envelope(CREATE_DRAFT), alice)).rejects.toThrow(
        /socket hang up|ECONNRESET/,
      );
      expect(await draftCount(h)).toBe(0);
    });
    await withServer({ resetAfterExecute: { rate: 1 }, operations: ['CreateItem'] }, async (h) => {
      await expect(post(h.server.url, envelope(CREATE_DRAFT), alice)).rejects.toThrow(
        /socket hang up|ECONNRESET/,
      );
      expect(await draftCount(h)).toBe(1);
    });
  });

  it('is deterministic from the seed', async () => {
    const outcomes = async (seed: number) => {
      const seen: number[] = [];
      await withServer({ seed, http503: { rate: 0.5 } }, async (h) => {
        for (let i = 0; i < 12; i += 1)
          seen.push((await post(h.server.url, envelope(GET_INBOX), alice)).status);
        for (const status of seen) expect([200, 503]).toContain(status);
      });
      return seen.join(',');
    };
    const first7 = await outcomes(7);
    expect(await outcomes(7)).toBe(first7);
    expect(first7).toContain('503');
    expect(first7).toContain('200');
    expect(await outcomes(8)).not.toBe(first7);
  });

  it('mixes fault kinds deterministically: the same seed gives the same outcome sequence', async () => {
    const outcomes = async (seed: number) => {
      const seen: string[] = [];
      await withServer(
        {
          seed,
          serverBusy: { rate: 0.25, backOffMilliseconds: 700 },
          http503: { rate: 0.2 },
          resetBeforeExecute: { rate: 0.2 },
        },
        async (h) => {
          for (let i = 0; i < 16; i += 1) {
            const outcome = await post(h.server.url, envelope(GET_INBOX), alice).then(
              (r) => (r.status === 500 ? texts(parseXml(r.body), 'ResponseCode')[0] : String(r.status)),
              () => 'reset',
            );
            seen.push(outcome ?? '');
          }
        },
      );
      return seen.join(',');
    };
    const run = await outcomes(11);
    expect(await outcomes(11)).toBe(run);
    for (const kind of ['200', '503', 'ErrorServerBusy', 'reset']) expect(run.split(',')).toContain(kind);
  });

  it('slow responses still answer; a per-user concurrency limit refuses the extra request', async () => {
    const seen: string[] = [];
    const onFault = (fault: InjectedFault) => seen.push(fault.kind);
    await withServer({ slow: { rate: 1, delayMs: 300 }, maxConcurrentPerUser: 1, onFault }, async (h) => {
      const started = Date.now();
      const [a, b, bob] = await Promise.all([
        post(h.server.url, envelope(GET_INBOX), alice),
        post(h.server.url, envelope(GET_INBOX), alice),
        post(h.server.url, envelope(GET_INBOX), { user: 'bob@contoso.test', password: 'Bob-Demo-2016!' }),
      ]);
      // A lower bound only: the delay is part of the answer, not a performance claim.
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      const codes = [a, b].map((r) => texts(parseXml(r.body), 'ResponseCode')[0]);
      expect(codes.sort()).toEqual(['ErrorExceededConnectionCount', 'NoError']);
      expect(texts(parseXml(bob.body), 'ResponseCode')).toEqual(['NoError']);
      h.log.responses.push(...[a, b, bob].map((r, i) => ({ name: `concurrent ${i}`, xml: r.body })));
    });
    expect(seen.sort()).toEqual(['exceededConnectionCount', 'slow', 'slow']);
  });

  it('rejects nonsense options', async () => {
    await expect(startHarness({ faults: { http503: { rate: 2 } } })).rejects.toThrow(/rate/);
    await expect(startHarness({ faults: { maxConcurrentPerUser: 0 } })).rejects.toThrow(
      /maxConcurrentPerUser/,
    );
    await expect(startHarness({ faults: { wrongMessageCount: { rate: Number.NaN } } })).rejects.toThrow(
      /wrongMessageCount\.rate/,
    );
    for (const faults of [
      { serverBusy: { rate: 1, backOffMilliseconds: Number.NaN } },
      { serverBusy: { rate: 1, backOffMilliseconds: -1 } },
      { http503: { rate: 1, retryAfterSeconds: 0.5 } },
      { slow: { rate: 1, delayMs: Number.POSITIVE_INFINITY } },
    ]) {
      await expect(startHarness({ faults })).rejects.toThrow(/must be a whole number >= 0/);
    }
  });

  it('tells onFault about every fault it applies, and only those', async () => {
    const seen: InjectedFault[] = [];
    const onFault = (fault: InjectedFault) => seen.push(fault);
    await withServer({ serverBusy: { rate: 1, backOffMilliseconds: 5 }, onFault }, async (h) => {
      await h.call('alice', GET_INBOX);
    });
    await withServer({ http503: { rate: 1, retryAfterSeconds: 0 }, onFault }, async (h) => {
      const reply = await post(h.server.url, envelope(GET_INBOX), alice);
      expect(reply.headers['retry-after']).toBe('0');
    });
    for (const kind of ['resetBeforeExecute', 'resetAfterExecute'] as const) {
      await withServer({ [kind]: { rate: 1 }, onFault }, async (h) => {
        await expect(post(h.server.url, envelope(GET_INBOX), alice)).rejects.toThrow();
      });
    }
    await withServer({ slow: { rate: 1, delayMs: 1 }, operations: ['CreateItem'], onFault }, async (h) => {
      await h.call('alice', GET_INBOX); // not a chosen operation: no fault
      await h.call('alice', CREATE_DRAFT);
    });
    expect(seen).toEqual([
      { kind: 'serverBusy', operation: 'GetFolder' },
      { kind: 'http503', operation: 'GetFolder' },
      { kind: 'resetBeforeExecute', operation: 'GetFolder' },
      { kind: 'resetAfterExecute', operation: 'GetFolder' },
      { kind: 'slow', operation: 'CreateItem' },
    ]);
  });
});

const createDrafts = (subjects: readonly string[]) =>
  '<m:CreateItem MessageDisposition="SaveOnly"><m:Items>' +
  subjects.map((s) => `<t:Message><t:Subject>${s}</t:Subject></t:Message>`).join('') +
  '</m:Items></m:CreateItem>';

/** The ItemIds of an answer's CreateItemResponseMessages, in order. */
const answeredIds = (doc: ReturnType<typeof parseXml>) =>
  findAll(doc, 'CreateItemResponseMessage').map((m) => first(m, 'ItemId').attrs.Id ?? '');

describe('wrongMessageCount: executed, then one ResponseMessage dropped or duplicated', () => {
  const THREE = createDrafts(['one', 'two', 'three']);

  it('the request is executed in full; the answer holds one message less or one more, schema-valid', async () => {
    const changes: string[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const seen: InjectedFault[] = [];
      await withServer(
        { seed, wrongMessageCount: { rate: 1 }, onFault: (fault) => seen.push(fault) },
        async (h) => {
          const reply = await h.call('alice', THREE);
          expect(reply.status).toBe(200);
          const ids = answeredIds(reply.doc);
          const [event] = seen;
          expect(seen).toHaveLength(1);
          expect(event?.kind).toBe('wrongMessageCount');
          expect(event?.operation).toBe('CreateItem');
          expect(ids).toHaveLength(event?.change === 'dropped' ? 2 : 4);
          changes.push(event?.change ?? '');
          // All three were created whatever the answer says: a client must not pair by position.
          expect(await draftCount(h)).toBe(3);
          // A duplicate repeats one message exactly; a drop leaves the others in order.
          const distinct = [...new Set(ids)];
          expect(distinct).toHaveLength(event?.change === 'dropped' ? 2 : 3);
          expect(first(reply.doc, 'ResponseMessages').children.map((c) => c.name)).toEqual(
            ids.map(() => 'CreateItemResponseMessage'),
          );
        },
      );
    }
    // The seed decides between the two, and both happen.
    expect(new Set(changes)).toEqual(new Set(['dropped', 'duplicated']));
  });

  it('a single message is always duplicated (an empty list is not EWS)', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      await withServer({ seed, wrongMessageCount: { rate: 1 } }, async (h) => {
        const reply = await h.call('alice', CREATE_DRAFT);
        const ids = answeredIds(reply.doc);
        expect(ids).toHaveLength(2);
        expect(ids[0]).toBe(ids[1]);
        expect(await draftCount(h)).toBe(1);
      });
    }
  });

  it('faults and resets win: a refused or reset request gets no changed count', async () => {
    const seen: InjectedFault[] = [];
    await withServer(
      {
        serverBusy: { rate: 1, backOffMilliseconds: 5 },
        wrongMessageCount: { rate: 1 },
        operations: ['CreateItem'],
        onFault: (fault) => seen.push(fault),
      },
      async (h) => {
        const busy = await h.call('alice', THREE);
        expect(texts(busy.doc, 'ResponseCode')).toEqual(['ErrorServerBusy']);
      },
    );
    await withServer(
      {
        resetAfterExecute: { rate: 1 },
        wrongMessageCount: { rate: 1 },
        onFault: (fault) => seen.push(fault),
      },
      async (h) => {
        await expect(post(h.server.url, envelope(THREE), alice)).rejects.toThrow(/socket hang up|ECONNRESET/);
      },
    );
    expect(seen.map((fault) => fault.kind)).toEqual(['serverBusy', 'resetAfterExecute']);
  });

  it("is deterministic from the seed, and leaves the other faults' sequences as they were", async () => {
    const run = async (faults: TestServerFaults) => {
      const outcomes: string[] = [];
      await withServer(faults, async (h) => {
        for (let i = 0; i < 16; i += 1) {
          const reply = await post(h.server.url, envelope(THREE), alice);
          outcomes.push(
            reply.status === 200 ? `ok:${answeredIds(parseXml(reply.body)).length}` : `${reply.status}`,
          );
          if (reply.status === 200) h.log.responses.push({ name: `mixed ${i}`, xml: reply.body });
        }
      });
      return outcomes;
    };
    const both = await run({
      seed: 9,
      http503: { rate: 0.4, retryAfterSeconds: 0 },
      wrongMessageCount: { rate: 0.5 },
    });
    expect(
      await run({ seed: 9, http503: { rate: 0.4, retryAfterSeconds: 0 }, wrongMessageCount: { rate: 0.5 } }),
    ).toEqual(both);
    const onlyUnavailable = await run({ seed: 9, http503: { rate: 0.4, retryAfterSeconds: 0 } });
    // The same requests get 503 with the count fault on or off.
    expect(both.map((o) => o === '503')).toEqual(onlyUnavailable.map((o) => o === '503'));
    expect(onlyUnavailable.filter((o) => o !== '503')).toEqual(
      onlyUnavailable.filter((o) => o !== '503').map(() => 'ok:3'),
    );
    for (const kind of ['503', 'ok:2', 'ok:3', 'ok:4']) expect(both).toContain(kind);
    const otherSeed = await run({
      seed: 10,
      http503: { rate: 0.4, retryAfterSeconds: 0 },
      wrongMessageCount: { rate: 0.5 },
    });
    expect(otherSeed).not.toEqual(both);
  });
});

describe('changeMessageCount', () => {
  const message = (n: number) =>
    `<m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Items>${n}</m:Items></m:GetItemResponseMessage>`;
  const answer = (...parts: string[]) =>
    `<s:Envelope><s:Body><m:GetItemResponse><m:ResponseMessages>${parts.join('')}</m:ResponseMessages></m:GetItemResponse></s:Body></s:Envelope>`;

  it('drops or duplicates the message the position picks', () => {
    const xml = answer(message(0), message(1), message(2));
    expect(changeMessageCount(xml, { change: 'dropped', position: 0 })?.xml).toBe(
      answer(message(1), message(2)),
    );
    expect(changeMessageCount(xml, { change: 'dropped', position: 0.99 })?.xml).toBe(
      answer(message(0), message(1)),
    );
    expect(changeMessageCount(xml, { change: 'duplicated', position: 0.5 })?.xml).toBe(
      answer(message(0), message(1), message(1), message(2)),
    );
  });

  it("leaves alone what is not a ResponseMessages list of the writer's shape", () => {
    expect(
      changeMessageCount('<s:Envelope><s:Body><s:Fault/></s:Body></s:Envelope>', {
        change: 'dropped',
        position: 0,
      }),
    ).toBeUndefined();
    expect(changeMessageCount(answer(), { change: 'duplicated', position: 0 })).toBeUndefined();
    expect(
      changeMessageCount(answer('text', message(0)), { change: 'dropped', position: 0 }),
    ).toBeUndefined();
    expect(
      changeMessageCount(answer(message(0)).replace('</m:GetItemResponseMessage>', ''), {
        change: 'dropped',
        position: 0,
      }),
    ).toBeUndefined();
  });
});

describe('--faults (command line)', () => {
  it('starts a server with the faults given as JSON', async () => {
    const server = await runCli(
      [
        '--seed',
        'empty',
        '--json',
        '--faults',
        '{"seed":3,"http503":{"rate":1,"retryAfterSeconds":2},"operations":["GetFolder"]}',
      ],
      () => {},
    );
    try {
      const reply = await post(server?.url ?? '', envelope(GET_INBOX), alice);
      expect(reply.status).toBe(503);
      expect(reply.headers['retry-after']).toBe('2');
    } finally {
      await server?.close();
    }
  });

  it('refuses what is not a faults object: bad JSON, unknown fields, wrong types, bad ranges', async () => {
    expect(faultsFromJson('{"wrongMessageCount":{"rate":0.01},"maxConcurrentPerUser":2}')).toEqual({
      wrongMessageCount: { rate: 0.01 },
      maxConcurrentPerUser: 2,
    });
    for (const [text, why] of [
      ['{', /not valid JSON/],
      ['[]', /must be a JSON object/],
      ['{"serverbusy":{"rate":1}}', /unknown field "serverbusy"/],
      ['{"serverBusy":{"rate":1,"backoff":5}}', /unknown field serverBusy\."backoff"/],
      ['{"serverBusy":0.5}', /serverBusy must be an object/],
      ['{"http503":{"rate":"1"}}', /http503\.rate must be a number/],
      ['{"operations":"CreateItem"}', /operations must be an array/],
      ['{"seed":"x"}', /seed must be a number/],
    ] as const) {
      expect(() => faultsFromJson(text)).toThrow(why);
    }
    await expect(runCli(['--faults', '{"http503":{"rate":3}}'], () => {})).rejects.toThrow(/http503\.rate/);
  });
});
