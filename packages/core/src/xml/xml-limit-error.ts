import { EwsProtocolError } from '../errors/error-classes.js';
import type { ReaderLimits } from './reader-limits.js';

/** What each reader limit bounds, for error messages. */
const LIMIT_SUBJECTS: Readonly<Record<keyof ReaderLimits, string>> = {
  maxDepth: 'elements nested deeper than',
  maxNameLength: 'a name longer than',
  maxAttributes: 'an element with more attributes than',
  maxAttributeValueLength: 'an attribute value longer than',
  maxResponseBytes: 'an answer larger than',
  maxStreamedItemLength: 'a streamed element longer than',
};

const LIMIT_UNITS: Readonly<Record<keyof ReaderLimits, string>> = {
  maxDepth: 'levels',
  maxNameLength: 'characters',
  maxAttributes: 'attributes',
  maxAttributeValueLength: 'characters',
  maxResponseBytes: 'bytes',
  maxStreamedItemLength: 'characters',
};

/**
 * A document beyond one of the reader's limits, and where (an offset into the document).
 * Internal: parseXml turns it into an EwsProtocolError with a line and column.
 */
export class XmlLimitError extends Error {
  readonly limit: keyof ReaderLimits;
  readonly value: number;
  readonly offset: number;

  constructor(limit: keyof ReaderLimits, value: number, offset: number) {
    super(limitDescription(limit, value));
    this.name = 'XmlLimitError';
    this.limit = limit;
    this.value = value;
    this.offset = offset;
  }
}

/** `elements nested deeper than the reader limit maxDepth (256 levels)`. */
export function limitDescription(limit: keyof ReaderLimits, value: number): string {
  return `${LIMIT_SUBJECTS[limit]} the reader limit ${limit} (${value} ${LIMIT_UNITS[limit]})`;
}

/** How to raise `limit`, for the end of an error message. */
export function raiseLimitHint(limit: keyof ReaderLimits): string {
  return (
    `if the answer is genuine, raise it with EwsClient's readerLimits option ({ readerLimits: { ${limit}: … } }) ` +
    '(parseXml: its limits option)'
  );
}

/**
 * The EWS_PROTOCOL error for an answer beyond `limit` (for readers outside parseXml, such as a
 * streamed list): names the limit, its value and how to raise it.
 */
export function readerLimitError(
  limit: keyof ReaderLimits,
  limits: ReaderLimits,
  operation?: string,
): EwsProtocolError {
  return new EwsProtocolError(
    `Refused the answer: ${limitDescription(limit, limits[limit])}; ${raiseLimitHint(limit)}`,
    { operation },
  );
}
