import { fileURLToPath } from 'node:url';
import type { EwsHttpResponse } from '@ews/core';
import { describe, expect, it } from 'vitest';
import { textConversionsIn } from '../../../tools/text-conversions.mjs';
import { readBoundedBody } from '../src/bounded-body.js';

// Numbers discovery reads from the network are read strictly; the scan below keeps it so.

function answer(contentLength: string, body: string): EwsHttpResponse {
  return { status: 200, headers: { 'content-length': contentLength }, body } as unknown as EwsHttpResponse;
}

describe('a declared Content-Length is a number only when it is digits', () => {
  it.each(['1e9', '0x7fffffff', ' 1e9 '])(
    '%j declares nothing: the small body is read (held to the limit)',
    async (declared) => {
      // Before, Number('1e9') refused a 5-byte answer as "larger than maxResponseBytes".
      await expect(
        readBoundedBody(answer(declared, 'hello'), 100, 'Autodiscover', new AbortController().signal),
      ).resolves.toBe('hello');
    },
  );

  it('a declared length above the limit is still refused before reading', async () => {
    await expect(
      readBoundedBody(answer('1000', 'hello'), 100, 'Autodiscover', new AbortController().signal),
    ).rejects.toMatchObject({ code: 'EWS_PROTOCOL' });
  });
});

/** Hand-made conversions kept on purpose: each reads text a regular expression checked first. */
const KEPT: Readonly<Record<string, string>> = {
  'bounded-body.ts: Number(text)': 'Content-Length checked to be 1–15 digits',
  'server-version.ts: Number.parseInt(hex, 16)': 'POX ServerVersion checked to be 8 hex digits',
  'srv.ts: Number(port)': 'SRV RDATA checked to be 1–5 digits, then to be at most 65535',
  'srv.ts: Number(priority)': 'SRV RDATA checked to be 1–5 digits, then to be at most 65535',
  'srv.ts: Number(weight)': 'SRV RDATA checked to be 1–5 digits, then to be at most 65535',
};

describe('no reader turns network text into a Date or number by hand', () => {
  it('every `new Date(…)`, `Date.parse`, `Number(…)`, `parseInt`, `parseFloat` and unary `+` is listed', () => {
    const found = textConversionsIn(fileURLToPath(new URL('../src/', import.meta.url)));
    expect(found.filter((entry) => !(entry in KEPT))).toEqual([]);
    expect(Object.keys(KEPT).filter((entry) => !found.includes(entry))).toEqual([]);
  });
});
