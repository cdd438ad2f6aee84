import { MessageModel } from '@ews/models';
import { describe, expect, it } from 'vitest';
import type { Account } from '../src/index.js';
import { useHarness } from './helpers/harness.js';

// Text through the whole client and the test server and back: the client writes a CR as `&#13;`
// (a literal CR would be read as LF), the server must read that reference as a CR and write it
// back as one. Before, the server kept `&#13;` as five characters of text. (The test server trims a
// subject's leading and trailing whitespace, so the texts keep theirs inside.)

let alice: Account;
useHarness((started) => {
  alice = started.account('alice@contoso.test');
});

describe('a subject and a body with CR, tab and non-BMP characters round-trip', () => {
  it.each([
    ['CR', 'before\rafter'],
    ['CRLF', 'line one\r\nline two'],
    ['tab', 'col1\tcol2'],
    ['non-BMP (surrogate pairs)', 'launch 🚀 party 🎉 𝄞'],
    ['all of them', 'Q3\t🚀\r\nplan\rend'],
  ])('%s', async (_, text) => {
    const ref = await alice.items.save(MessageModel, {
      subject: text,
      body: { bodyType: 'Text', value: text },
    });
    const read = await alice.items.get(MessageModel, ref, { only: ['subject', 'body'] });
    expect(read.subject).toBe(text);
    expect(read.body?.value).toBe(text);
  });
});
