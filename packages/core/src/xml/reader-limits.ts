import { EwsInvalidArgumentError } from '../errors/error-classes.js';

/**
 * The bounds within which a server's answer is read. Each is far above what a real Exchange
 * answer needs and well below what would hurt the process; an answer beyond one is refused with
 * EWS_PROTOCOL naming the limit, never read partly or guessed at. Set them on `EwsClient`
 * (`readerLimits`) or per `parseXml` call (`limits`); a limit can be raised to
 * `Number.POSITIVE_INFINITY` to switch it off.
 */
export interface ReaderLimits {
  /**
   * Elements nested inside each other, the root counting as 1. A FindItem item sits at depth 8;
   * each level of item attachments adds 3 and an echoed restriction (search folders, inbox rules)
   * a few per operator, so real answers stay far below the default.
   */
  readonly maxDepth: number;
  /** Characters in an element or attribute name, prefix included (EWS names are under 64). */
  readonly maxNameLength: number;
  /** Attributes of one element, namespace declarations included. */
  readonly maxAttributes: number;
  /** Characters in one attribute value (item ids are a few hundred; namespace URIs count too). */
  readonly maxAttributeValueLength: number;
  /**
   * Bytes of an answer read whole (`EwsClient.send`, error answers); the reading stops as soon as
   * the limit is passed, so no larger answer is ever held in memory. Streamed answers
   * (`sendStream`) are not read whole and have `maxStreamedItemLength` instead.
   */
  readonly maxResponseBytes: number;
  /**
   * Characters of one element cut out of a streamed answer (one FindItem item), and of the text
   * around the streamed list (the envelope before and after it), held while it is read.
   */
  readonly maxStreamedItemLength: number;
}

/** Some limits to set, the others keeping their defaults. */
export type ReaderLimitOverrides = { readonly [Limit in keyof ReaderLimits]?: number | undefined };

/** The defaults; documented in core's README. */
export const DEFAULT_READER_LIMITS: ReaderLimits = Object.freeze({
  maxDepth: 256,
  maxNameLength: 256,
  maxAttributes: 64,
  maxAttributeValueLength: 64 * 1024,
  maxResponseBytes: 64 * 1024 * 1024,
  maxStreamedItemLength: 16 * 1024 * 1024,
});

const LIMIT_NAMES = Object.keys(DEFAULT_READER_LIMITS) as readonly (keyof ReaderLimits)[];

/**
 * The defaults with `overrides` applied, checked once: each a positive integer or
 * `Number.POSITIVE_INFINITY` (no limit). `where` names the option in error messages.
 */
export function resolveReaderLimits(
  overrides: ReaderLimitOverrides | undefined,
  where = 'readerLimits',
): ReaderLimits {
  if (overrides === undefined) return DEFAULT_READER_LIMITS;
  if (typeof overrides !== 'object' || overrides === null) {
    throw new EwsInvalidArgumentError(`${where} must be an object of limits`);
  }
  const resolved: Record<string, number> = { ...DEFAULT_READER_LIMITS };
  for (const [name, value] of Object.entries(overrides)) {
    if (!(LIMIT_NAMES as readonly string[]).includes(name)) {
      throw new EwsInvalidArgumentError(`${where}.${name} is not a reader limit (${LIMIT_NAMES.join(', ')})`);
    }
    if (value === undefined) continue;
    if (
      typeof value !== 'number' ||
      !(value === Number.POSITIVE_INFINITY || (Number.isSafeInteger(value) && value >= 1))
    ) {
      throw new EwsInvalidArgumentError(
        `${where}.${name} must be a positive integer or Number.POSITIVE_INFINITY, got ${String(value).slice(0, 40)}`,
      );
    }
    resolved[name] = value;
  }
  return Object.freeze(resolved) as unknown as ReaderLimits;
}
