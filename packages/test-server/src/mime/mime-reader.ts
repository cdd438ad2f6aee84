/**
 * A small, bounded reader of RFC 5322 / MIME messages (what CreateItem's t:MimeContent carries): headers
 * (unfolded, RFC 2047 encoded words), single-part and multipart bodies, base64 and quoted-printable.
 * It reads what a test server needs and refuses the rest with a MimeError instead of guessing.
 */

export class MimeError extends Error {
  override readonly name = 'MimeError';
}

/** Limits: a message is refused beyond them (each is far above what a test mail needs). */
const MAX_BYTES = 16 * 1024 * 1024;
const MAX_HEADER_LINES = 1000;
const MAX_DEPTH = 8;
const MAX_PARTS = 200;

export interface MimeAddress {
  readonly name: string | undefined;
  readonly address: string;
}

export interface MimeAttachment {
  readonly name: string;
  readonly contentType: string;
  readonly contentId: string | undefined;
  readonly isInline: boolean;
  readonly content: Buffer;
}

export interface MimeMessage {
  readonly subject: string | undefined;
  readonly body: { readonly text: string; readonly type: 'HTML' | 'Text' } | undefined;
  readonly from: MimeAddress | undefined;
  readonly to: readonly MimeAddress[];
  readonly cc: readonly MimeAddress[];
  readonly bcc: readonly MimeAddress[];
  readonly date: Date | undefined;
  readonly messageId: string | undefined;
  readonly inReplyTo: string | undefined;
  readonly references: string | undefined;
  readonly attachments: readonly MimeAttachment[];
}

interface Part {
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
}

interface ContentType {
  readonly type: string;
  readonly params: ReadonlyMap<string, string>;
}

/** Bytes to text in a charset this reader knows (UTF-8, US-ASCII, ISO-8859-1 / Windows-1252). */
function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  const name = (charset ?? 'us-ascii').toLowerCase();
  if (name === 'utf-8' || name === 'utf8') return bytes.toString('utf8');
  if (name === 'us-ascii' || name === 'ascii') return bytes.toString('latin1');
  if (name === 'iso-8859-1' || name === 'latin1' || name === 'windows-1252') {
    return new TextDecoder(name === 'windows-1252' ? 'windows-1252' : 'latin1').decode(bytes);
  }
  throw new MimeError(`charset ${name.slice(0, 40)} is not supported`);
}

function decodeQuotedPrintable(text: string, underscoreIsSpace: boolean): Buffer {
  const source = underscoreIsSpace ? text.replace(/_/g, ' ') : text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i] ?? '';
    const hex = source.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char, 'latin1'));
    }
  }
  return Buffer.from(bytes);
}

function decodeBase64(text: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw new MimeError('a base64 body is not base64');
  return Buffer.from(compact, 'base64');
}

/** RFC 2047 encoded words in a header value (=?charset?B|Q?text?=), whitespace between words dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?)/g, '$1')
    .replace(
      /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g,
      (_, charset: string, encoding: string, text: string) => {
        const bytes = encoding.toUpperCase() === 'B' ? decodeBase64(text) : decodeQuotedPrintable(text, true);
        return decodeCharset(bytes, charset.replace(/\*.*$/, ''));
      },
    );
}

function splitHeaderBlock(bytes: Buffer): { headerText: string; body: Buffer } {
  const text = bytes.toString('latin1');
  const match = /\r?\n\r?\n/.exec(text);
  if (match === null) return { headerText: text, body: Buffer.alloc(0) };
  return {
    headerText: text.slice(0, match.index),
    body: bytes.subarray(Buffer.byteLength(text.slice(0, match.index + match[0].length), 'latin1')),
  };
}

function readHeaders(headerText: string): Map<string, string> {
  const lines = headerText.split(/\r?\n/);
  if (lines.length > MAX_HEADER_LINES) throw new MimeError('too many header lines');
  const headers = new Map<string, string>();
  let current: [string, string] | undefined;
  const flush = () => {
    if (current !== undefined && !headers.has(current[0])) headers.set(current[0], current[1].trim());
  };
  for (const line of lines) {
    if (line === '') continue;
    if (/^[ \t]/.test(line)) {
      if (current === undefined) throw new MimeError('a header starts with a continuation line');
      current[1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || !/^[\x21-\x39\x3b-\x7e]+$/.test(line.slice(0, colon))) {
      throw new MimeError('a header line is not "Name: value"');
    }
    flush();
    current = [line.slice(0, colon).toLowerCase(), line.slice(colon + 1)];
  }
  flush();
  return headers;
}

function readPart(bytes: Buffer): Part {
  const { headerText, body } = splitHeaderBlock(bytes);
  return { headers: readHeaders(headerText), body };
}

/** `type/subtype; name=value; name="quoted value"` (type lower-cased; RFC 2231 continuations not read). */
function contentTypeOf(value: string | undefined, fallback: string): ContentType {
  const [head = '', ...rest] = (value ?? fallback).split(';');
  const params = new Map<string, string>();
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq <= 0) continue;
    const key = param.slice(0, eq).trim().toLowerCase();
    const raw = param.slice(eq + 1).trim();
    params.set(key, decodeWords(raw.startsWith('"') ? raw.slice(1, raw.lastIndexOf('"')) : raw));
  }
  return { type: head.trim().toLowerCase() || fallback, params };
}

function transferDecoded(part: Part): Buffer {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return decodeBase64(part.body.toString('latin1'));
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body.toString('latin1'), false);
  if (encoding === '7bit' || encoding === '8bit' || encoding === 'binary') return part.body;
  throw new MimeError(`Content-Transfer-Encoding ${encoding.slice(0, 40)} is not supported`);
}

function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  if (boundary === '' || boundary.length > 70)
    throw new MimeError('a multipart boundary is missing or too long');
  const text = body.toString('latin1');
  const delimiter = `--${boundary}`;
  const parts: Buffer[] = [];
  let at = text.indexOf(delimiter);
  if (at < 0) throw new MimeError('a multipart body has no boundary line');
  while (at >= 0) {
    const afterDelimiter = at + delimiter.length;
    if (text.startsWith('--', afterDelimiter)) return parts;
    const start = text.indexOf('\n', afterDelimiter);
    if (start < 0) break;
    const next = text.indexOf(`\n${delimiter}`, start);
    if (next < 0) break;
    const end = text[next - 1] === '\r' ? next - 1 : next;
    parts.push(Buffer.from(text.slice(start + 1, end), 'latin1'));
    if (parts.length > MAX_PARTS) throw new MimeError('too many MIME parts');
    at = next + 1;
  }
  throw new MimeError('a multipart body does not end with its closing boundary');
}

interface Collected {
  plain: string | undefined;
  html: string | undefined;
  attachments: MimeAttachment[];
}

function filenameOf(part: Part, type: ContentType): string | undefined {
  const disposition = contentTypeOf(part.headers.get('content-disposition'), 'inline');
  return disposition.params.get('filename') ?? type.params.get('name');
}

function collect(part: Part, depth: number, into: Collected): void {
  if (depth > MAX_DEPTH) throw new MimeError('MIME parts are nested too deeply');
  const type = contentTypeOf(part.headers.get('content-type'), 'text/plain');
  if (type.type.startsWith('multipart/')) {
    for (const bytes of splitMultipart(part.body, type.params.get('boundary') ?? '')) {
      collect(readPart(bytes), depth + 1, into);
    }
    return;
  }
  const disposition = contentTypeOf(part.headers.get('content-disposition'), 'inline').type;
  const filename = filenameOf(part, type);
  const content = transferDecoded(part);
  if (
    disposition !== 'attachment' &&
    filename === undefined &&
    type.type === 'text/plain' &&
    into.plain === undefined
  ) {
    into.plain = decodeCharset(content, type.params.get('charset'));
    return;
  }
  if (
    disposition !== 'attachment' &&
    filename === undefined &&
    type.type === 'text/html' &&
    into.html === undefined
  ) {
    into.html = decodeCharset(content, type.params.get('charset'));
    return;
  }
  const contentId = part.headers.get('content-id')?.replace(/^<|>$/g, '');
  into.attachments.push({
    name: filename ?? 'attachment',
    contentType: type.type,
    contentId,
    isInline: disposition === 'inline' && contentId !== undefined,
    content,
  });
}

/** "Name" <address>, address (Name), bare addresses; groups' names are dropped. */
function readAddresses(value: string | undefined): MimeAddress[] {
  if (value === undefined) return [];
  const entries: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  for (const char of decodeWords(value)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '<') angle += 1;
    else if (!quoted && char === '>') angle = Math.max(0, angle - 1);
    if (!quoted && angle === 0 && (char === ',' || char === ';')) {
      entries.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  entries.push(current);
  const out: MimeAddress[] = [];
  for (const raw of entries) {
    const entry = raw.replace(/^[^<"]*:/, '').trim();
    if (entry === '') continue;
    const angled = /^(.*)<([^<>]+)>\s*$/.exec(entry);
    const address = (angled?.[2] ?? entry.replace(/\(.*\)/, '')).trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(address))
      throw new MimeError('an address header holds something that is not an address');
    const name = angled?.[1]
      ?.trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    out.push({ name: name === '' ? undefined : name, address });
  }
  return out;
}

/** Reads a whole message; MimeError when it is not one this reader can read. */
export function readMimeMessage(bytes: Buffer): MimeMessage {
  if (bytes.length > MAX_BYTES) throw new MimeError('the message is too large');
  const top = readPart(bytes);
  if (top.headers.size === 0) throw new MimeError('the message has no headers');
  const collected: Collected = { plain: undefined, html: undefined, attachments: [] };
  collect(top, 0, collected);
  const header = (name: string) => {
    const value = top.headers.get(name);
    return value === undefined ? undefined : decodeWords(value);
  };
  const dateText = top.headers.get('date');
  const date = dateText === undefined ? undefined : new Date(dateText.replace(/\s*\([^)]*\)\s*$/, ''));
  const from = readAddresses(top.headers.get('from'))[0];
  return {
    subject: header('subject'),
    body:
      collected.html !== undefined
        ? { text: collected.html, type: 'HTML' }
        : collected.plain !== undefined
          ? { text: collected.plain, type: 'Text' }
          : undefined,
    from,
    to: readAddresses(top.headers.get('to')),
    cc: readAddresses(top.headers.get('cc')),
    bcc: readAddresses(top.headers.get('bcc')),
    date: date === undefined || Number.isNaN(date.getTime()) ? undefined : date,
    messageId: top.headers.get('message-id')?.trim(),
    inReplyTo: top.headers.get('in-reply-to')?.trim(),
    references: top.headers.get('references')?.trim(),
    attachments: collected.attachments,
  };
}
