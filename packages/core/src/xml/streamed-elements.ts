import { EwsInvalidArgumentError, EwsProtocolError } from '../errors/error-classes.js';
import type { XmlContentRules } from './content-rules.js';
import { parseXml, readFragmentContext, type XmlFragmentContext } from './parse.js';
import { DEFAULT_READER_LIMITS, type ReaderLimits } from './reader-limits.js';
import { StrictUtf8Decoder } from './strict-utf8-decoder.js';
import { isXmlChar } from './xml-chars.js';
import { readerLimitError } from './xml-limit-error.js';
import { XmlNameTable } from './xml-name-table.js';
import type { XmlNode } from './xml-node.js';

/*
 * The streaming cutter, beside the reader whose rules it keeps: reads a streamed document whose
 * bulk is one list element (the `<m:Items>` of a FindItem page) without ever holding it whole.
 * Each child of the list is cut out of the text as soon as its bytes have arrived, parsed on its
 * own by parseXml and handed over; what was read is dropped. Everything but the list's children
 * (the "skeleton": for an EWS answer the envelope, ResponseMessage, RootFolder and the empty list)
 * is returned at the end, for the usual decoding.
 *
 * The cutter only delimits; it judges nothing itself. A cut child is judged exactly as the same
 * child inside the whole document would be: the bytes must be UTF-8, and each child is parsed in
 * the list's context (readFragmentContext: the namespace declarations in scope at the list, its
 * depth, the reader limits and the content rules given), so its prefixes, namespaces, entities,
 * depth and characters are checked as in place. The list is the element where the buffered reader
 * looks for it (`listPath`, names as XmlNode has them, so a list of another namespace is not it),
 * and no more than `maxStreamedItemLength` characters of unread text are ever held (one child, or
 * the document around the list).
 *
 * Well-formedness is kept: the skeleton is parsed whole by whoever reads it, every child is parsed
 * whole, and only whitespace and comments may come between children, so a malformed document is
 * refused as the buffered reader refuses it (a fault after the list shows once the children before
 * it were handed over).
 */

// Elements with the list's local name that are not the list, looked at before giving up.
const MAX_OTHER_CANDIDATES = 8;

/** How streamElementChildren reads: as parseXml would read the whole document. */
export interface StreamElementChildrenOptions {
  /** Named in error messages. */
  readonly operation?: string | undefined;
  /** The client's limits (EwsStreamResponse.readerLimits); DEFAULT_READER_LIMITS if not given. */
  readonly limits?: ReaderLimits | undefined;
  /** The document's content rules (EWS_ANSWER_CONTENT for an EWS answer); none if not given. */
  readonly content?: XmlContentRules | undefined;
}

/**
 * Yields the children of the list element at `listPath` (element names from the root as XmlNode
 * has them, the last one the list's) in the UTF-8 `body`, parsed one at a time as they arrive;
 * returns the skeleton text (the document with that element's children removed), or the whole
 * text when there is no such list. Errors are EwsProtocolErrors, as parseXml's.
 */
export async function* streamElementChildren(
  body: AsyncIterable<Uint8Array>,
  listPath: readonly string[],
  options: StreamElementChildrenOptions = {},
): AsyncGenerator<XmlNode, string, undefined> {
  const { operation, content } = options;
  const limits = options.limits ?? DEFAULT_READER_LIMITS;
  const listName = listPath[listPath.length - 1];
  if (listName === undefined || listName === '')
    throw new EwsInvalidArgumentError('streamElementChildren: listPath names no element');
  // A foreign list is named `{uri}local`; its start tag shows only the local name.
  const listLocal = listName.slice(listName.lastIndexOf('}') + 1);
  const maxHeld = limits.maxStreamedItemLength;
  const decoder = new StrictUtf8Decoder(operation);
  // The children share their names: read each name once per answer, not once per child.
  const names = new XmlNameTable();
  // The name's `.` and `-` are taken literally (what else a name may hold needs no escaping).
  const listStart = new RegExp(
    `<(?:[A-Za-z_][\\w.\\-]*:)?${listLocal.replace(/[.-]/g, '\\$&')}(?=[\\s/>])`,
    'g',
  );
  const scanner = new ElementScanner();
  // Changed inside advance(), so not narrowed by the compiler.
  let phase = 'prefix' as 'prefix' | 'children' | 'rest';
  // Unread text. In the prefix phase also what was read (it is part of the skeleton); in the
  // children phase only what the scanner has not been through: the part of the current item it
  // has scanned waits in `itemParts`, so a long item is never re-joined or re-scanned per chunk.
  let text = '';
  let pos = 0;
  let itemParts: string[] = [];
  let itemLength = 0;
  // Between items: inside a comment, whose end is searched for from here.
  let commentFrom = -1;
  let prefix = '';
  let searchFrom = 0;
  let otherCandidates = 0;
  let context: XmlFragmentContext | undefined;
  const advance = function* (): Generator<XmlNode, void, undefined> {
    if (phase === 'prefix') {
      listStart.lastIndex = searchFrom;
      const match = listStart.exec(text);
      if (match === null) {
        // A name cut by the chunk boundary is found again next time.
        searchFrom = Math.max(0, text.length - listLocal.length - 64);
        return;
      }
      const end = tagEnd(text, match.index);
      if (end === -1) {
        searchFrom = match.index;
        return;
      }
      const empty = text.charCodeAt(end - 2) === 0x2f; /* / */
      // The list's start tag as an open one, for the context of what it holds.
      const opened = empty ? `${text.slice(0, end - 2)}>` : text.slice(0, end);
      const candidate = readFragmentContext(opened, { operation, limits, content });
      if (!samePath(candidate.path, listPath)) {
        // Not the list (another namespace, another place): the buffered reader would not read it
        // either. It stays in the skeleton; the search goes on after it, a few times at most
        // (each look reads the text so far again).
        if (++otherCandidates > MAX_OTHER_CANDIDATES) {
          throw new EwsProtocolError(
            `More than ${MAX_OTHER_CANDIDATES} elements named <${listName}> before the list at ${listPath.join('/')}`,
            { operation },
          );
        }
        searchFrom = end;
        yield* advance();
        return;
      }
      context = candidate;
      if (empty) {
        // An empty list: all of it is skeleton.
        prefix = text;
        text = '';
        phase = 'rest';
        return;
      }
      prefix = text.slice(0, end);
      text = text.slice(end);
      pos = 0;
      phase = 'children';
    }
    if (phase === 'children') {
      for (;;) {
        if (scanner.scanning) {
          const end = scanner.scan(text);
          if (end === -1) {
            // Not all here: keep what was scanned aside, hold only the rest.
            const scanned = scanner.consumed;
            itemParts.push(text.slice(0, scanned));
            itemLength += scanned;
            text = text.slice(scanned);
            scanner.shift(scanned);
            return;
          }
          const item = itemParts.length === 0 ? text.slice(0, end) : itemParts.join('') + text.slice(0, end);
          itemParts = [];
          itemLength = 0;
          text = text.slice(end);
          pos = 0;
          yield parseXml(item, { operation, names, context });
          continue;
        }
        if (commentFrom !== -1) {
          const end = text.indexOf('-->', commentFrom);
          if (end === -1) {
            // What is read of a comment between items is dropped (it is in no item nor the skeleton),
            // once checked as the whole reader checks a comment's characters.
            // Two characters stay (a `-->` may be cut after them), never part of the `<!--` itself,
            // and never the second half of a surrogate pair without its first.
            let keep = Math.max(commentFrom, text.length - 2);
            const unit = text.charCodeAt(keep);
            if (keep > commentFrom && unit >= 0xdc00 && unit <= 0xdfff) keep -= 1;
            checkCommentText(text, commentFrom, keep, operation);
            text = text.slice(keep);
            commentFrom = 0;
            return;
          }
          checkCommentText(text, commentFrom, end, operation);
          pos = end + 3;
          commentFrom = -1;
        }
        while (pos < text.length && isXmlSpace(text.charCodeAt(pos))) pos++;
        if (pos >= text.length) {
          text = '';
          pos = 0;
          return;
        }
        if (text.charCodeAt(pos) !== 0x3c /* < */)
          throw new EwsProtocolError(`Unexpected text between the children of <${listName}>`, { operation });
        // Too short yet to tell a comment or an end tag from an item.
        if (text.length - pos < 4) {
          text = text.slice(pos);
          pos = 0;
          return;
        }
        if (text.startsWith('</', pos)) {
          text = text.slice(pos);
          pos = 0;
          phase = 'rest';
          return;
        }
        if (text.startsWith('<!--', pos)) {
          commentFrom = pos + 4;
          continue;
        }
        text = text.slice(pos);
        pos = 0;
        scanner.begin();
      }
    }
  };
  /** Appends decoded text (what was read is already dropped). */
  const append = (decoded: string): void => {
    text += decoded;
  };
  /** Refuses to hold more than maxHeld characters unread (one item, or the envelope around the list). */
  const checkHeld = (): void => {
    const held = phase === 'children' ? itemLength + text.length : text.length;
    if (held > maxHeld) throw readerLimitError('maxStreamedItemLength', limits, operation);
  };
  for await (const chunk of body) {
    append(decoder.decode(chunk, true));
    yield* advance();
    checkHeld();
  }
  append(decoder.end());
  yield* advance();
  checkHeld();
  if (phase === 'prefix') return text; // no list (an error answer, say): all of it is skeleton
  // An unfinished list leaves its text in the skeleton, which then fails to parse.
  return prefix + (phase === 'children' ? itemParts.join('') + text : text);
}

function samePath(path: readonly string[], expected: readonly string[]): boolean {
  return path.length === expected.length && path.every((name, index) => name === expected[index]);
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
 * Finds where an element ends, by counting start and end tags (comments, CDATA and processing
 * instructions skipped, quotes in tags respected); only delimits (parseXml checks the element).
 * Resumable: it keeps its state between calls, and says how much of the text it has been
 * through (`consumed`), so the caller can set that aside and give it only what follows, with
 * more text appended. Each character of an item is scanned once, however it is chunked.
 */
class ElementScanner {
  #scanning = false;
  #mode: 'content' | 'tag' | 'comment' | 'cdata' | 'instruction' = 'content';
  /** Where to go on from. */
  #pos = 0;
  /** In a tag: where it starts, and the quote it is inside (0 for none). */
  #tagStart = 0;
  #quote = 0;
  #depth = 0;

  /** Whether an element is being scanned. */
  get scanning(): boolean {
    return this.#scanning;
  }

  /** How much of the text given to the last `scan` is behind the scanner (and can be dropped). */
  get consumed(): number {
    return this.#mode === 'tag' ? this.#tagStart : this.#pos;
  }

  /** Starts on an element whose `<` is the first character of the next text. */
  begin(): void {
    this.#scanning = true;
    this.#mode = 'content';
    this.#pos = 0;
    this.#depth = 0;
    this.#quote = 0;
  }

  /** The first `removed` characters of the text were set aside. */
  shift(removed: number): void {
    this.#pos -= removed;
    this.#tagStart -= removed;
  }

  /** The position just after the element, or -1 if its end has not arrived (see `consumed`). */
  scan(text: string): number {
    for (;;) {
      switch (this.#mode) {
        case 'content': {
          const lt = text.indexOf('<', this.#pos);
          if (lt === -1) {
            this.#pos = text.length;
            return -1;
          }
          this.#pos = lt;
          // Too short to tell `<!--`, `<![CDATA[` or `<?` from a tag yet.
          if (text.length - lt < 9 && (text.length - lt < 2 || text.charCodeAt(lt + 1) === 0x21)) return -1;
          if (text.startsWith('<!--', lt)) this.#skipTo('comment', lt + 4);
          else if (text.startsWith('<![CDATA[', lt)) this.#skipTo('cdata', lt + 9);
          else if (text.startsWith('<?', lt)) this.#skipTo('instruction', lt + 2);
          else {
            this.#mode = 'tag';
            this.#tagStart = lt;
            this.#pos = lt + 1;
            this.#quote = 0;
          }
          break;
        }
        case 'tag': {
          const end = this.#tagEnd(text);
          if (end === -1) return -1;
          if (text.charCodeAt(this.#tagStart + 1) === 0x2f /* / */) this.#depth--;
          else if (text.charCodeAt(end - 2) !== 0x2f) this.#depth++;
          this.#mode = 'content';
          this.#pos = end;
          if (this.#depth <= 0) {
            this.#scanning = false;
            return end;
          }
          break;
        }
        default: {
          const terminator = this.#mode === 'comment' ? '-->' : this.#mode === 'cdata' ? ']]>' : '?>';
          const end = text.indexOf(terminator, this.#pos);
          if (end === -1) {
            // The terminator may start in the last characters: look there again next time.
            this.#pos = Math.max(this.#pos, text.length - terminator.length + 1);
            return -1;
          }
          this.#mode = 'content';
          this.#pos = end + terminator.length;
        }
      }
    }
  }

  #skipTo(mode: 'comment' | 'cdata' | 'instruction', from: number): void {
    this.#mode = mode;
    this.#pos = from;
  }

  /** Goes on through the current tag; the position after its `>`, or -1 (quote state kept). */
  #tagEnd(text: string): number {
    let quote = this.#quote;
    for (let index = this.#pos; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (quote !== 0) {
        if (code === quote) quote = 0;
      } else if (code === 0x22 || code === 0x27) quote = code;
      else if (code === 0x3e /* > */) return index + 1;
    }
    this.#quote = quote;
    this.#pos = text.length;
    return -1;
  }
}

/** A comment's text between items holds XML characters only, as the whole reader requires. */
function checkCommentText(text: string, from: number, to: number, operation: string | undefined): void {
  for (let i = from; i < to; i++) {
    const codePoint = text.codePointAt(i) ?? 0;
    if (!isXmlChar(codePoint)) {
      throw new EwsProtocolError('Malformed XML: a character XML cannot carry in a comment', { operation });
    }
    if (codePoint > 0xffff) i++;
  }
}
