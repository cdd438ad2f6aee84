import { describe, expect, it } from 'vitest';
import type { TestServerFaults } from '../src/index.js';
import { parseXml } from '../src/xml/xml-tree.js';
import { first, type Harness, startHarness, texts } from './support/harness.js';
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
    await withServer({ slow: { rate: 1, delayMs: 300 }, maxConcurrentPerUser: 1 }, async (h) => {
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
  });

  it('rejects nonsense options', async () => {
    await expect(startHarness({ faults: { http503: { rate: 2 } } })).rejects.toThrow(/rate/);
    await expect(startHarness({ faults: { maxConcurrentPerUser: 0 } })).rejects.toThrow(
      /maxConcurrentPerUser/,
    );
  });
});
