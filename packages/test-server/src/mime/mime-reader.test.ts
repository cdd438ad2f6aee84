import { describe, expect, it } from 'vitest';
import { MimeError, readMimeMessage } from './mime-reader.js';

const message = (lines: readonly string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

describe('readMimeMessage', () => {
  it('unfolds headers and decodes encoded words (B and Q, adjacent words joined)', () => {
    const read = readMimeMessage(
      message(['Subject: =?utf-8?Q?Caf=C3=A9_au?=', ' =?utf-8?B?IGxhaXQ=?= today', 'To: a@b.test', '', 'x']),
    );
    expect(read.subject).toBe('Café au lait today');
    expect(read.body).toEqual({ text: 'x', type: 'Text' });
  });

  it('refuses multipart nesting deeper than its limit', () => {
    const depth = 12;
    const lines: string[] = ['Subject: deep'];
    for (let i = 0; i < depth; i += 1) {
      lines.push(`Content-Type: multipart/mixed; boundary=b${i}`, '', `--b${i}`);
    }
    lines.push('Content-Type: text/plain', '', 'deep body');
    for (let i = depth - 1; i >= 0; i -= 1) lines.push(`--b${i}--`);
    expect(() => readMimeMessage(message(lines))).toThrow(MimeError);
  });

  it('refuses a message without headers and an unknown transfer encoding', () => {
    expect(() => readMimeMessage(Buffer.from(''))).toThrow(MimeError);
    expect(() =>
      readMimeMessage(message(['Subject: x', 'Content-Transfer-Encoding: x-uuencode', '', 'begin'])),
    ).toThrow(MimeError);
  });
});
