import { type BodyChunk, el, raw, type XmlFragment } from '@ews/core';

/*
 * Every request element services sends is built with core's `el()`/`fragments()`
 * (test/no-template-xml.test.ts keeps it so); what @ews/models writes comes as XmlFragments and is
 * placed as a child. This file holds the one slot a built element is split at: the streamed body.
 */

/** `<t:FieldURI FieldURI="…"/>` */
export function fieldUriXml(fieldUri: string): XmlFragment {
  return el('t:FieldURI', { FieldURI: fieldUri });
}

/** xs:dateTime in UTC without milliseconds: every Exchange version parses it. */
export function utcDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * An operation element sent in three parts around streamed content (core's StreamedOperationBody),
 * with `before` and `after` as fragments: services' send path takes no strings.
 */
export interface StreamedFragmentBody {
  readonly before: XmlFragment;
  readonly content: AsyncIterable<BodyChunk> | (() => AsyncIterable<BodyChunk>);
  readonly after: XmlFragment;
}

// NUL can never come out of `el` (XML 1.0 cannot carry it, so escapeText refuses it): the slot
// marks one place in a built element unambiguously.
const SLOT_TEXT = '\u0000ews-streamed-content\u0000';

/** Where `streamedBody` puts the streamed content: place it as a child in the built element. */
export const STREAMED_CONTENT_SLOT: XmlFragment = raw(SLOT_TEXT);

/**
 * Splits an element built with `el()` that holds STREAMED_CONTENT_SLOT exactly once into the
 * `before` and `after` of a streamed body, so the whole element is still written by `el()`.
 */
export function streamedBody(
  whole: XmlFragment,
  content: StreamedFragmentBody['content'],
): StreamedFragmentBody {
  const at = whole.xml.indexOf(SLOT_TEXT);
  if (at < 0 || whole.xml.indexOf(SLOT_TEXT, at + 1) >= 0) {
    throw new Error('streamedBody: the element must hold STREAMED_CONTENT_SLOT exactly once');
  }
  return {
    before: raw(whole.xml.slice(0, at)),
    content,
    after: raw(whole.xml.slice(at + SLOT_TEXT.length)),
  };
}
