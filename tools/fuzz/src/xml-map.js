// A map of a well-formed XML text (an answer a server wrote): where each element, attribute and
// text run is, so mutations can cut, copy and rewrite exact spans. Several root documents in one
// text are allowed (a GetStreamingEvents body). It trusts its input: the answers it maps come from
// a server's writer, not from the mutations.

const XMLNS = 'http://www.w3.org/2000/xmlns/';
const NAME_END = /[\s/>=]/;

/**
 * @param {string} text
 * @returns {import('../index.js').XmlMap}
 */
export function mapXml(text) {
  /** @type {import('../index.js').MappedElement[]} */
  const elements = [];
  /** @type {number[]} */
  const stack = [];
  /** @type {number[]} */
  const roots = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i && stack.length > 0) addText(elements[stack[stack.length - 1]], i, textEnd, false);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      i = requireIndex(text, '-->', lt + 4) + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = requireIndex(text, ']]>', lt + 9) + 3;
      if (stack.length > 0) addText(elements[stack[stack.length - 1]], lt, end, true);
      i = end;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      i = requireIndex(text, '?>', lt + 2) + 2;
      continue;
    }
    if (text.startsWith('<!', lt)) {
      i = requireIndex(text, '>', lt + 2) + 1;
      continue;
    }
    if (text.charCodeAt(lt + 1) === 0x2f) {
      const gt = requireIndex(text, '>', lt);
      const open = stack.pop();
      if (open === undefined) throw new Error(`mapXml: end tag without a start at ${lt}`);
      const element = elements[open];
      element.closeStart = lt;
      element.end = gt + 1;
      i = gt + 1;
      continue;
    }
    const element = readStartTag(text, lt, elements.length, stack);
    elements.push(element);
    if (element.parent === undefined) roots.push(element.index);
    else elements[element.parent].children.push(element.index);
    if (!element.selfClosing) stack.push(element.index);
    i = element.openEnd;
  }
  if (stack.length > 0) throw new Error('mapXml: unclosed elements');
  for (const element of elements) element.namespace = resolve(elements, element.index, element.prefix);
  return { text, elements, roots };
}

function requireIndex(text, what, from) {
  const at = text.indexOf(what, from);
  if (at < 0) throw new Error(`mapXml: no ${what} after ${from}`);
  return at;
}

function addText(element, start, end, cdata) {
  element.texts.push({ start, end, cdata });
}

function readStartTag(text, lt, index, stack) {
  let p = lt + 1;
  while (p < text.length && !NAME_END.test(text[p])) p++;
  const qname = text.slice(lt + 1, p);
  const nameEnd = p;
  const attributes = [];
  for (;;) {
    while (/\s/.test(text[p])) p++;
    if (text[p] === '>' || text[p] === '/') break;
    const start = p;
    while (!NAME_END.test(text[p])) p++;
    const name = text.slice(start, p);
    while (/\s/.test(text[p])) p++;
    p++; // =
    while (/\s/.test(text[p])) p++;
    const quote = text[p];
    const valueStart = p + 1;
    const valueEnd = text.indexOf(quote, valueStart);
    if (valueEnd < 0) throw new Error(`mapXml: unterminated attribute at ${start}`);
    p = valueEnd + 1;
    attributes.push({
      qname: name,
      ...splitName(name),
      start,
      end: p,
      valueStart,
      valueEnd,
      value: text.slice(valueStart, valueEnd),
    });
  }
  const selfClosing = text[p] === '/';
  const openEnd = text.indexOf('>', p) + 1;
  const parent = stack.length > 0 ? stack[stack.length - 1] : undefined;
  const { prefix, local } = splitName(qname);
  return {
    index,
    qname,
    prefix,
    local,
    namespace: undefined,
    start: lt,
    nameEnd,
    openEnd,
    closeStart: selfClosing ? openEnd : -1,
    end: selfClosing ? openEnd : -1,
    selfClosing,
    depth: stack.length,
    parent,
    children: [],
    attributes,
    texts: [],
  };
}

/** @param {string} qname */
export function splitName(qname) {
  const colon = qname.indexOf(':');
  return colon < 0
    ? { prefix: undefined, local: qname }
    : { prefix: qname.slice(0, colon), local: qname.slice(colon + 1) };
}

/** The namespace URI `prefix` (undefined: the default namespace) has at `index`, from its declarations. */
export function resolve(elements, index, prefix) {
  if (prefix === 'xml') return 'http://www.w3.org/XML/1998/namespace';
  if (prefix === 'xmlns') return XMLNS;
  const declaration = prefix === undefined ? 'xmlns' : `xmlns:${prefix}`;
  for (let at = index; at !== undefined; at = elements[at].parent) {
    const found = elements[at].attributes.find((attribute) => attribute.qname === declaration);
    if (found) return found.value;
  }
  return prefix === undefined ? '' : undefined;
}
