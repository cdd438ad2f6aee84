/**
 * Why a document is not well-formed, and where (an offset into the document). Internal:
 * parseXml turns it into an EwsProtocolError with a line and column. The message never quotes
 * the document, which may carry anything.
 */
export class XmlSyntaxError extends Error {
  readonly kind: XmlSyntaxErrorKind;
  readonly offset: number;

  constructor(kind: XmlSyntaxErrorKind, message: string, offset: number) {
    super(message);
    this.name = 'XmlSyntaxError';
    this.kind = kind;
    this.offset = offset;
  }
}

/** The same kinds fast-xml-parser's validator reports, so messages read as they did before. */
export type XmlSyntaxErrorKind = 'InvalidTag' | 'InvalidAttr' | 'InvalidChar' | 'InvalidXml';

/** 1-based line and column of `offset`; CR LF counts as one line break. */
export function lineAndColumn(document: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let index = document.indexOf('\n');
    index !== -1 && index < offset;
    index = document.indexOf('\n', index + 1)
  ) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
