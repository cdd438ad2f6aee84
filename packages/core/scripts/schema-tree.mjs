// A small reader for the vendored EWS schema files (XSD and WSDL), enough for the generators:
// elements as { name, attributes, children }, comments and text dropped. The files are plain
// machine-written XML (no CDATA, no entities beyond the predefined five, attributes in double
// quotes), which this relies on and checks as far as it goes (every end tag matches).

const TAG = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*"([^"]*)"/g;

/** The root element of `text`. */
export function readSchemaTree(text) {
  const root = { name: '#document', attributes: {}, children: [] };
  const stack = [root];
  for (const match of text.matchAll(TAG)) {
    const [whole, closing, name, attributeText, selfClosing] = match;
    if (whole.startsWith('<!--') || whole.startsWith('<?')) continue;
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      continue;
    }
    const attributes = {};
    for (const [, key, value] of (attributeText ?? '').matchAll(ATTRIBUTE)) attributes[key] = value;
    const element = { name, attributes, children: [] };
    stack[stack.length - 1].children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
  const [first] = root.children;
  if (first === undefined || root.children.length !== 1) throw new Error('expected one root element');
  return first;
}

/** `[prefix, local]` of a qualified name (`m:ItemType` → `['m', 'ItemType']`). */
export function splitQName(qname) {
  const colon = qname.indexOf(':');
  return colon === -1 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}
