import { type BodyChunk, el, raw, type XmlFragment } from '@ews/core';

/*
 * Every request element services sends is built with core's `el()`/`fragments()`
 * (test/no-template-xml.test.ts keeps it so). This file is the one place that wraps XML it did
 * not build itself: the XML @ews/models writers hand over, and the streamed-body slot.
 */

/**
 * XML written by an @ews/models writer (shapes, restrictions, item and folder fields, views),
 * as a fragment. Models' writers escape what they write; while some still return strings this
 * adapter takes both (issue 16: to go once every models writer returns an XmlFragment).
 */
export function modelXml(xml: string | XmlFragment): XmlFragment {
  return typeof xml === 'string' ? raw(xml) : xml;
}

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
 * What is inside the one `name` element an @ews/models writer wrote (a `<m:Restriction>` whose
 * search expression goes into a seek view's `<t:Condition>`), or undefined when `model` is not
 * exactly one such element. The tags compared against are written by `el`, not by hand.
 */
export function modelContentOf(model: XmlFragment, name: string): XmlFragment | undefined {
  const [open, close] = el(name, {}, raw('\u0000')).xml.split('\u0000') as [string, string];
  const xml = model.xml;
  if (xml.length < open.length + close.length || !xml.startsWith(open) || !xml.endsWith(close))
    return undefined;
  const inner = xml.slice(open.length, xml.length - close.length);
  // One element: its content holds no second closing tag of the same name at its top.
  if (inner.includes(close)) return undefined;
  return raw(inner);
}

/**
 * Splits XML an @ews/models writer wrote around the LAST element whose whole text is `text` (a
 * placeholder the caller had written there, e.g. a FileAttachment's Content, last in its
 * sequence): the element's tags stay in `before`/`after`, streamed content goes between them.
 * Undefined when no element holds exactly `text`.
 */
export function aroundModelText(
  model: XmlFragment,
  text: string,
): { readonly before: XmlFragment; readonly after: XmlFragment } | undefined {
  // Text is escaped, so `>text<` can only be an element's whole content, never inside a value.
  const at = model.xml.lastIndexOf(`>${text}<`);
  if (at < 0) return undefined;
  return {
    before: raw(model.xml.slice(0, at + 1)),
    after: raw(model.xml.slice(at + 1 + text.length)),
  };
}

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
