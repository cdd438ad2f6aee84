import { EwsProtocolError, parseXml, XmlNameTable, type XmlNode } from '@ews/core';

/*
 * Reads a streamed SOAP answer whose bulk is one list element (`<m:Items>` of a FindItem page)
 * without ever holding the answer whole: each child of the list is cut out of the text as soon as
 * its bytes have arrived, parsed on its own (parseXml: fully checked) and handed over; what was
 * read is dropped. Everything but the list's children (the "skeleton": envelope, ResponseMessage,
 * RootFolder and the empty list) is returned at the end, for the usual decoding.
 *
 * Well-formedness is kept: the skeleton is parsed whole, every child is parsed whole, and only
 * whitespace and comments may come between children, so a malformed answer is refused as
 * before (a fault after the list shows once the items before it were handed over).
 */

/**
 * Yields the children of the first element named `listName` (any prefix) in `body`, parsed one
 * at a time; returns the skeleton text (the document with that element's children removed).
 */
export async function* streamListChildren(
  body: AsyncIterable<Uint8Array>,
  listName: string,
  operation: string,
): AsyncGenerator<XmlNode, string, undefined> {
  const decoder = new TextDecoder('utf-8');
  // The children share their names: read each name once per answer, not once per child.
  const names = new XmlNameTable();
  const listStart = new RegExp(`<(?:[A-Za-z_][\\w.\\-]*:)?${listName}(?=[\\s/>])`, 'g');
  // Changed inside advance(), so not narrowed by the compiler.
  let phase = 'prefix' as 'prefix' | 'children' | 'rest';
  // Unread text; in the prefix phase also what was read (it is part of the skeleton).
  let text = '';
  let pos = 0;
  let prefix = '';
  let searchFrom = 0;
  const advance = function* (): Generator<XmlNode, void, undefined> {
    if (phase === 'prefix') {
      listStart.lastIndex = searchFrom;
      const match = listStart.exec(text);
      if (match === null) {
        // A name cut by the chunk boundary is found again next time.
        searchFrom = Math.max(0, text.length - listName.length - 64);
        return;
      }
      const end = tagEnd(text, match.index);
      if (end === -1) {
        searchFrom = match.index;
        return;
      }
      if (text.charCodeAt(end - 2) === 0x2f /* / */) {
        // An empty list: all of it is skeleton.
        prefix = text;
        text = '';
        phase = 'rest';
        return;
      }
      prefix = text.slice(0, end);
      pos = end;
      phase = 'children';
    }
    if (phase === 'children') {
      for (;;) {
        while (pos < text.length && isXmlSpace(text.charCodeAt(pos))) pos++;
        if (pos >= text.length) return;
        if (text.charCodeAt(pos) !== 0x3c /* < */)
          throw new EwsProtocolError(`Unexpected text between the children of <${listName}>`, { operation });
        if (text.startsWith('</', pos)) {
          text = text.slice(pos);
          pos = 0;
          phase = 'rest';
          return;
        }
        if (text.startsWith('<!--', pos)) {
          const end = text.indexOf('-->', pos + 4);
          if (end === -1) return;
          pos = end + 3;
          continue;
        }
        const end = elementEnd(text, pos);
        if (end === -1) return;
        const child = parseXml(text.slice(pos, end), { operation, names });
        pos = end;
        yield child;
      }
    }
  };
  for await (const chunk of body) {
    // Read text is dropped: the new string no longer refers to it once flattened.
    text = (phase === 'children' ? text.slice(pos) : text) + decoder.decode(chunk, { stream: true });
    if (phase === 'children') pos = 0;
    yield* advance();
  }
  text = (phase === 'children' ? text.slice(pos) : text) + decoder.decode();
  if (phase === 'children') pos = 0;
  yield* advance();
  if (phase === 'prefix') return text; // no list (an error answer, say): all of it is skeleton
  // An unfinished list leaves its text in the skeleton, which then fails to parse.
  return prefix + (phase === 'children' ? text.slice(pos) : text);
}

/** XML's white space (not Unicode's: a no-break space is text). */
function isXmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

/** The position just after the tag starting at `lt` (quotes respected), or -1 if not all here. */
function tagEnd(text: string, lt: number): number {
  let quote = 0;
  for (let index = lt + 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 0x22 || code === 0x27) quote = code;
    else if (code === 0x3e /* > */) return index + 1;
  }
  return -1;
}

/**
 * The position just after the element starting at `start`, by counting start and end tags, or
 * -1 if its end has not arrived. Only delimits: parseXml checks the element.
 */
function elementEnd(text: string, start: number): number {
  let depth = 0;
  let pos = start;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt === -1) return -1;
    let end: number;
    if (text.startsWith('<!--', lt)) {
      end = text.indexOf('-->', lt + 4);
      if (end === -1) return -1;
      pos = end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      end = text.indexOf(']]>', lt + 9);
      if (end === -1) return -1;
      pos = end + 3;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      end = text.indexOf('?>', lt + 2);
      if (end === -1) return -1;
      pos = end + 2;
      continue;
    }
    end = tagEnd(text, lt);
    if (end === -1) return -1;
    pos = end;
    if (text.charCodeAt(lt + 1) === 0x2f /* / */) depth--;
    else if (text.charCodeAt(end - 2) !== 0x2f) depth++;
    if (depth <= 0) return pos;
  }
}
