/** A piece of already-serialized XML. Strings passed as content are text and get escaped. */
export interface XmlFragment {
  readonly xml: string;
}

export type XmlContent = XmlFragment | string | number | boolean | null | undefined | readonly XmlContent[];

export type XmlAttrs = Readonly<Record<string, string | number | boolean | undefined>>;

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // A literal CR is read back as LF (XML 1.0 §2.11), and a literal tab or LF in an attribute as a
  // space (§3.3.3): as character references they survive.
  '\r': '&#13;',
  '\t': '&#9;',
  '\n': '&#10;',
};

/** Text content: markup characters and CR escaped. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"\r]/g, (ch) => TEXT_ESCAPES[ch] ?? ch);
}

/** An attribute value: as text, and tab and LF too. */
export function escapeAttributeValue(value: string): string {
  return value.replace(/[&<>"\r\t\n]/g, (ch) => TEXT_ESCAPES[ch] ?? ch);
}

export function raw(xml: string): XmlFragment {
  return { xml };
}

function isFragment(value: XmlContent): value is XmlFragment {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function serialize(content: XmlContent): string {
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) return content.map(serialize).join('');
  if (isFragment(content as XmlContent)) return (content as XmlFragment).xml;
  return escapeXml(String(content));
}

/** `<name attrs>content</name>`; attributes whose value is undefined are left out. */
export function el(name: string, attrs: XmlAttrs | null, ...content: XmlContent[]): XmlFragment {
  let open = `<${name}`;
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value !== undefined) open += ` ${key}="${escapeAttributeValue(String(value))}"`;
  }
  const body = serialize(content);
  return { xml: body === '' ? `${open}/>` : `${open}>${body}</${name}>` };
}

/** A text element, or nothing when the value is undefined (optional schema elements). */
export function textEl(name: string, value: string | number | boolean | undefined): XmlFragment | undefined {
  if (value === undefined) return undefined;
  return { xml: `<${name}>${escapeXml(String(value))}</${name}>` };
}

export function toXml(content: XmlContent): string {
  return serialize(content);
}
