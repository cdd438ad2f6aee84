// Text as XML carries it: decoding what a server wrote, escaping what a mutation writes, and
// encoding to bytes the way a broken server might (lone surrogates kept as their 3-byte form).

const PREDEFINED = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The text an element's raw content (or an attribute's raw value) stands for. */
export function decodeXmlText(raw, cdata = false) {
  if (cdata) return raw.slice(9, -3);
  return raw.replace(/\r\n?/g, '\n').replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref) => {
    if (ref[0] !== '#') return PREDEFINED[ref] ?? whole;
    const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Escapes text for element content; `\r` as a reference so the reader's line-end rule keeps it. */
export function escapeXmlText(text) {
  return text.replace(/[&<>\r]/g, (c) =>
    c === '\r' ? '&#xD;' : `&${c === '&' ? 'amp' : c === '<' ? 'lt' : 'gt'};`,
  );
}

/** Escapes text for a double-quoted attribute value (whitespace kept by references). */
export function escapeXmlAttribute(text) {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#xA;').replace(/\t/g, '&#x9;');
}

const UTF8 = new TextEncoder();

/** UTF-8 bytes of `text`; a lone surrogate becomes its 3-byte form (invalid UTF-8), not U+FFFD. */
export function encodeUtf8Loose(text) {
  if (text.isWellFormed()) return UTF8.encode(text);
  const bytes = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (code < 0x80) bytes[n++] = code;
    else if (code < 0x800) {
      bytes[n++] = 0xc0 | (code >> 6);
      bytes[n++] = 0x80 | (code & 63);
    } else if (code < 0x10000) {
      bytes[n++] = 0xe0 | (code >> 12);
      bytes[n++] = 0x80 | ((code >> 6) & 63);
      bytes[n++] = 0x80 | (code & 63);
    } else {
      bytes[n++] = 0xf0 | (code >> 18);
      bytes[n++] = 0x80 | ((code >> 12) & 63);
      bytes[n++] = 0x80 | ((code >> 6) & 63);
      bytes[n++] = 0x80 | (code & 63);
    }
  }
  return bytes.slice(0, n);
}

/** Whether every character of `text` is one XML 1.0 allows (Char production). */
export function isXmlChars(text) {
  for (const char of text) {
    const code = char.codePointAt(0);
    const ok =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!ok) return false;
  }
  return true;
}
