import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EwsInvalidArgumentError, EwsProtocolError } from '../../src/errors/error-classes.js';
import { EWS_ANSWER_CONTENT } from '../../src/soap/answer-content.js';
import { EWS_MESSAGES_NAMESPACE, EWS_TYPES_NAMESPACE } from '../../src/soap/namespaces.js';
import { child, parseXml, type XmlNode } from '../../src/xml/parse.js';
import { DEFAULT_READER_LIMITS } from '../../src/xml/reader-limits.js';
import { type StreamElementChildrenOptions, streamElementChildren } from '../../src/xml/streamed-elements.js';

// The cutter's contract: cutting a list's children out of a stream and parsing each piece gives
// what parsing the whole document gives (the same children, and the document without them), and
// a document the whole reader refuses is refused when streamed too.

const LIST_PATH = ['Root', 'Holder', 'List'];
const FOREIGN = 'urn:example:foreign';
const encoder = new TextEncoder();

async function* chunked(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes.length === 0 ? bytes.length : (sizes[i % sizes.length] as number));
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

async function streamed(
  xml: string,
  sizes: readonly number[],
  options: StreamElementChildrenOptions = {},
  listPath: readonly string[] = LIST_PATH,
): Promise<{ readonly children: XmlNode[]; readonly skeleton: string }> {
  const reader = streamElementChildren(chunked(encoder.encode(xml), sizes), listPath, options);
  const children: XmlNode[] = [];
  for (;;) {
    const next = await reader.next();
    if (next.done) return { children, skeleton: next.value };
    children.push(next.value);
  }
}

function listOf(root: XmlNode): XmlNode | undefined {
  return child(root, 'Holder', 'List');
}

/**
 * The whole document's tree with the list's children removed: what the skeleton must read as.
 * The whitespace between the children goes with them (only whitespace and comments may be there).
 */
function withoutListChildren(root: XmlNode): unknown {
  const strip = (node: XmlNode, path: readonly string[]): unknown => {
    const [first, ...rest] = path;
    return {
      ...node,
      text: first === undefined && node.text.trim() === '' ? '' : node.text,
      children:
        first === undefined ? [] : node.children.map((c) => (c.name === first ? strip(c, rest) : plain(c))),
    };
  };
  return strip(root, LIST_PATH.slice(1));
}
function plain(node: XmlNode): unknown {
  return { ...node, children: node.children.map(plain) };
}

const nameArb = fc.constantFrom('Message', 'Subject', 'ItemId', 'a.b-c', 'Items', 'List', 'x');
const textArb = fc
  .array(
    fc.oneof(
      fc.constantFrom('&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#x1F600;', '&#233;', '\r\n', ' ', '>'),
      fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', 'é', '€', '😀', '\t', '-', ']', '/') }),
      fc.constantFrom('<![CDATA[<b> & ]] >]]>', '<!-- c -->', '<?pi x?>'),
    ),
    { maxLength: 4 },
  )
  .map((parts) => parts.join(''));
const attributeArb = fc
  .tuple(
    fc.constantFrom('Id', 'ChangeKey', 'a-b'),
    fc.string({ unit: fc.constantFrom('a', '>', '/', ' ', 'é') }),
  )
  .map(([name, value]) => ` ${name}="${value.replace(/[<&"]/g, '')}"`);

/** One element, `t:` (types), `f:` (a foreign namespace) or a default namespace of its own. */
const elementArb: fc.Memo<string> = fc.memo((depth) =>
  fc
    .tuple(
      fc.constantFrom('t:', 'f:', ''),
      nameArb,
      fc.uniqueArray(attributeArb, { maxLength: 2, selector: (a) => a.slice(0, a.indexOf('=')) }),
      depth <= 1 ? fc.constant([]) : fc.array(elementArb(depth - 1), { maxLength: 3 }),
      textArb,
      fc.boolean(),
    )
    .map(([prefix, name, attributes, kids, text, empty]) => {
      const declare = prefix === '' ? ` xmlns="${FOREIGN}:default"` : '';
      const open = `<${prefix}${name}${declare}${attributes.join('')}`;
      if (empty && kids.length === 0) return `${open}/>`;
      return `${open}>${text}${kids.join('')}</${prefix}${name}>`;
    }),
);
const betweenArb = fc.constantFrom('', ' ', '\n  ', '<!-- between -->', '\r\n<!--x-->\t');

const documentArb = fc
  .tuple(fc.array(fc.tuple(betweenArb, elementArb(3)), { maxLength: 6 }), betweenArb, fc.boolean())
  .map(([items, trailing, emptyList]) => {
    const list =
      emptyList && items.length === 0
        ? '<t:List/>'
        : `<t:List>${items.map(([space, item]) => space + item).join('')}${trailing}</t:List>`;
    return (
      `<?xml version="1.0" encoding="utf-8"?>\n<m:Root xmlns:m="${EWS_MESSAGES_NAMESPACE}" ` +
      `xmlns:t="${EWS_TYPES_NAMESPACE}" xmlns:f="${FOREIGN}"><t:Before>x</t:Before>` +
      `<m:Holder A="1">${list}<t:After>&amp;</t:After></m:Holder></m:Root>`
    );
  });
const sizesArb = fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 8 });

describe('streamElementChildren: cut + parse each piece == parse whole', () => {
  it('gives the children and the skeleton of the whole parse, however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(documentArb, sizesArb, async (xml, sizes) => {
        const whole = parseXml(xml);
        const { children, skeleton } = await streamed(xml, sizes);
        expect(children).toEqual(listOf(whole)?.children ?? []);
        expect(plain(parseXml(skeleton))).toEqual(withoutListChildren(whole));
      }),
      { numRuns: 100 },
    );
  });

  // One difference, deliberate: text between the children (which XML allows, and the whole reader
  // keeps as the list's text) is refused: a list of items holds elements only.
  it('refuses a document (EWS_PROTOCOL) when the whole reader refuses it, and only then or for text between children', async () => {
    // A valid document with one character removed, replaced or doubled somewhere in the list.
    const brokenArb = fc
      .tuple(documentArb, fc.nat(), fc.constantFrom('', '<', '&', '>', '"', "'", 'x:', '\u0001', ']]>'))
      .map(([xml, at, insert]) => {
        const start = xml.indexOf('<t:List');
        const end = xml.indexOf('<t:After>');
        let position = start + (at % Math.max(1, end - start));
        // A character, not a UTF-16 unit: cutting a surrogate pair in two would make a string no
        // UTF-8 byte stream can carry, so the streamed and the whole reading would see different text.
        const unit = xml.charCodeAt(position);
        if (unit >= 0xdc00 && unit <= 0xdfff) position -= 1;
        const width = (xml.codePointAt(position) ?? 0) > 0xffff ? 2 : 1;
        return xml.slice(0, position) + insert + xml.slice(position + width);
      });
    await fc.assert(
      fc.asyncProperty(brokenArb, sizesArb, async (xml, sizes) => {
        let wholeError: unknown;
        let whole: XmlNode | undefined;
        try {
          whole = parseXml(xml);
        } catch (error) {
          wholeError = error;
        }
        let streamError: unknown;
        let result: Awaited<ReturnType<typeof streamed>> | undefined;
        try {
          result = await streamed(xml, sizes);
          // The skeleton is read whole by its caller: that is where a broken envelope shows.
          parseXml(result.skeleton);
        } catch (error) {
          streamError = error;
        }
        if (wholeError !== undefined) {
          expect(wholeError).toBeInstanceOf(EwsProtocolError);
          expect(streamError).toBeInstanceOf(EwsProtocolError);
        } else if (whole !== undefined && (listOf(whole)?.text.trim() ?? '') !== '') {
          expect(streamError).toBeInstanceOf(EwsProtocolError);
          expect((streamError as Error).message).toMatch(/text between the children|Malformed XML/);
        } else if (whole !== undefined && listOf(whole) !== undefined) {
          expect(streamError).toBeUndefined();
          expect(result?.children).toEqual(listOf(whole)?.children);
        }
      }),
      { numRuns: 120 },
    );
  });
});

describe('streamElementChildren keeps the reader rules', () => {
  const page = (items: string) =>
    `<m:Root xmlns:m="${EWS_MESSAGES_NAMESPACE}" xmlns:t="${EWS_TYPES_NAMESPACE}"><m:Holder>` +
    `<t:List>${items}</t:List></m:Holder></m:Root>`;

  it('resolves prefixes declared around the list and decodes entities as in place', async () => {
    const { children } = await streamed(
      page('<t:Message Id="a&amp;b"><t:S>&#x1F600;&lt;</t:S></t:Message>'),
      [3],
    );
    expect(children).toHaveLength(1);
    expect(children[0]?.name).toBe('Message');
    expect(children[0]?.namespace).toBe(EWS_TYPES_NAMESPACE);
    expect(children[0]?.attributes.Id).toBe('a&b');
    expect(child(children[0], 'S')?.text).toBe('\u{1F600}<');
  });

  it('refuses a comment between children holding a character XML cannot carry, in one chunk or cut', async () => {
    const xml = page('<t:Message/><!-- a\u0001b --><t:Message/>');
    expect(() => parseXml(xml)).toThrow(EwsProtocolError);
    for (const sizes of [[xml.length], [3], [1]]) {
      await expect(streamed(xml, sizes)).rejects.toBeInstanceOf(EwsProtocolError);
    }
    // A comment of XML characters between children is dropped, as the whole reader drops it.
    const fine = await streamed(page('<t:Message/><!-- ok 😀 --><t:Message/>'), [2]);
    expect(fine.children).toHaveLength(2);
  });

  it('refuses an undeclared prefix, an undeclared entity and bad UTF-8 in a child', async () => {
    await expect(streamed(page('<q:Message/>'), [5])).rejects.toBeInstanceOf(EwsProtocolError);
    await expect(streamed(page('<t:Message>&nbsp;</t:Message>'), [5])).rejects.toBeInstanceOf(
      EwsProtocolError,
    );
    const bytes = encoder.encode(page('<t:Message>ab</t:Message>'));
    const at = new TextDecoder().decode(bytes).indexOf('ab');
    const bad = Uint8Array.from(bytes);
    bad[at] = 0xc3; // a lead byte followed by 'b': not UTF-8
    const reader = streamElementChildren(chunked(bad, [7]), LIST_PATH);
    await expect(
      (async () => {
        for await (const _ of reader);
      })(),
    ).rejects.toBeInstanceOf(EwsProtocolError);
  });

  it('applies the content rules and limits it is given to every child', async () => {
    const foreign = page(`<f:Message xmlns:f="${FOREIGN}"/>`);
    // Without content rules a foreign child is named `{uri}local`, as parseXml names it.
    const { children } = await streamed(foreign, [4]);
    expect(children[0]?.name).toBe(`{${FOREIGN}}Message`);
    const answer = (items: string) =>
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${EWS_MESSAGES_NAMESPACE}" ` +
      `xmlns:t="${EWS_TYPES_NAMESPACE}"><s:Body><m:FindItemResponse><m:ResponseMessages>` +
      `<m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>` +
      `<m:RootFolder><t:Items>${items}</t:Items></m:RootFolder></m:FindItemResponseMessage>` +
      '</m:ResponseMessages></m:FindItemResponse></s:Body></s:Envelope>';
    const path = ['Envelope', 'Body', 'FindItemResponse', 'ResponseMessages', 'FindItemResponseMessage'];
    const itemsPath = [...path, 'RootFolder', 'Items'];
    const options = { content: EWS_ANSWER_CONTENT };
    await expect(streamed(answer('<t:Message/>'), [9], options, itemsPath)).resolves.toMatchObject({
      children: [{ name: 'Message' }],
    });
    await expect(streamed(answer('<m:Message/>'), [9], options, itemsPath)).rejects.toBeInstanceOf(
      EwsProtocolError,
    );
    const limits = { ...DEFAULT_READER_LIMITS, maxStreamedItemLength: 256 };
    await expect(
      streamed(page(`<t:Message>${'x'.repeat(1000)}</t:Message>`), [64], { limits }),
    ).rejects.toThrow(/maxStreamedItemLength/);
  });

  it('finds a list whose name holds `.` or `-` literally, and refuses an empty path', async () => {
    const xml = `<m:Root xmlns:m="${EWS_MESSAGES_NAMESPACE}"><m:aXb><m:a.b><m:I/></m:a.b></m:aXb></m:Root>`;
    expect((await streamed(xml, [2], {}, ['Root', 'aXb'])).children.map((c) => c.name)).toEqual(['a.b']);
    expect((await streamed(xml, [2], {}, ['Root', 'aXb', 'a.b'])).children.map((c) => c.name)).toEqual(['I']);
    await expect(streamed(xml, [2], {}, [])).rejects.toBeInstanceOf(EwsInvalidArgumentError);
  });
});
